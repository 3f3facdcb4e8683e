/**
 * Optional API keys. A deployment that sets the secret SEARCH_API_KEY
 * (`npx wrangler secret put SEARCH_API_KEY`) makes its corpus private:
 * every API route, ours and Meilisearch's, asks for
 * `Authorization: Bearer <key>`, as Meilisearch's clients send it, and
 * answers 401 without one and 403 with another. Without the secret the
 * corpus is public, as before.
 *
 * What stays open with a key: CORS preflights (a browser sends them
 * without credentials), the API reference (/docs, /openapi.json, /static/),
 * which describe the API and hold nothing of the corpus, and a Meilisearch
 * client's GET /health (Meilisearch's is public too). The search page, the
 * reading view and the InstantSearch example are not served with a key set:
 * they call the API from the browser, which would then need the key.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { MeilisearchError } from "../meilisearch/errors";
import { isMeilisearchClient, MEILISEARCH_PATH } from "../routes/meilisearch";

/** Open whatever the key: documentation of the API, never the corpus. */
const OPEN = /^\/(?:docs|openapi\.json|static\/[^/]+|favicon\.ico)\/?$/;

export const requireKey = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.env.SEARCH_API_KEY;
  if (!key || c.req.method === "OPTIONS" || OPEN.test(c.req.path)) return next();
  if (c.req.path.replace(/\/$/, "") === "/health" && isMeilisearchClient(c)) return next();
  const meilisearch = MEILISEARCH_PATH.test(c.req.path);
  const header = c.req.header("Authorization");
  const given = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? "")?.[1];
  if (given === undefined) {
    c.header("WWW-Authenticate", 'Bearer realm="corpus-search"');
    const page = c.req.path === "/" || c.req.path.startsWith("/read/") || c.req.path.startsWith("/instantsearch");
    const message = page
      ? "This corpus is private (its deployment sets an API key), so its search page is not served; search it through the API with `Authorization: Bearer <key>`."
      : "The Authorization header is missing. It must use the bearer authorization method: `Authorization: Bearer <key>`.";
    throw meilisearch ? new MeilisearchError("missing_authorization_header", message) : new ApiError("missing_authorization_header", message);
  }
  if (!(await sameKey(given, key))) {
    const message = "The provided API key is invalid.";
    throw meilisearch ? new MeilisearchError("invalid_api_key", message) : new ApiError("invalid_api_key", message);
  }
  return next();
});

/**
 * Compared in constant time: both keys are hashed first, so the comparison
 * sees two digests of one length whatever was sent, and timingSafeEqual
 * takes as long whether they differ in the first byte or the last.
 */
async function sameKey(given: string, key: string): Promise<boolean> {
  const digest = (text: string) => crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  const [a, b] = await Promise.all([digest(given), digest(key)]);
  return crypto.subtle.timingSafeEqual(a, b);
}
