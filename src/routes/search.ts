import { Hono } from "hono";
import type { AppEnv } from "../env";
import { searchIndexOf } from "../search-index";
import type { SearchResponse } from "../api/schemas";
import type { SearchIndex } from "../search/load";
import { filterableFields } from "../search/filters";
import { parseSearchRequest, type SearchRequest } from "../search/query";
import { search } from "../search/search";

/** GET /search: ranked hits with snippets and source facet counts. */
export const searchRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const params = new URL(c.req.url).searchParams;
  const index = await searchIndexOf(c.env.ASSETS).catch((error: unknown) => {
    // Which names are fields only the index knows: without it, every other
    // parameter is still checked (a bad value is the client's 400), and any
    // unknown name might be a field, so the answer is the index's 503.
    parseSearchRequest(params, [...params.keys()]);
    throw error;
  });
  const request = parseSearchRequest(params, filterableFields(index));
  return c.json(await searchResponse(index, request));
});

/** The /search body, also rendered by the search page. */
export async function searchResponse(index: SearchIndex, request: SearchRequest): Promise<SearchResponse> {
  const started = performance.now();
  const { query, total, relaxed, didYouMean, hits, facets } = await search(index, request);
  // Workers' clock does not advance during CPU work, so in production this
  // reads 0 unless the request waited on I/O; locally it is the real time.
  const tookMs = Math.round((performance.now() - started) * 100) / 100;
  return { query, total, tookMs, relaxed, didYouMean, hits, facets };
}
