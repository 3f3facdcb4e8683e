import { Hono } from "hono";
import type { AppEnv } from "../env";

/** GET /health: the index is loaded; which build it is. */
export const healthRoutes = new Hono<AppEnv>().get("/", (c) => {
  const { meta } = c.get("searchIndex");
  c.header("Cache-Control", "no-store");
  return c.json({ status: "ok", documents: meta.documents, index: meta });
});
