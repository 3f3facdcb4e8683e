/** Response headers every API response carries. */
import { createMiddleware } from "hono/factory";

/**
 * Successful responses may be cached briefly: the index changes only on
 * deploy, and five minutes bounds how long a client sees the old one.
 */
export const SUCCESS_CACHE_CONTROL = "public, max-age=300";

export const apiHeaders = createMiddleware(async (c, next) => {
  await next();
  const headers = c.res.headers;
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "no-referrer");
  headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  if (!headers.has("Cache-Control")) {
    headers.set("Cache-Control", c.res.ok ? SUCCESS_CACHE_CONTROL : "no-store");
  }
});
