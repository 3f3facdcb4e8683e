import { describe, expect, it } from "vitest";
import { buildArtifact, type BuiltArtifact } from "../../src/corpus/build";
import { memoryReader } from "../../src/corpus/artifact-files";
import { ArtifactError, loadSearchIndex, openSearchIndex, type SearchIndex } from "../../src/search/load";
import { parseSearchRequest } from "../../src/search/query";
import { search } from "../../src/search/search";

const documents = [
  { id: "b", title: "Safe zones agreed", source: "Reuters", date: "2017-05-02", url: null, text: "Leaders agreed on safe zones." },
  { id: "a", title: "Other news", source: "unknown", date: null, url: null, text: "Nothing about that here." },
];

const built = (): BuiltArtifact => buildArtifact(documents, { contentHash: "0".repeat(64), buildVersion: "test" });

function artifactJson(): string {
  return JSON.stringify(built().index);
}

/** Loads index.json as given, reading the rest from the built artifact. */
function loadSearchIndexFrom(json: string): SearchIndex {
  const artifact = built();
  return loadSearchIndex(json, artifact.build, memoryReader(artifact.files));
}

describe("loadSearchIndex", () => {
  it("reports a positions shard whose postings are cut short as a damaged artifact, when a phrase reads them", async () => {
    const artifact = built();
    const files = new Map([...artifact.files, ["/_artifact/manifest.json", artifact.manifest]]);
    const shardPath = [...files.keys()].find((path) => path.includes("/positions/"))!;
    const shard = files.get(shardPath)!;
    // Every posting's last byte made a continuation byte: the table still adds up, the varints do not end.
    const damaged = Uint8Array.from(shard, (byte, i) => (i >= shard.length - 8 ? byte | 0x80 : byte));
    files.set(shardPath, damaged);
    const index = await openSearchIndex(memoryReader(files));
    await expect(search(index, parseSearchRequest(new URLSearchParams({ q: '"agreed on safe zones"' })))).rejects.toThrow(ArtifactError);
  });

  it("round-trips: what the build indexes, the loaded index finds, with snippets from the text chunks", async () => {
    const artifact = built();
    const files = new Map([...artifact.files, ["/_artifact/manifest.json", artifact.manifest]]);
    const index = await openSearchIndex(memoryReader(files));
    const result = await search(index, parseSearchRequest(new URLSearchParams({ q: "zones" })));
    expect(result.hits.map((hit) => hit.id)).toEqual(["b"]);
    expect(result.hits[0]!.snippet).toBe("Leaders agreed on safe <mark>zones</mark>.");
    const phrase = await search(index, parseSearchRequest(new URLSearchParams({ q: '"safe zones"' })));
    expect(phrase.hits.map((hit) => hit.id)).toEqual(["b"]);
    expect(index.documents[index.positionOf("a")!]!.title).toBe("Other news");
    expect(index.positionOf("missing")).toBeUndefined();
  });

  it("refuses an artifact that is not JSON", () => {
    expect(() => loadSearchIndexFrom("{")).toThrow(ArtifactError);
  });

  it("refuses an artifact built with other analysis options, naming the fix", () => {
    const artifact = JSON.parse(artifactJson());
    artifact.meta.analysisVersion += 1;
    expect(() => loadSearchIndexFrom(JSON.stringify(artifact))).toThrow(/rebuild it with `npm run build:index`/);
  });

  it("refuses a stop-word bitset that does not cover every document", () => {
    const artifact = JSON.parse(artifactJson());
    artifact.stopWords.the = "AAAAAAAA";
    expect(() => loadSearchIndexFrom(JSON.stringify(artifact))).toThrow(/stop-word bitset is malformed/);
  });

  it("refuses a document whose date is not an ISO date, before any query could trip on it", () => {
    const artifact = JSON.parse(artifactJson());
    artifact.documents[0].date = "May 2nd";
    expect(() => loadSearchIndexFrom(JSON.stringify(artifact))).toThrow(/document 0 is malformed/);
  });

  it("answers from the stop-word bitsets which documents hold a stop word", () => {
    const index = loadSearchIndexFrom(artifactJson());
    expect(index.documentsWithStopWord("on")).toEqual([0]);
    expect(index.documentsWithStopWord("the")).toEqual([]);
  });

  it("shows a stem as the corpus spells it most often", () => {
    const index = loadSearchIndexFrom(artifactJson());
    expect(index.spellings.shown("zone")).toBe("zones");
    expect(index.spellings.shown("safe")).toBe("safe");
    expect(index.spellings.stemsSpelledFrom("zones", 5)).toEqual(["zone"]);
  });
});
