import { Hono } from "hono";
import type { AppEnv } from "../env";
import { parseNoParameters } from "../search/query";

/** GET /sources: every source with its document count, largest first. */
export const sourceRoutes = new Hono<AppEnv>().get("/", (c) => {
  parseNoParameters(new URL(c.req.url).searchParams);
  const counts = c.get("searchIndex").meta.sources;
  const sources = Object.entries(counts)
    .map(([name, documents]) => ({ name, documents }))
    .sort((a, b) => b.documents - a.documents || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return c.json({ sources });
});
