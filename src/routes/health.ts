import { Hono } from "hono";
import type { HealthResponse } from "../api/schemas";
import type { AppEnv } from "../env";
import { searchIndexOf } from "../search-index";
import { parseNoParameters } from "../search/query";

/** GET /health: the index is loaded; which build it is. */
export const healthRoutes = new Hono<AppEnv>().get("/", async (c) => {
  parseNoParameters(new URL(c.req.url).searchParams);
  const { meta } = await searchIndexOf(c.env.ASSETS);
  c.header("Cache-Control", "no-store");
  return c.json({ status: "ok", documents: meta.documents, index: meta } satisfies HealthResponse);
});
