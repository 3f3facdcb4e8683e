/**
 * Files the build writes beside the index: the page's script and styles,
 * the OpenAPI document and the API reference. They come from Workers Static
 * Assets, through the Worker because run_worker_first keeps the index
 * artifact (in the same folder) private.
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { PAGE_SECURITY_POLICY } from "../middleware/headers";

export const staticRoutes = new Hono<AppEnv>()
  .get("/static/:file{[a-z0-9-]+\\.(?:js|css|svg)}", (c) => fromAssets(c, `/static/${c.req.param("file")}`))
  .get("/openapi.json", (c) => fromAssets(c, "/openapi.json"))
  .get("/docs", async (c) => {
    const response = await fromAssets(c, "/docs.html");
    response.headers.set("Content-Security-Policy", PAGE_SECURITY_POLICY);
    return response;
  });

async function fromAssets(c: Context<AppEnv>, path: string): Promise<Response> {
  // The client's If-None-Match goes along, so an unchanged file is a 304.
  const asset = await c.env.ASSETS.fetch(new Request(`https://assets.local${path}`, { headers: c.req.raw.headers }));
  if (asset.status === 304) return new Response(null, asset);
  if (!asset.ok) throw new ApiError("not_found", `${path} has not been built; run \`npm run build:index\``);
  // A fresh Response: the assets binding's headers are immutable.
  const response = new Response(asset.body, asset);
  response.headers.set("Cache-Control", "public, max-age=300");
  return response;
}
