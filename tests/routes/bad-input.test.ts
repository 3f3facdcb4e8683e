import { describe, expect, it } from "vitest";
import { getJson, request } from "./fetch";

async function expectError(path: string, status: number, code: string, message?: string) {
  const response = await getJson(path);
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.body).toEqual({ error: { code, message: message ?? expect.any(String) } });
}

describe("bad input gets a 4xx JSON error, never a 500", () => {
  it.each([
    ["limit=abc", "limit must be an integer from 1 to 100"],
    ["limit=1.5", "limit must be an integer from 1 to 100"],
    ["limit=-1", "limit must be an integer from 1 to 100"],
    ["limit=", "limit must be an integer from 1 to 100"],
    ["offset=-5", "offset must be a non-negative integer"],
    ["offset=1e3", "offset must be a non-negative integer"],
    ["source=", "source must not be empty"],
    ["match=some", "match must be all or any"],
    ["from=May", "from must be an ISO 8601 date such as 2017, 2017-05 or 2017-05-02"],
  ])("rejects the malformed %s as invalid_parameter", (query, message) => expectError(`/search?${query}`, 400, "invalid_parameter", message));

  it("rejects an unknown parameter by name, so a typo does not silently search everything", () =>
    expectError("/search?q=korea&sources=Reuters", 400, "unknown_parameter", "unknown parameter: sources"));

  it("rejects a single-valued parameter given twice", () =>
    expectError("/search?q=a&q=b", 400, "repeated_parameter", "q may be given only once"));

  it("answers an unknown document with 404 document_not_found", () =>
    expectError("/documents/nope", 404, "document_not_found", 'no document has the id "nope"'));

  it("answers an unknown route with 404 not_found", () =>
    expectError("/nowhere", 404, "not_found", "no route for GET /nowhere"));

  it.each(["POST", "PUT", "PATCH", "DELETE"])("answers %s with 405 and an Allow header", async (method) => {
    const response = await request("/search?q=korea", { method });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(await response.json()).toEqual({
      error: { code: "method_not_allowed", message: `${method} is not allowed: this API is read-only (GET, HEAD, OPTIONS)` },
    });
  });
});

describe("every limit is enforced with its own code, never by clamping", () => {
  it("takes a q of 256 bytes in UTF-8 and rejects one byte more, however the characters are counted", async () => {
    const emoji = "😀".repeat(64); // 64 code points, 128 UTF-16 units, 256 bytes
    expect((await getJson(`/search?q=${encodeURIComponent(emoji)}`)).status).toBe(200);
    expect((await getJson(`/search?q=${"a".repeat(256)}`)).status).toBe(200);
    await expectError(`/search?q=${encodeURIComponent(`${emoji}a`)}`, 400, "query_too_long", "q is 257 bytes in UTF-8; at most 256 are allowed");
    await expectError(`/search?q=${"a".repeat(257)}`, 400, "query_too_long", "q is 257 bytes in UTF-8; at most 256 are allowed");
    await expectError(`/suggest?q=${encodeURIComponent(`${emoji}a`)}`, 400, "query_too_long", "q is 257 bytes in UTF-8; at most 256 are allowed");
  });

  it("looks up at most 10 words, ignoring the rest rather than failing", async () => {
    const words = Array.from({ length: 11 }, (_, i) => `word${i}`);
    expect((await getJson(`/search?q=${words.slice(0, 10).join("+")}`)).status).toBe(200);
    const { status, body } = await getJson(`/search?q=${words.join("+")}`);
    expect([status, body.ignoredWords]).toEqual([200, ["word10"]]);
  });

  it.each([
    ["/search?limit=0", "limit must be from 1 to 100; got 0"],
    ["/search?limit=101", "limit must be from 1 to 100; got 101"],
    ["/suggest?q=saf&limit=11", "limit must be from 1 to 10; got 11"],
  ])("rejects %s as limit_out_of_range", (path, message) => expectError(path, 400, "limit_out_of_range", message));

  it("pages no deeper than offset + limit = 1000 (the result window)", async () => {
    expect((await getJson("/search?offset=900&limit=100")).body.hits).toEqual([]);
    expect((await getJson("/search?offset=999&limit=1")).status).toBe(200);
    await expectError("/search?offset=901&limit=100", 400, "result_window_exceeded", "offset + limit must be at most 1000; got 901 + 100 = 1001");
    await expectError("/search?offset=1000", 400, "result_window_exceeded", "offset + limit must be at most 1000; got 1000 + 10 = 1010");
  });

  it("takes at most 10 different source values", async () => {
    const sources = (count: number) => Array.from({ length: count }, (_, i) => `source=s${i}`).join("&");
    expect((await getJson(`/search?${sources(10)}`)).status).toBe(200);
    await expectError(`/search?${sources(11)}`, 400, "too_many_sources", "source has 11 different values; at most 10 are allowed");
  });

  it("names an unknown parameter before any other problem", () =>
    expectError("/search?limit=0&sources=a&sources=b", 400, "unknown_parameter", "unknown parameter: sources"));

  it("refuses parameters on endpoints that take none", async () => {
    for (const path of ["/sources?verbose=1", "/health?x=1&x=2", "/documents/004_dc6718f12059daa3?full=1"]) {
      expect((await getJson(path)).body.error.code, path).toBe("unknown_parameter");
    }
  });
});
