import { Hono } from "hono";
import type { SuggestResponse } from "../api/schemas";
import type { AppEnv } from "../env";
import { searchIndexOf } from "../search-index";
import { parseSuggestRequest } from "../search/query";
import { suggest } from "../search/suggest";

/** GET /suggest: completions of the query as typed, for a search box. */
export const suggestRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const { q, limit } = parseSuggestRequest(new URL(c.req.url).searchParams);
  const index = await searchIndexOf(c.env.ASSETS);
  return c.json({ query: q, suggestions: await suggest(index, q, limit) } satisfies SuggestResponse);
});
