import { describe, expect, inject, it } from "vitest";
import app from "../../src/index";
import { ANALYSIS_VERSION, ARTIFACT_FORMAT } from "../../src/search/options";
import "./provided";

/** An assets binding that serves `body` (or nothing) as the artifact. */
function assetsServing(body: string | null): Fetcher {
  return {
    fetch: async () => (body === null ? new Response("Not Found", { status: 404 }) : new Response(body)),
    connect: () => {
      throw new Error("not used");
    },
  } as unknown as Fetcher;
}

async function fetchWith(assets: Fetcher, path: string) {
  const response = await app.fetch(new Request(`http://search.test${path}`), { ASSETS: assets });
  return { status: response.status, body: (await response.json()) as any };
}

const CURRENT = { artifactFormat: ARTIFACT_FORMAT, analysisVersion: ANALYSIS_VERSION };

describe("when the artifact cannot be used", () => {
  it.each([
    ["missing", null, "has not been built"],
    ["not JSON", "{half a file", "not valid JSON"],
    ["incomplete", JSON.stringify({ meta: {} }), "incomplete"],
    [
      "damaged (index is null)",
      JSON.stringify({ meta: CURRENT, documents: [], index: null, stopWords: {}, spellings: {} }),
      "incomplete",
    ],
    [
      "damaged (index is not MiniSearch's)",
      JSON.stringify({ meta: CURRENT, documents: [], index: {}, stopWords: {}, spellings: {} }),
      "damaged",
    ],
    [
      "built by another version",
      JSON.stringify({ meta: { ...CURRENT, analysisVersion: 999 }, documents: [], index: {} }),
      "built by another version",
    ],
  ])("answers every route with 503 index_unavailable when it is %s", async (_, body, hint) => {
    const assets = assetsServing(body);
    for (const path of ["/search?q=korea", "/documents/x", "/sources", "/health"]) {
      const { status, body: error } = await fetchWith(assets, path);
      expect(status).toBe(503);
      expect(error.error.code).toBe("index_unavailable");
      expect(error.error.message).toContain(hint);
      expect(error.error.message).toContain("npm run build:index");
    }
  });

  it.each([
    ["a document is missing a field", (artifact: any) => delete artifact.documents[0].text],
    ["a document is null", (artifact: any) => (artifact.documents[1] = null)],
    ["the source counts are gone", (artifact: any) => delete artifact.meta.sources],
    ["the source counts disagree with the documents", (artifact: any) => (artifact.meta.sources.reuters = 7)],
    ["the document list is emptied", (artifact: any) => (artifact.documents = [])],
  ])("answers 503 index_unavailable, not 500, when %s", async (_, damage) => {
    const artifact = JSON.parse(inject("nestedArtifact"));
    damage(artifact);
    const assets = assetsServing(JSON.stringify(artifact));
    for (const path of ["/search?q=zones", "/search", "/sources", "/documents/notes"]) {
      const { status, body } = await fetchWith(assets, path);
      expect(status, path).toBe(503);
      expect(body.error.code).toBe("index_unavailable");
      expect(body.error.message).toContain("damaged");
    }
  });

  it("serves the same artifact undamaged (the control for the cases above)", async () => {
    const assets = assetsServing(inject("nestedArtifact"));
    for (const path of ["/search?q=zones", "/search", "/sources", "/documents/notes"]) {
      expect((await fetchWith(assets, path)).status, path).toBe(200);
    }
  });

  it("still answers bad parameters and routes with their 4xx, not 503", async () => {
    const assets = assetsServing(null);
    expect((await fetchWith(assets, "/nowhere")).status).toBe(404);
    expect((await fetchWith(assets, "/search?limit=0")).body.error.code).toBe("invalid_parameter");
    expect((await fetchWith(assets, "/search?sources=x")).body.error.code).toBe("unknown_parameter");
    expect((await fetchWith(assets, "/health?verbose=1")).body.error.code).toBe("unknown_parameter");
    expect((await fetchWith(assets, "/documents/x?y=1")).body.error.code).toBe("unknown_parameter");
  });

  it("recovers once a good artifact appears, without a restart", async () => {
    let artifact: string | null = null;
    const assets = {
      fetch: async () => (artifact === null ? new Response("", { status: 404 }) : new Response(artifact)),
    } as unknown as Fetcher;
    expect((await fetchWith(assets, "/health")).status).toBe(503);
    const real = await (await import("cloudflare:workers")).env.ASSETS.fetch("https://assets.local/_artifact/search.json");
    artifact = await real.text();
    const { status, body } = await fetchWith(assets, "/health");
    expect(status).toBe(200);
    expect(body.documents).toBe(5);
  });
});
