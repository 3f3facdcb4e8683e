import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSiteAssets } from "../../scripts/site-assets";
import { openApiDocument } from "../../src/api/openapi";
import { ERRORS } from "../../src/errors";
import { searchParametersSchema, suggestParametersSchema } from "../../src/search/query";

const document = openApiDocument("0.0.0-test") as any;
let site: string;

beforeAll(async () => {
  site = await mkdtemp(path.join(tmpdir(), "corpus-search-site-"));
  await writeSiteAssets(site);
});

afterAll(async () => {
  await rm(site, { recursive: true, force: true });
});

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe("3.1.0");
  });

  it("describes every endpoint the Worker serves", () => {
    expect(Object.keys(document.paths).sort()).toEqual(["/documents/{id}", "/documents/{id}/compare/{other}", "/health", "/search", "/sources", "/suggest"]);
  });

  it("lists exactly the parameters the request schemas accept, with their limits", () => {
    const names = (path: string) => document.paths[path].get.parameters.map((parameter: any) => parameter.name);
    expect(names("/search")).toEqual(Object.keys(searchParametersSchema.shape));
    expect(names("/suggest")).toEqual(Object.keys(suggestParametersSchema.shape));
    const limit = document.paths["/search"].get.parameters.find((parameter: any) => parameter.name === "limit");
    expect(limit.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 100, default: 10 });
    const q = document.paths["/search"].get.parameters.find((parameter: any) => parameter.name === "q");
    expect(q.schema).toMatchObject({ maxLength: 256, "x-maxBytes": 256 });
    const offset = document.paths["/search"].get.parameters.find((parameter: any) => parameter.name === "offset");
    expect(offset.schema).toMatchObject({ type: "integer", minimum: 0, maximum: 999 });
    expect(offset.description).toContain("offset + limit must be at most 1000");
  });

  it("lists each limit's own error code under the endpoints that enforce it", () => {
    const codes = (path: string) => Object.keys(document.paths[path].get.responses["400"].content["application/json"].examples);
    expect(codes("/search")).toEqual(
      expect.arrayContaining(["query_too_long", "too_many_sources", "limit_out_of_range", "result_window_exceeded"]),
    );
    expect(codes("/suggest")).toEqual(expect.arrayContaining(["query_too_long", "limit_out_of_range"]));
  });

  it("names every error code, with an example of each, under its status", () => {
    const described = new Set<string>();
    for (const methods of Object.values<any>(document.paths)) {
      for (const [status, response] of Object.entries<any>(methods.get.responses)) {
        for (const [code, example] of Object.entries<any>(response.content?.["application/json"]?.examples ?? {})) {
          expect(ERRORS[code as keyof typeof ERRORS].status).toBe(Number(status));
          expect(example.value.error.code).toBe(code);
          described.add(code);
        }
      }
    }
    // No route and no such method are not answers of an operation: the description's table has them.
    const general = ["not_found", "method_not_allowed"];
    expect([...described].sort()).toEqual(Object.keys(ERRORS).filter((code) => !general.includes(code)).sort());
    for (const code of general) expect(document.info.description).toContain(`| \`${code}\` | ${ERRORS[code as keyof typeof ERRORS].status} |`);
  });

  it("is what the build writes to /openapi.json", async () => {
    const written = JSON.parse(await readFile(path.join(site, "openapi.json"), "utf8"));
    expect({ ...written, info: { ...written.info, version: "0.0.0-test" } }).toEqual(document);
  });
});

describe("the API reference page", () => {
  it("covers every endpoint and every error code, from the document", async () => {
    const page = await readFile(path.join(site, "docs.html"), "utf8");
    for (const path of Object.keys(document.paths)) expect(page).toContain(`<code>${path}</code>`);
    for (const code of Object.keys(ERRORS)) expect(page).toContain(`<code>${code}</code>`);
    expect(page).toContain("at most 256 bytes in UTF-8");
  });

  it("loads nothing from another site", async () => {
    const page = await readFile(path.join(site, "docs.html"), "utf8");
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(page).not.toContain("<script");
  });
});
