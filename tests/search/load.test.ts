import { describe, expect, it } from "vitest";
import { buildArtifact } from "../../src/corpus/build";
import { ArtifactError, loadSearchIndex } from "../../src/search/load";
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
    const result = search(index, { q: "zones", sources: [], limit: 10, offset: 0 });
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

});
