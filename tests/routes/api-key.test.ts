/**
 * A deployment with the secret SEARCH_API_KEY: every API route, ours and
 * Meilisearch's, asks for `Authorization: Bearer <key>` (401 without one,
 * 403 with another), each in its own error shape; preflights, the API
 * reference and a Meilisearch client's GET /health stay open; the search
 * page is not served. The app is called with the test's env plus the key,
 * as the shared wrangler config cannot set a secret for one file.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { Meilisearch, MeilisearchApiError } from "meilisearch-0.62";
import app from "../../src/index";
import type { Bindings } from "../../src/env";

const KEY = "s3cret";
const keyed: Bindings = { ...(env as unknown as Bindings), SEARCH_API_KEY: KEY };
const REUTERS = "002_0bec946113768599";
const WASHINGTON_TIMES = "004_dc6718f12059daa3";

async function call(path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await app.fetch(new Request(`http://search.test${path}`, init), keyed);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML or text: kept as it is.
  }
  return { status: response.status, headers: response.headers, body };
}

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const meilisearchBody = (code: string) => ({ message: expect.any(String), code, type: "auth", link: `https://docs.meilisearch.com/errors#${code}` });

// The first search loads the index, which takes seconds inside workerd.
beforeAll(() => call("/search?q=safe+zones", { headers: bearer(KEY) }), 60_000);

describe("our API with a key set", () => {
  it("answers 401 missing_authorization_header, with WWW-Authenticate, without an Authorization header", async () => {
    const { status, headers, body } = await call("/search?q=safe+zones");
    expect(status).toBe(401);
    expect(body).toEqual({ error: { code: "missing_authorization_header", message: "The Authorization header is missing. It must use the bearer authorization method: `Authorization: Bearer <key>`." } });
    expect(headers.get("WWW-Authenticate")).toBe('Bearer realm="corpus-search"');
    expect(headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("answers 401 to an Authorization header that is not a bearer key", async () => {
    const { status, body } = await call("/search?q=safe+zones", { headers: { Authorization: `Basic ${btoa(`user:${KEY}`)}` } });
    expect(status).toBe(401);
    expect(body.error.code).toBe("missing_authorization_header");
  });

  it("answers 403 invalid_api_key to another key", async () => {
    const { status, headers, body } = await call("/search?q=safe+zones", { headers: bearer("s3cret2") });
    expect(status).toBe(403);
    expect(body).toEqual({ error: { code: "invalid_api_key", message: "The provided API key is invalid." } });
    expect(headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("marks answers given with the key private, so no shared cache gives them to a request without it", async () => {
    const { status, headers } = await call("/search?q=safe+zones", { headers: bearer(KEY) });
    expect(status).toBe(200);
    expect(headers.get("Cache-Control")).toBe("private, max-age=300");
    expect(headers.get("Vary")).toContain("Authorization");
  });

  it("answers with the right key, whatever the case of the scheme", async () => {
    const { status, body } = await call("/search?q=safe+zones", { headers: bearer(KEY) });
    expect(status).toBe(200);
    expect(body.total).toBe(4);
    expect((await call("/search?q=safe+zones", { headers: { Authorization: `bearer ${KEY}` } })).status).toBe(200);
  });

  it("asks for the key before answering from the cache or a conditional request", async () => {
    const first = await call("/search?q=safe+zones", { headers: bearer(KEY) });
    const etag = first.headers.get("ETag");
    expect(etag).not.toBeNull();
    expect((await call("/search?q=safe+zones", { headers: { ...bearer(KEY), "If-None-Match": etag! } })).status).toBe(304);
    const conditional = await call("/search?q=safe+zones", { headers: { "If-None-Match": etag! } });
    expect(conditional.status).toBe(401);
    expect(conditional.body.error.code).toBe("missing_authorization_header");
    expect((await call("/search?q=safe+zones", { method: "HEAD" })).status).toBe(401);
  });

  it("asks for the key on every API route", async () => {
    for (const path of ["/documents/" + REUTERS, "/sources", "/suggest?q=saf", "/health", "/nope"]) {
      const { status, body } = await call(path);
      expect(status, path).toBe(401);
      expect(body.error.code, path).toBe("missing_authorization_header");
    }
    expect((await call("/documents/" + REUTERS, { headers: bearer(KEY) })).status).toBe(200);
  });

  it("does not serve the search page or the reading view: 401", async () => {
    for (const path of ["/", `/read/${REUTERS}`]) {
      const { status, body } = await call(path);
      expect(status, path).toBe(401);
      expect(body.error.code, path).toBe("missing_authorization_header");
      expect(body.error.message, path).toContain("This corpus is private");
    }
  });

  it("keeps the API reference open", async () => {
    for (const path of ["/docs", "/openapi.json"]) expect((await call(path)).status, path).toBe(200);
  });

  it("answers a preflight without a key: 204 with the CORS headers", async () => {
    const response = await app.fetch(
      new Request("http://search.test/indexes/corpus/search", {
        method: "OPTIONS",
        headers: { Origin: "https://example.org", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type, x-meilisearch-client" },
      }),
      keyed,
    );
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Access-Control-Allow-Methods")).toBe("GET,HEAD,POST,OPTIONS");
    expect(response.headers.get("Access-Control-Allow-Headers")).toBe("If-None-Match,Authorization,Content-Type,X-Meilisearch-Client");
    expect(response.headers.get("Access-Control-Max-Age")).toBe("86400");
  });
});

describe("the Meilisearch routes with a key set", () => {
  const search = (headers: Record<string, string>) =>
    call("/indexes/corpus/search", { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify({ q: "safe zones" }) });

  it("answer 401 missing_authorization_header in Meilisearch's shape without a key", async () => {
    const { status, headers, body } = await search({});
    expect(status).toBe(401);
    expect(body).toEqual(meilisearchBody("missing_authorization_header"));
    expect(headers.get("WWW-Authenticate")).toBe('Bearer realm="corpus-search"');
    expect(headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("answer 403 invalid_api_key in Meilisearch's shape with another key", async () => {
    const { status, headers, body } = await search(bearer("nope"));
    expect(status).toBe(403);
    expect(body).toEqual({ ...meilisearchBody("invalid_api_key"), message: "The provided API key is invalid." });
    expect(headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("ask for the key on each of them", async () => {
    for (const path of ["/indexes", "/indexes/corpus", "/version", "/indexes/corpus/search?q=safe"]) {
      const { status, body } = await call(path);
      expect(status, path).toBe(401);
      expect(body, path).toEqual(meilisearchBody("missing_authorization_header"));
    }
    const multi = await call("/multi-search", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ queries: [] }) });
    expect(multi.status).toBe(401);
    expect(multi.body.code).toBe("missing_authorization_header");
  });

  it("answer a Meilisearch client's GET /health without a key", async () => {
    const { status, body } = await call("/health", { headers: { "X-Meilisearch-Client": "Meilisearch JavaScript (v0.62.0)" } });
    expect(status).toBe(200);
    expect(body).toEqual({ status: "available" });
  });
});

describe("meilisearch-js 0.62 against a keyed deployment", () => {
  afterEach(() => vi.unstubAllGlobals());
  const routeFetch = () => vi.stubGlobal("fetch", (input: RequestInfo | URL, init?: RequestInit) => app.fetch(new Request(input, init), keyed));

  it("searches with the key", async () => {
    routeFetch();
    const client = new Meilisearch({ host: "http://search.test", apiKey: KEY });
    const answer = await client.index("corpus").search("safe zones", { limit: 2 });
    expect(answer.hits.map((hit) => hit.id)).toEqual([REUTERS, WASHINGTON_TIMES]);
    expect(answer.estimatedTotalHits).toBe(4);
    expect(await client.isHealthy()).toBe(true);
  });

  it("rejects another key with invalid_api_key, 403, and no key with missing_authorization_header, 401", async () => {
    routeFetch();
    for (const [apiKey, code, status] of [
      ["wrong", "invalid_api_key", 403],
      [undefined, "missing_authorization_header", 401],
    ] as const) {
      const error = await new Meilisearch({ host: "http://search.test", apiKey }).index("corpus").search("safe zones").catch((error: unknown) => error);
      expect(error).toBeInstanceOf(MeilisearchApiError);
      expect((error as MeilisearchApiError).cause?.code).toBe(code);
      expect((error as MeilisearchApiError).response.status).toBe(status);
    }
    // Health stays open to it, key or none, as Meilisearch's does.
    expect(await new Meilisearch({ host: "http://search.test", apiKey: "wrong" }).health()).toEqual({ status: "available" });
    expect(await new Meilisearch({ host: "http://search.test" }).isHealthy()).toBe(true);
  });
});
