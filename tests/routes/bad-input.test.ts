import { describe, expect, it } from "vitest";
import { getJson, request } from "./fetch";

async function expectError(path: string, status: number, code: string, message?: string) {
  const response = await getJson(path);
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.body).toEqual({ error: { code, message: message ?? expect.any(String) } });
}

describe("bad input gets a 4xx JSON error, never a 500", () => {
  it("rejects a q over 256 characters", () =>
    expectError(`/search?q=${"a".repeat(257)}`, 400, "query_too_long", "q must be at most 256 characters"));

  it.each([
    ["limit=0", "limit must be an integer from 1 to 100"],
    ["limit=101", "limit must be an integer from 1 to 100"],
    ["limit=abc", "limit must be an integer from 1 to 100"],
    ["limit=1.5", "limit must be an integer from 1 to 100"],
    ["limit=-1", "limit must be an integer from 1 to 100"],
    ["limit=", "limit must be an integer from 1 to 100"],
    ["offset=1001", "offset must be an integer from 0 to 1000"],
    ["offset=-5", "offset must be an integer from 0 to 1000"],
    ["offset=1e3", "offset must be an integer from 0 to 1000"],
    ["source=", "source must not be empty"],
  ])("rejects %s", (query, message) => expectError(`/search?${query}`, 400, "invalid_parameter", message));

  it("rejects an unknown parameter by name, so a typo does not silently search everything", () =>
    expectError("/search?q=korea&sources=Reuters", 400, "unknown_parameter", "unknown parameter: sources"));

  it("rejects a single-valued parameter given twice", () =>
    expectError("/search?q=a&q=b", 400, "repeated_parameter", "q may be given only once"));

  it("rejects more than 10 source values", () =>
    expectError(`/search?${Array.from({ length: 11 }, (_, i) => `source=s${i}`).join("&")}`, 400, "invalid_parameter"));

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

  it("survives control characters, lone surrogates and markup in q", async () => {
    for (const q of ["%00%01%1F", "%ED%A0%80", "\u202Ealert", "<script>alert(1)</script>", "((((((((", "' OR 1=1 --", ".*+?^${}()|[]\\"]) {
      const response = await request(`/search?q=${encodeURIComponent(q).replace(/%25/g, "%")}`);
      expect(response.status, q).toBe(200);
      await response.json();
    }
  });
});
