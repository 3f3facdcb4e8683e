/** The Worker's search index: fetched from the static assets once per isolate. */
import { ApiError } from "./errors";
import { ARTIFACT_ASSET_PATH } from "./search/artifact";
import { ArtifactError, loadSearchIndex, type SearchIndex } from "./search/load";

// One load per assets binding (in practice one per isolate); keyed rather
// than global so a test can hand the app an assets binding of its own.
const loads = new WeakMap<Fetcher, Promise<SearchIndex>>();

/**
 * The loaded index. Routes ask for it after validating their parameters, so
 * bad input gets its 400 even when the index is unavailable (503).
 */
export function searchIndexOf(assets: Fetcher): Promise<SearchIndex> {
  let loading = loads.get(assets);
  if (!loading) {
    // A failed load is forgotten, so the next request tries again.
    loading = fetchSearchIndex(assets).catch((error: unknown) => {
      loads.delete(assets);
      throw error;
    });
    loads.set(assets, loading);
  }
  return loading;
}

async function fetchSearchIndex(assets: Fetcher): Promise<SearchIndex> {
  // The host is ignored by the assets binding; only the path matters.
  const response = await assets.fetch(`https://assets.local${ARTIFACT_ASSET_PATH}`);
  if (!response.ok) {
    throw new ApiError("index_unavailable", "the search index has not been built; run `npm run build:index` and redeploy");
  }
  try {
    return loadSearchIndex(await response.text());
  } catch (error) {
    if (error instanceof ArtifactError) throw new ApiError("index_unavailable", error.message);
    throw error;
  }
}
