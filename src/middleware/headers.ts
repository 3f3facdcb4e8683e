/** Response headers every API response carries. */
import { createMiddleware } from "hono/factory";
import type { Bindings } from "../env";

/**
 * Successful responses may be cached briefly: the index changes only on
 * deploy, and five minutes bounds how long a client sees the old one.
 */
export const SUCCESS_CACHE_CONTROL = "public, max-age=300";

/** API responses are data: nothing in them may load or run anything. */
export const API_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * The pages load their own script and styles and call the API; nothing
 * else, and no inline script, so a snippet could not run code even if it
 * carried any.
 */
export const PAGE_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export const apiHeaders = createMiddleware(async (c, next) => {
  await next();
  const headers = c.res.headers;
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "no-referrer");
  // Routes that serve pages set their own policy.
  if (!headers.has("Content-Security-Policy")) headers.set("Content-Security-Policy", API_SECURITY_POLICY);
  if (!headers.has("Cache-Control")) {
    headers.set("Cache-Control", c.res.ok ? SUCCESS_CACHE_CONTROL : "no-store");
  }
  // A private corpus: no shared cache may give an answer to a request with the key to one without it (RFC 9111 §3.5).
  if ((c.env as Bindings | undefined)?.SEARCH_API_KEY) {
    headers.set("Cache-Control", headers.get("Cache-Control")!.replace(/\bpublic\b/, "private"));
    headers.append("Vary", "Authorization");
  }
});
