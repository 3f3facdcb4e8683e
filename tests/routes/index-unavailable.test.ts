import { describe, expect, inject, it } from "vitest";
import app from "../../src/index";
import { ARTIFACT_FORMAT } from "../../src/search/options";
import { assetsServing, pathOf, withFile, withMeta, type ArtifactFiles } from "./artifact-assets";
import "./provided";

async function fetchWith(assets: Fetcher, path: string) {
  // On the local host: the edge cache would answer from an undamaged copy of the same build.
  const response = await app.fetch(new Request(`http://127.0.0.1${path}`), { ASSETS: assets });
  return { status: response.status, body: (await response.json()) as any };
}

const MANIFEST = "/_artifact/manifest.json";

/** The nested corpus's files with one file (by the end of its path) replaced by `text`. */
function replaced(ending: string, text: string | null): ArtifactFiles {
  const files = inject("nestedArtifact");
  return withFile(files, pathOf(files, ending), text);
}

describe("when the artifact cannot be used", () => {
  it.each([
    ["missing", () => null, "has not been built"],
    ["a manifest that is not JSON", () => withFile(inject("nestedArtifact"), MANIFEST, "{half a file"), "not valid JSON"],
    ["a manifest naming a build that is not there", () => withFile(inject("nestedArtifact"), MANIFEST, JSON.stringify({ artifactFormat: ARTIFACT_FORMAT, build: "0123abcd" })), "missing"],
    ["a manifest from another version", () => withFile(inject("nestedArtifact"), MANIFEST, JSON.stringify({ artifactFormat: 1, build: "0123abcd" })), "built by another version"],
    ["metadata that is not JSON", () => replaced("/meta.json", "{half a file"), "not valid JSON"],
    ["incomplete", () => replaced("/meta.json", JSON.stringify({ meta: {} })), "incomplete"],
    ["metadata without its blocks", () => withMeta(inject("nestedArtifact"), (meta) => delete meta.termBlocks), "incomplete"],
    ["a document table of the wrong size", () => replaced("/documents.bin", "abc"), "damaged"],
    ["without its document table", () => replaced("/documents.bin", null), "missing"],
    ["built by another version", () => withMeta(inject("nestedArtifact"), (meta) => (meta.meta.analysisVersion = 999)), "built by another version"],
  ])("answers every route with 503 index_unavailable when it is %s", async (_, files, hint) => {
    const assets = assetsServing(files());
    for (const path of ["/search?q=korea", "/documents/x", "/sources", "/health"]) {
      const { status, body: error } = await fetchWith(assets, path);
      expect(status).toBe(503);
      expect(error.error.code).toBe("index_unavailable");
      expect(error.error.message).toContain(hint);
      expect(error.error.message).toContain("npm run build:index");
    }
  });

  it.each([
    ["the source counts are gone", (meta: any) => delete meta.meta.sources],
    ["the source counts disagree with the documents", (meta: any) => (meta.meta.sources.reuters = 7)],
    ["the source names disagree with the counts", (meta: any) => (meta.sources = ["somewhere else"])],
    ["the document count disagrees with the document table", (meta: any) => (meta.meta.documents += 1)],
    ["the text chunks do not start at the first document", (meta: any) => (meta.textChunks = [1])],
    ["the term blocks are out of order", (meta: any) => meta.termBlocks.reverse().unshift("zzz")],
  ])("answers 503 index_unavailable, not 500, when %s", async (_, damage) => {
    const assets = assetsServing(withMeta(inject("nestedArtifact"), damage));
    for (const path of ["/search?q=zones", "/search", "/sources", "/documents/notes"]) {
      const { status, body } = await fetchWith(assets, path);
      expect(status, path).toBe(503);
      expect(body.error.code).toBe("index_unavailable");
      expect(body.error.message).toContain("damaged");
    }
  });

  it("serves the same artifact undamaged (the control for the cases above)", async () => {
    const assets = assetsServing(inject("nestedArtifact"));
    for (const path of ["/search?q=zones", "/search?q=%22safe+zones%22", "/search", "/sources", "/documents/notes"]) {
      expect((await fetchWith(assets, path)).status, path).toBe(200);
    }
  });

  it.each([
    ["missing", null],
    ["not JSON", "[half"],
    ["of the wrong length", JSON.stringify(["one text"])],
  ])("answers 503 when a text chunk a hit needs is %s, and keeps serving what needs no text", async (_, text) => {
    const files = inject("nestedArtifact");
    const chunk = Object.keys(files).find((path) => path.includes("/text/"))!;
    const assets = assetsServing(withFile(files, chunk, text));
    expect((await fetchWith(assets, "/health")).status).toBe(200);
    for (const path of ["/search?q=zones", "/documents/notes"]) {
      const { status, body } = await fetchWith(assets, path);
      expect(status, path).toBe(503);
      expect(body.error.code).toBe("index_unavailable");
    }
    expect((await fetchWith(assets, "/search?q=zones&limit=1&offset=5")).status).toBe(200);
  });

  it.each([
    ["a lexicon block that is not JSON", "/lexicon/", "[half"],
    ["a lexicon block of the wrong shape", "/lexicon/", JSON.stringify([["zone", "many"]])],
    ["a postings block cut short", "/postings/", "\u0002"],
    ["a records file missing", "/records/", null],
  ])("answers 503 when %s is read by a query, and keeps serving what does not read it", async (_, folder, text) => {
    const files = inject("nestedArtifact");
    const damaged: ArtifactFiles = { ...files };
    for (const path of Object.keys(files).filter((name) => name.includes(folder))) {
      if (text === null) delete damaged[path];
      else damaged[path] = btoa(text);
    }
    const assets = assetsServing(damaged);
    expect((await fetchWith(assets, "/health")).status).toBe(200);
    expect((await fetchWith(assets, "/sources")).status).toBe(200);
    const { status, body } = await fetchWith(assets, "/search?q=zones");
    expect(status).toBe(503);
    expect(body.error.code).toBe("index_unavailable");
    expect(body.error.message).toContain("npm run build:index");
  });

  it("answers 503 when a records file lists carriers of the wrong shape", async () => {
    const files = inject("nestedArtifact");
    const damaged: ArtifactFiles = { ...files };
    for (const path of Object.keys(files).filter((name) => name.includes("/records/"))) {
      const entries = JSON.parse(atob(files[path]!)) as unknown[][];
      // Every record as it was, but listing a carrier that is neither a near-copy (1) nor not (0).
      damaged[path] = btoa(JSON.stringify(entries.map((entry) => [...entry.slice(0, 4), entry[4] ?? {}, [["other", "wire", "Other", 2, [0, 10]]]])));
    }
    const { status, body } = await fetchWith(assetsServing(damaged), "/search?q=zones");
    expect(status).toBe(503);
    expect(body.error.message).toContain("records file");
  });

  it("answers 503 when a positions shard a phrase needs is damaged", async () => {
    const files = inject("nestedArtifact");
    const damaged = Object.fromEntries(Object.entries(files).map(([path, body]) => [path, path.includes("/positions/") ? btoa("\u0005ab") : body]));
    const assets = assetsServing(damaged);
    const { status, body } = await fetchWith(assets, "/search?q=%22safe+zones%22");
    expect(status).toBe(503);
    expect(body.error.message).toContain("positions shard");
    expect((await fetchWith(assets, "/search?q=zones")).status).toBe(200);
  });

  it("answers 503, not 500, when the assets binding itself throws", async () => {
    const assets = { fetch: async () => Promise.reject(new Error("binding down")) } as unknown as Fetcher;
    const { status, body } = await fetchWith(assets, "/search?q=zones");
    expect(status).toBe(503);
    expect(body.error).toMatchObject({ code: "index_unavailable" });
    expect(body.error.message).toContain("could not be read");
  });

  it("still answers bad parameters and routes with their 4xx, not 503", async () => {
    const assets = assetsServing(null);
    expect((await fetchWith(assets, "/nowhere")).status).toBe(404);
    expect((await fetchWith(assets, "/search?limit=0")).body.error.code).toBe("limit_out_of_range");
    expect((await fetchWith(assets, "/search?source=")).body.error.code).toBe("invalid_parameter");
    // Any other name might be one of the corpus's filterable fields, which only the index knows.
    expect((await fetchWith(assets, "/search?tags=x")).body.error.code).toBe("index_unavailable");
    expect((await fetchWith(assets, "/health?verbose=1")).body.error.code).toBe("unknown_parameter");
    expect((await fetchWith(assets, "/documents/x?y=1")).body.error.code).toBe("unknown_parameter");
  });

  it("recovers once a good artifact appears, without a restart", async () => {
    let served: Fetcher = assetsServing(null);
    const assets = { fetch: (input: RequestInfo) => served.fetch(input) } as unknown as Fetcher;
    expect((await fetchWith(assets, "/health")).status).toBe(503);
    served = (await import("cloudflare:workers")).env.ASSETS;
    const { status, body } = await fetchWith(assets, "/health");
    expect(status).toBe(200);
    expect(body.documents).toBe(5);
  });
});

describe("the Meilisearch routes when the artifact cannot be used", () => {
  const post = (assets: Fetcher, path: string, body: unknown) =>
    app.fetch(new Request(`http://127.0.0.1${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }), { ASSETS: assets });

  it("answers 503 index_unavailable in Meilisearch's shape, after the checks that need no corpus", async () => {
    const assets = assetsServing(null);
    const unavailable = await post(assets, "/indexes/corpus/search", { q: "korea", filter: "tags = solar", facets: ["tags"] });
    expect(unavailable.status).toBe(503);
    expect(await unavailable.json()).toMatchObject({ code: "index_unavailable", type: "system" });
    // A filter's syntax and a parameter's type do not depend on the corpus: still the client's 400.
    const badSyntax = await post(assets, "/multi-search", { queries: [{ indexUid: "corpus", filter: "tags =" }] });
    expect([badSyntax.status, ((await badSyntax.json()) as any).code]).toEqual([400, "invalid_search_filter"]);
    const badType = await post(assets, "/indexes/corpus/facet-search", { facetName: "source", facetQuery: 3 });
    expect([badType.status, ((await badType.json()) as any).code]).toEqual([400, "invalid_facet_search_facet_query"]);
  });
});
