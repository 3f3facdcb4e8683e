import { Hono } from "hono";
import type { AppEnv } from "../env";
import { searchIndexOf } from "../search-index";
import { parseSearchRequest } from "../search/query";
import { search } from "../search/search";

/** GET /search: ranked hits with snippets and source facet counts. */
export const searchRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const request = parseSearchRequest(new URL(c.req.url).searchParams);
  const index = await searchIndexOf(c.env.ASSETS);
  const started = performance.now();
  const { query, total, relaxed, didYouMean, hits, facets } = search(index, request);
  // Workers' clock does not advance during CPU work, so in production this
  // reads 0 unless the request waited on I/O; locally it is the real time.
  const tookMs = Math.round((performance.now() - started) * 100) / 100;
  return c.json({ query, total, tookMs, relaxed, didYouMean, hits, facets });
});
