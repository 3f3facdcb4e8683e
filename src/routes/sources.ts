import { Hono } from "hono";
import type { SourcesResponse } from "../api/schemas";
import type { AppEnv } from "../env";
import { servedCorpusOf } from "../served-corpus";
import { byCountThenName } from "../search/facets";
import { parseNoParameters } from "../search/query";

/** GET /sources: every source with its document count, largest first. */
export const sourceRoutes = new Hono<AppEnv>().get("/", async (c) => {
  parseNoParameters(new URL(c.req.url).searchParams);
  const { meta } = await servedCorpusOf(c.env);
  const sources = Object.entries(meta.sources)
    .sort(byCountThenName)
    .map(([name, documents]) => ({ name, documents }));
  return c.json({ sources } satisfies SourcesResponse);
});
