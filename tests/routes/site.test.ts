import { describe, expect, it } from "vitest";
import {
  documentSchema,
  errorResponseSchema,
  healthResponseSchema,
  hitSchema,
  searchResponseSchema,
  sourcesResponseSchema,
  suggestResponseSchema,
} from "../../src/api/schemas";
import { PAGE_SECURITY_POLICY } from "../../src/middleware/headers";
import { getJson, request } from "./fetch";

describe("the files the build writes beside the index", () => {
  it("serves the page's script and styles with their types", async () => {
    const script = await request("/static/app.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain("function enhance(");
    const styles = await request("/static/app.css");
    expect(styles.headers.get("content-type")).toMatch(/^text\/css/);
  });

  it("serves nothing else from the assets: not the index, not a path outside /static", async () => {
    for (const path of ["/_artifact/manifest.json", "/static/../_artifact/manifest.json", "/static/app.json", "/docs.html"]) {
      const { status, body } = await getJson(path);
      expect(status, path).toBe(404);
      expect(body.error.code).toBe("not_found");
    }
  });

  it("serves the OpenAPI document and the reference page, under the page's security policy", async () => {
    const { status, body } = await getJson("/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    const docs = await request("/docs");
    expect(docs.headers.get("content-type")).toMatch(/^text\/html/);
    expect(docs.headers.get("content-security-policy")).toBe(PAGE_SECURITY_POLICY);
    expect(await docs.text()).toContain("<code>/search</code>");
  });
});

describe("real responses match the schemas the OpenAPI document is generated from", () => {
  it.each([
    ["/search?q=safe+zones", searchResponseSchema],
    ["/search?q=korea+xylophone&sort=-date&limit=1", searchResponseSchema],
    ["/search", searchResponseSchema],
    ["/suggest?q=trump+pres", suggestResponseSchema],
    ["/documents/004_dc6718f12059daa3", documentSchema],
    ["/sources", sourcesResponseSchema],
    ["/health", healthResponseSchema],
  ])("%s", async (path, schema) => {
    const { status, body } = await getJson(path);
    expect(status).toBe(200);
    expect(schema.strict().parse(body)).toEqual(body);
  });

  it.each(["/search?limit=0", "/search?sources=x", "/search?q=a&q=b", "/search?q=-korea", "/documents/nope", "/nope"])(
    "%s (an error)",
    async (path) => {
      const { status, body } = await getJson(path);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(errorResponseSchema.strict().parse(body)).toEqual(body);
    },
  );
});

describe("the examples in the API reference", () => {
  it.each([
    ["/search?q=safe+zones&limit=1", searchResponseSchema],
    ["/suggest?q=trump+pres&limit=2", suggestResponseSchema],
    ["/sources", sourcesResponseSchema],
  ])("are real answers from the seeds: %s", async (path, schema) => {
    const { body } = await getJson(path);
    const example = schema.meta()?.example as Record<string, unknown>;
    // Time is the one field no two answers share.
    expect({ ...body, tookMs: undefined }).toEqual({ ...example, tookMs: undefined });
  });

  it("show the real answer for a hit and a document", async () => {
    const { body } = await getJson("/search?q=safe+zones&limit=1");
    expect(body.hits[0]).toEqual(hitSchema.meta()?.example);
    const document = (await getJson("/documents/004_dc6718f12059daa3")).body;
    const example = documentSchema.meta()?.example as { text: string };
    expect({ ...document, text: undefined }).toEqual({ ...example, text: undefined });
    expect(document.text.startsWith(example.text.replace(/…$/, ""))).toBe(true);
  });
});
