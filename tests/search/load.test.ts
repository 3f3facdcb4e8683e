import { describe, expect, it } from "vitest";
import { buildArtifact, type BuiltArtifact } from "../../src/corpus/build";
import { memoryReader } from "../../src/corpus/artifact-files";
import { artifactPaths } from "../../src/search/artifact";
import { ArtifactError, openSearchIndex, type SearchIndex } from "../../src/search/load";
import { parseSearchRequest } from "../../src/search/query";
import { search } from "../../src/search/search";

const documents = [
  { id: "b", title: "Safe zones agreed", source: "Reuters", date: "2017-05-02", url: null, text: "Leaders agreed on safe zones.", fields: {} },
  { id: "a", title: "Other news", source: "unknown", date: null, url: null, text: "Nothing about that here.", fields: {} },
];

const built = (): BuiltArtifact => buildArtifact(documents, { contentHash: "0".repeat(64), buildVersion: "test" });

/** The artifact's files with its manifest, as the assets binding serves them. */
function filesOf(artifact: BuiltArtifact): Map<string, Uint8Array> {
  return new Map([...artifact.files, [artifactPaths.manifest, artifact.manifest]]);
}

/** Opens the artifact, recording the path of every file read. */
async function opened(files = filesOf(built())): Promise<{ index: SearchIndex; reads: string[] }> {
  const reads: string[] = [];
  const read = memoryReader(files);
  const index = await openSearchIndex((path) => {
    reads.push(path.replace(/^\/_artifact\/[0-9a-f]+\//, ""));
    return read(path);
  });
  return { index, reads };
}

/** The files with meta.json replaced by what `change` makes of it. */
function withMeta(change: (meta: any) => void): Map<string, Uint8Array> {
  const artifact = built();
  const files = filesOf(artifact);
  const meta = JSON.parse(new TextDecoder().decode(files.get(artifactPaths.meta(artifact.build))));
  change(meta);
  files.set(artifactPaths.meta(artifact.build), new TextEncoder().encode(JSON.stringify(meta)));
  return files;
}

describe("openSearchIndex", () => {
  it("reads only the manifest, the metadata and the document table at start", async () => {
    const { reads } = await opened();
    expect(reads).toEqual(["/_artifact/manifest.json", "meta.json", "documents.bin"]);
  });

  it("reads for a word only its blocks of the vocabulary (terms, postings, spellings it completes to) and the page's records (with their carriers) and texts", async () => {
    const { index, reads } = await opened();
    reads.length = 0;
    const result = await search(index, parseSearchRequest(new URLSearchParams({ q: "zones" })));
    expect(result.hits.map((hit) => hit.id)).toEqual(["b"]);
    expect(result.hits[0]!.snippet).toBe("Leaders agreed on safe <mark>zones</mark>.");
    // The date facet counts years from documents.bin, read at start: no table of its own.
    // Not related/0.json: "also in" reads the carriers the records list.
    expect(reads.sort()).toEqual(["lexicon/0.json", "postings/0.bin", "records/0.json", "spelled/0.json", "text/0.json"]);
  });

  it("reads nothing more for a query whose blocks it has read already", async () => {
    const { index, reads } = await opened();
    await search(index, parseSearchRequest(new URLSearchParams({ q: "zones" })));
    reads.length = 0;
    await search(index, parseSearchRequest(new URLSearchParams({ q: "zones" })));
    expect(reads).toEqual([]);
  });

  it("reads the dates only for a date filter or a date sort", async () => {
    const { index, reads } = await opened();
    await search(index, parseSearchRequest(new URLSearchParams({ q: "news" })));
    expect(reads).not.toContain("dates.bin");
    const dated = await search(index, parseSearchRequest(new URLSearchParams({ q: "zones", from: "2017" })));
    expect(dated.hits.map((hit) => hit.id)).toEqual(["b"]);
    expect(reads).toContain("dates.bin");
  });

  it("finds a phrase by the positions, and a document by its id", async () => {
    const { index } = await opened();
    const phrase = await search(index, parseSearchRequest(new URLSearchParams({ q: '"safe zones"' })));
    expect(phrase.hits.map((hit) => hit.id)).toEqual(["b"]);
    const position = await index.positionOf("a");
    expect((await index.records([position!])).get(position!)!.title).toBe("Other news");
    expect(await index.positionOf("missing")).toBeUndefined();
  });

  it("answers from the stop-word bitsets which documents hold a stop word", async () => {
    const { index } = await opened();
    const on = await search(index, parseSearchRequest(new URLSearchParams({ q: "on" })));
    expect(on.hits.map((hit) => hit.id)).toEqual(["b"]);
    const the = await search(index, parseSearchRequest(new URLSearchParams({ q: "the" })));
    expect(the.total).toBe(0);
  });

  it("shows a stem as the corpus spells it most often", async () => {
    const { index } = await opened();
    const spelled = await index.run((view) => [view.spellings.shown("zone"), view.spellings.shown("safe"), view.spellings.stemsSpelledFrom("zones", 5)]);
    expect(spelled).toEqual(["zones", "safe", ["zone"]]);
  });

  it("refuses metadata that is not JSON", async () => {
    const artifact = built();
    const files = filesOf(artifact);
    files.set(artifactPaths.meta(artifact.build), new TextEncoder().encode("{"));
    await expect(opened(files)).rejects.toThrow(ArtifactError);
  });

  it("refuses an artifact built with other analysis options, naming the fix", async () => {
    await expect(opened(withMeta((meta) => (meta.meta.analysisVersion += 1)))).rejects.toThrow(/rebuild it with `npm run build:index`/);
  });

  it("refuses a document table that does not hold every document", async () => {
    await expect(opened(withMeta((meta) => (meta.meta.documents = 3)))).rejects.toThrow(/damaged/);
  });

  it("reports a postings block whose bytes are cut short as a damaged artifact, when a query reads it", async () => {
    const artifact = built();
    const files = filesOf(artifact);
    const postings = artifactPaths.postings(artifact.build, 0);
    files.set(postings, files.get(postings)!.slice(0, 3));
    const { index } = await opened(files);
    await expect(search(index, parseSearchRequest(new URLSearchParams({ q: "zones" })))).rejects.toThrow(ArtifactError);
  });

  it("reports a positions shard whose postings are cut short as a damaged artifact, when a phrase reads them", async () => {
    const artifact = built();
    const files = filesOf(artifact);
    const shardPath = [...files.keys()].find((path) => path.includes("/positions/"))!;
    const shard = files.get(shardPath)!;
    // Every posting's last byte made a continuation byte: the table still adds up, the varints do not end.
    files.set(shardPath, Uint8Array.from(shard, (byte, i) => (i >= shard.length - 8 ? byte | 0x80 : byte)));
    const { index } = await opened(files);
    await expect(search(index, parseSearchRequest(new URLSearchParams({ q: '"agreed on safe zones"' })))).rejects.toThrow(ArtifactError);
  });
});
