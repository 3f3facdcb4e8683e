/**
 * Answers that depend only on the index and the request are cached: an
 * ETag from the build and the request (a 304 when the client has it), and
 * Cloudflare's edge cache where the Cache API works.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { servedCorpusOf } from "../served-corpus";
import { SUCCESS_CACHE_CONTROL } from "./headers";

/** What is cached: the JSON API's reads and the pages; not /health, which reports on now. */
const CACHED = /^\/(?:search|suggest|sources|documents\/.+|read\/.+)?\/?$/;

/**
 * The Cache API does nothing on workers.dev (only zones have a cache), and
 * locally it would hide the engine's cost from `npm run bench` and `npm run
 * load`: it is used on custom domains only.
 */
const NO_EDGE_CACHE = /(?:^|\.)workers\.dev$|^(?:localhost|127\.0\.0\.1|\[::1\])$/;

export const responseCache = createMiddleware<AppEnv>(async (c, next) => {
  if ((c.req.method !== "GET" && c.req.method !== "HEAD") || !CACHED.test(c.req.path)) return next();
  let build: string;
  try {
    build = (await servedCorpusOf(c.env)).build;
  } catch {
    // Unavailable: the route answers (a 400 for bad input, else 503), uncached.
    return next();
  }
  const url = new URL(c.req.url);
  const key = normalizedRequest(url);
  const etag = `W/"${build}-${await digest(key)}"`;
  const condition = c.req.header("If-None-Match");
  // A tag of this build and this very request was only ever sent with a 200, so the request was valid:
  // answered before the route runs. "*" names no request: the route decides, and a failing request gets its error.
  if (matchesEtag(condition, etag, { any: false })) {
    return c.body(null, 304, { ETag: etag, "Cache-Control": SUCCESS_CACHE_CONTROL });
  }
  const anyTag = matchesEtag(condition, etag, { any: true });
  const cache = NO_EDGE_CACHE.test(url.hostname) || typeof caches === "undefined" ? null : caches.default;
  // Keyed by build, so a deploy never serves the previous index's answers.
  const cacheKey = new Request(`https://${url.host}/__cache/${build}${key}`);
  const hit = await cache?.match(cacheKey);
  // A copy: what the cache hands back may not be changed, and later middleware sets headers.
  if (hit) return anyTag ? c.body(null, 304, { ETag: etag, "Cache-Control": SUCCESS_CACHE_CONTROL }) : new Response(hit.body, hit);
  await next();
  if (c.res.status !== 200) return;
  if (anyTag) {
    c.res = c.body(null, 304, { ETag: etag, "Cache-Control": SUCCESS_CACHE_CONTROL });
    return;
  }
  c.res.headers.set("ETag", etag);
  // The edge cache keeps an entry as long as this says, and no longer.
  c.res.headers.set("Cache-Control", SUCCESS_CACHE_CONTROL);
  if (cache && c.req.method === "GET") {
    const stored = cache.put(cacheKey, c.res.clone());
    try {
      c.executionCtx.waitUntil(stored);
    } catch {
      // No execution context (the app called directly): store before answering.
      await stored;
    }
  }
});

/** The path with its parameters sorted: the same question, however it is written, is one entry. */
function normalizedRequest(url: URL): string {
  const params = [...url.searchParams].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const query = new URLSearchParams(params).toString();
  return `${url.pathname.replace(/\/$/, "") || "/"}${query ? `?${query}` : ""}`;
}

async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return [...bytes.subarray(0, 12)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** If-None-Match holds this ETag (weak comparison, RFC 9110 §13.1.2), or, with `any`, "*". */
function matchesEtag(header: string | undefined, etag: string, { any }: { any: boolean }): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => (any && tag.trim() === "*") || bare(tag) === bare(etag));
}
