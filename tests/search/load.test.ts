import { describe, expect, it } from "vitest";
import { buildArtifact } from "../../src/corpus/build";
import { ArtifactError, loadSearchIndex } from "../../src/search/load";
import { parseSearchRequest } from "../../src/search/query";
import { search } from "../../src/search/search";

const documents = [
  { id: "b", title: "Safe zones agreed", source: "Reuters", date: "2017-05-02", url: null, text: "Leaders agreed on safe zones." },
  { id: "a", title: "Other news", source: "unknown", date: null, url: null, text: "Nothing about that here." },
];

function artifactJson(): string {
  return JSON.stringify(buildArtifact(documents, { contentHash: "0".repeat(64), buildVersion: "test" }));
}

describe("loadSearchIndex", () => {
  it("round-trips: what the build indexes, the loaded index finds", () => {
    const index = loadSearchIndex(artifactJson());
    const result = search(index, parseSearchRequest(new URLSearchParams({ q: "zones" })));
    expect(result.hits.map((hit) => hit.id)).toEqual(["b"]);
    expect(index.documentById("a")?.title).toBe("Other news");
    expect(index.documentById("missing")).toBeUndefined();
  });

  it("refuses an artifact that is not JSON", () => {
    expect(() => loadSearchIndex("{")).toThrow(ArtifactError);
  });

  it("refuses an artifact built with other analysis options, naming the fix", () => {
    const artifact = JSON.parse(artifactJson());
    artifact.meta.analysisVersion += 1;
    expect(() => loadSearchIndex(JSON.stringify(artifact))).toThrow(/rebuild it with `npm run build:index`/);
  });

  it("refuses a stop-word bitset that does not cover every document", () => {
    const artifact = JSON.parse(artifactJson());
    artifact.stopWords.the = "AAAAAAAA";
    expect(() => loadSearchIndex(JSON.stringify(artifact))).toThrow(/stop-word bitset is malformed/);
  });

  it("refuses a document whose date is not an ISO date, before any query could trip on it", () => {
    const artifact = JSON.parse(artifactJson());
    artifact.documents[0].date = "May 2nd";
    expect(() => loadSearchIndex(JSON.stringify(artifact))).toThrow(/document 0 is malformed/);
  });

  it("answers from the stop-word bitsets which documents hold a stop word", () => {
    const index = loadSearchIndex(artifactJson());
    expect(index.documentsWithStopWord("on")).toEqual([0]);
    expect(index.documentsWithStopWord("the")).toEqual([]);
  });

  it("shows a stem as the corpus spells it most often", () => {
    const index = loadSearchIndex(artifactJson());
    expect(index.spellings.shown("zone")).toBe("zones");
    expect(index.spellings.shown("safe")).toBe("safe");
    expect(index.spellings.stemsSpelledFrom("zones", 5)).toEqual(["zone"]);
  });
});
