/**
 * Caching: an ETag from the index build and the request, 304 when the
 * client has the answer, and the edge cache on custom domains only.
 */
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import app from "../../src/index";
import { request } from "./fetch";

describe("ETag and 304", () => {
  it("tags a search with the build and the request, and answers 304 when the client has it", async () => {
    const first = await request("/search?q=safe+zones&limit=2");
    const etag = first.headers.get("ETag");
    expect(etag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    const again = await request("/search?q=safe+zones&limit=2", { headers: { "If-None-Match": etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get("ETag")).toBe(etag);
    expect(again.headers.get("Cache-Control")).toBe("public, max-age=300");
    expect(await again.text()).toBe("");
  });

  it("gives the same tag to the same question asked with its parameters in another order", async () => {
    const a = await request("/search?q=zones&limit=2&sort=date");
    const b = await request("/search?sort=date&limit=2&q=zones");
    expect(b.headers.get("ETag")).toBe(a.headers.get("ETag"));
  });

  it("gives different questions different tags, and a stale tag a full answer", async () => {
    const zones = (await request("/search?q=zones")).headers.get("ETag");
    const putin = await request("/search?q=putin", { headers: { "If-None-Match": zones! } });
    expect(putin.status).toBe(200);
    expect(putin.headers.get("ETag")).not.toBe(zones);
  });

  it("accepts a list of tags and the wildcard, as HTTP allows", async () => {
    const etag = (await request("/sources")).headers.get("ETag")!;
    expect((await request("/sources", { headers: { "If-None-Match": `W/"other", ${etag}` } })).status).toBe(304);
    expect((await request("/sources", { headers: { "If-None-Match": "*" } })).status).toBe(304);
  });

  it("answers If-None-Match: * with the route's error when the request fails, never a 304", async () => {
    for (const [path, status, code] of [
      ["/documents/does-not-exist", 404, "document_not_found"],
      ["/search?limit=0", 400, "limit_out_of_range"],
      ["/search?q=-korea", 400, "only_excluded_terms"],
    ] as const) {
      const response = await request(path, { headers: { "If-None-Match": "*" } });
      expect(response.status, path).toBe(status);
      expect(((await response.json()) as any).error.code).toBe(code);
    }
    const valid = await request("/search?q=safe", { headers: { "If-None-Match": "*" } });
    expect(valid.status).toBe(304);
    expect(valid.headers.get("ETag")).toMatch(/^W\//);
  });

  it("tags documents, suggestions and pages, but not errors or /health", async () => {
    for (const path of ["/documents/001_9b23b38645758bcd", "/suggest?q=zon", "/", "/read/001_9b23b38645758bcd"]) {
      expect((await request(path)).headers.get("ETag"), path).not.toBeNull();
    }
    for (const path of ["/health", "/search?limit=0", "/documents/nope", "/nowhere"]) {
      expect((await request(path)).headers.get("ETag"), path).toBeNull();
    }
  });
});

describe("the edge cache", () => {
  it("answers a repeated question from the Cache API on a custom domain", async () => {
    const url = "https://search.example.org/search?q=kremlin&limit=1";
    const first = await app.fetch(new Request(url), env);
    expect(first.status).toBe(200);
    const hit = await caches.default.match(new Request(`https://search.example.org/__cache/${first.headers.get("ETag")!.split('"')[1]!.split("-")[0]}/search?limit=1&q=kremlin`));
    expect(hit?.status).toBe(200);
    expect(await hit!.json()).toMatchObject({ query: "kremlin" });
  });

  it("skips the Cache API on workers.dev and on the local machine, where it does not apply", async () => {
    for (const host of ["corpus-search.someone.workers.dev", "127.0.0.1:8787", "localhost:8787"]) {
      const response = await app.fetch(new Request(`http://${host}/search?q=syria&limit=1`), env);
      expect(response.status).toBe(200);
      const build = response.headers.get("ETag")!.split('"')[1]!.split("-")[0];
      expect(await caches.default.match(new Request(`http://${host}/__cache/${build}/search?limit=1&q=syria`)), host).toBeUndefined();
    }
  });
});
