import { describe, expect, inject, it } from "vitest";
import app from "../../src/index";
import { ANALYSIS_VERSION, ARTIFACT_FORMAT } from "../../src/search/options";
import { assetsServing, indexPath, withFile, withIndex, type ArtifactFiles } from "./artifact-assets";
import "./provided";

async function fetchWith(assets: Fetcher, path: string) {
  // On the local host: the edge cache would answer from an undamaged copy of the same build.
  const response = await app.fetch(new Request(`http://127.0.0.1${path}`), { ASSETS: assets });
  return { status: response.status, body: (await response.json()) as any };
}

const CURRENT = { artifactFormat: ARTIFACT_FORMAT, analysisVersion: ANALYSIS_VERSION };

const MANIFEST = "/_artifact/manifest.json";

/** The nested corpus's files with index.json replaced by `json`. */
function indexReplacedBy(json: string): ArtifactFiles {
  const files = inject("nestedArtifact");
  return withFile(files, indexPath(files), json);
}

describe("when the artifact cannot be used", () => {
  it.each([
    ["missing", () => null, "has not been built"],
    ["a manifest that is not JSON", () => withFile(inject("nestedArtifact"), MANIFEST, "{half a file"), "not valid JSON"],
    ["a manifest naming a build that is not there", () => withFile(inject("nestedArtifact"), MANIFEST, JSON.stringify({ artifactFormat: ARTIFACT_FORMAT, build: "0123abcd" })), "missing"],
    ["a manifest from another version", () => withFile(inject("nestedArtifact"), MANIFEST, JSON.stringify({ artifactFormat: 1, build: "0123abcd" })), "built by another version"],
    ["an index that is not JSON", () => indexReplacedBy("{half a file"), "not valid JSON"],
    ["incomplete", () => indexReplacedBy(JSON.stringify({ meta: {} })), "incomplete"],
    [
      "damaged (index is null)",
      () => indexReplacedBy(JSON.stringify({ meta: CURRENT, documents: [], index: null, stopWords: {}, spellings: {}, textChunks: [], positionShards: 1 })),
      "incomplete",
    ],
    [
      "damaged (index is not MiniSearch's)",
      () => indexReplacedBy(JSON.stringify({ meta: CURRENT, documents: [], index: {}, stopWords: {}, spellings: {}, spelledFrom: [], textChunks: [], positionShards: 1 })),
      "damaged",
    ],
    [
      "built by another version",
      () => indexReplacedBy(JSON.stringify({ meta: { ...CURRENT, analysisVersion: 999 }, documents: [], index: {} })),
      "built by another version",
    ],
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
    ["a document is missing a field", (index: any) => delete index.documents[0].id],
    ["a document is null", (index: any) => (index.documents[1] = null)],
    ["the source counts are gone", (index: any) => delete index.meta.sources],
    ["the source counts disagree with the documents", (index: any) => (index.meta.sources.reuters = 7)],
    ["the document list is emptied", (index: any) => (index.documents = [])],
    ["the text chunks do not start at the first document", (index: any) => (index.textChunks = [1])],
  ])("answers 503 index_unavailable, not 500, when %s", async (_, damage) => {
    const assets = assetsServing(withIndex(inject("nestedArtifact"), damage));
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
    expect((await fetchWith(assets, "/search?sources=x")).body.error.code).toBe("unknown_parameter");
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
