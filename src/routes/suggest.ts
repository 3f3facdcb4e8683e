import { Hono } from "hono";
import type { SuggestResponse } from "../api/schemas";
import type { AppEnv } from "../env";
import { servedCorpusOf } from "../served-corpus";
import { parseSuggestRequest } from "../search/query";

/** GET /suggest: completions of the query as typed, for a search box. */
export const suggestRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const { q, limit } = parseSuggestRequest(new URL(c.req.url).searchParams);
  const corpus = await servedCorpusOf(c.env);
  return c.json({ query: q, suggestions: await corpus.suggest(q, limit) } satisfies SuggestResponse);
});
