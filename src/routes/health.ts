import { Hono } from "hono";
import type { HealthResponse } from "../api/schemas";
import type { AppEnv } from "../env";
import { servedCorpusOf } from "../served-corpus";
import { parseNoParameters } from "../search/query";

/** GET /health: the index is loaded; which build it is. */
export const healthRoutes = new Hono<AppEnv>().get("/", async (c) => {
  parseNoParameters(new URL(c.req.url).searchParams);
  const corpus = await servedCorpusOf(c.env);
  // A router's health is its shards': each is asked now, and any failure is the 503.
  const shards = await corpus.shardHealth();
  c.header("Cache-Control", "no-store");
  return c.json({ status: "ok", documents: corpus.meta.documents, index: corpus.meta, ...(shards && { shards }) } satisfies HealthResponse);
});
