import { Hono } from "hono";
import type { AppEnv } from "../env";
import { servedCorpusOf, type ServedCorpus } from "../served-corpus";
import type { SearchResponse } from "../api/schemas";
import { filterableFields } from "../search/filters";
import { parseSearchRequest, type SearchRequest } from "../search/query";

/** GET /search: ranked hits with snippets and source facet counts. */
export const searchRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const params = new URL(c.req.url).searchParams;
  const corpus = await servedCorpusOf(c.env).catch((error: unknown) => {
    // Which names are fields only the index knows: without it, every other
    // parameter is still checked (a bad value is the client's 400), and any
    // unknown name might be a field, so the answer is the index's 503.
    parseSearchRequest(params, [...params.keys()]);
    throw error;
  });
  const request = parseSearchRequest(params, filterableFields(corpus));
  return c.json(await searchResponse(corpus, request));
});

/** The /search body, also rendered by the search page. */
export async function searchResponse(corpus: ServedCorpus, request: SearchRequest): Promise<SearchResponse> {
  const started = performance.now();
  const { query, total, relaxed, didYouMean, hits, facets, missingShards } = await corpus.search(request);
  // Workers' clock does not advance during CPU work, so in production this
  // reads 0 unless the request waited on I/O; locally it is the real time.
  const tookMs = Math.round((performance.now() - started) * 100) / 100;
  // Said only when asked for: partial=true takes an answer without the shards that failed.
  const partial = request.partial ? { partial: missingShards.length > 0, missingShards } : {};
  return { query, ignoredWords: request.ignoredWords ?? [], total, tookMs, relaxed, didYouMean, hits, facets, ...partial };
}
