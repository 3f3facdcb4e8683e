/** The Worker's search index: read from the static assets once per isolate. */
import { ApiError } from "./errors";
import { ArtifactError, openSearchIndex, type ArtifactReader, type SearchIndex } from "./search/load";

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
    loading = openSearchIndex(assetReader(assets)).catch((error: unknown) => {
      loads.delete(assets);
      throw unavailable(error);
    });
    loads.set(assets, loading);
  }
  return loading;
}

/**
 * Drops the loaded index after a piece of it could not be read (a new build
 * replaced the files under a running dev server): the next request loads
 * the current build.
 */
export function forgetSearchIndex(assets: Fetcher): void {
  loads.delete(assets);
}

/** An artifact error as the API reports it: 503 index_unavailable. */
export function unavailable(error: unknown): unknown {
  return error instanceof ArtifactError ? new ApiError("index_unavailable", error.message) : error;
}

function assetReader(assets: Fetcher): ArtifactReader {
  return async (path) => {
    let response: Response;
    try {
      // The host is ignored by the assets binding; only the path matters.
      response = await assets.fetch(`https://assets.local${path}`);
    } catch (error) {
      throw new ArtifactError(`the search artifact could not be read (${(error as Error).message}); rebuild it with \`npm run build:index\` and redeploy`);
    }
    if (!response.ok) {
      throw new ArtifactError(
        path.endsWith("manifest.json")
          ? "the search index has not been built; run `npm run build:index` and redeploy"
          : `the search artifact is missing ${path}; rebuild it with \`npm run build:index\``,
      );
    }
    return new Uint8Array(await response.arrayBuffer());
  };
}
