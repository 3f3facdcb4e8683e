/**
 * A corpus split into shards answers exactly as the one index of the whole
 * corpus: each shard ranks its documents with the corpus's vocabulary and
 * statistics (corpus/shard-split.ts), and the router's merge (shards/)
 * gives the same ids in the same order, the same scores to the last bit,
 * totals, facets, hints, snippets, paging and suggestions, for random
 * queries of every kind, on generated corpora split into 1, 2 and 5 shards
 * and on the seeds. The shards here are called in process; the Worker
 * tests ask the same of shard Workers over HTTP.
 */
import fc from "fast-check";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { memoryReader } from "../../src/corpus/artifact-files";
import type { ArtifactLayout } from "../../src/corpus/assemble";
import { buildArtifact, documentsFromFiles, type BuiltArtifact } from "../../src/corpus/build";
import { readCorpus } from "../../src/corpus/read";
import { splitBuiltArtifact } from "../../src/corpus/shard-split";
import { ApiError } from "../../src/errors";
import type { StoredDocument } from "../../src/search/artifact";
import { browseOrder } from "../../src/search/browse-order";
import { filterableFields } from "../../src/search/filters";
import { shardOf } from "../../src/search/index/hash";
import { openSearchIndex, type SearchIndex } from "../../src/search/load";
import { parseSearchRequest, type SearchRequest } from "../../src/search/query";
import { rankedAnswer, search, strictTotalOf } from "../../src/search/search";
import { suggest, suggestionCounts } from "../../src/search/suggest";
import { searchShards, ShardFailure, suggestShards, type Shard } from "../../src/shards/gather";
import { corpus, params } from "./arbitraries";

const facts = { contentHash: "0".repeat(64), buildVersion: "test" };

/** Blocks of a few terms each: every lookup crosses block boundaries, in the whole index and in each shard. */
const SMALL_BLOCKS: ArtifactLayout = {
  blocks: { postingsBytes: 64, terms: 5, spelledEntries: 4, positionsBytes: 64 },
  textChunkChars: 200,
  batchDocuments: 3,
};

function open(artifact: BuiltArtifact): Promise<SearchIndex> {
  return openSearchIndex(memoryReader(new Map([...artifact.files, ["/_artifact/manifest.json", artifact.manifest]])));
}

/** A shard as the router asks it, called in process: what its Worker's routes answer. */
function inProcess(index: SearchIndex): Shard {
  return {
    search: (request, rows) => rankedAnswer(index, request, { ...rows, facetValues: Infinity }),
    strictTotal: (request) => strictTotalOf(index, request),
    suggestionCounts: (q) => suggestionCounts(index, q),
  };
}

interface Split {
  whole: SearchIndex;
  shards: SearchIndex[];
  /** Documents not in the shard their id hashes to: near-copies, with their copy group. */
  placed: Map<string, number>;
}

async function split(documents: StoredDocument[], count: number, layout?: ArtifactLayout): Promise<Split> {
  // Browse order, as the build gives documents their positions (the merge breaks ties by it).
  const artifact = buildArtifact([...documents].sort(browseOrder), facts, layout);
  const { shards, placed } = await splitBuiltArtifact(artifact, count, layout);
  return { whole: await open(artifact), shards: await Promise.all(shards.map(open)), placed };
}

async function expectSameAnswers({ whole, shards }: Split, params: URLSearchParams): Promise<void> {
  let request: SearchRequest;
  try {
    request = parseSearchRequest(params, filterableFields(whole));
  } catch (error) {
    if (error instanceof ApiError) return;
    throw error;
  }
  const facetFields = whole.fields.filter((field) => field.facet).map((field) => field.name);
  const { missingShards, ...merged } = await searchShards(shards.map(inProcess), request, facetFields);
  expect(missingShards).toEqual([]);
  expect(merged, `${shards.length} shards: ${params}`).toEqual(await search(whole, request));
  // Scores and the rest of what ranking compares, unrounded, to the last bit: every shard's hits against the whole index's.
  const everything = { ...request, offset: 0, limit: 1000 };
  const all = { first: 0, content: Infinity, facetValues: Infinity };
  const wholeAnswer = await rankedAnswer(whole, everything, all);
  const ranked = new Map(wholeAnswer.hits.map((hit) => [hit.id, hit.ranked]));
  for (const shard of shards) {
    const answer = await rankedAnswer(shard, everything, all);
    // A shard with no strict match relaxes; the merge drops that answer when another shard has one.
    if (answer.relaxed && !wholeAnswer.relaxed) continue;
    for (const { id, ranked: fromShard } of answer.hits) {
      expect(fromShard, `${id} for ${params}`).toStrictEqual(ranked.get(id));
    }
  }
  const q = params.get("q") ?? "";
  expect(await suggestShards(shards.map(inProcess), q, 10), `suggest ${q}`).toEqual(await suggest(whole, q, 10));
}

/**
 * Every document is in exactly one shard, as the whole index holds it (its
 * record, text, related documents and copy group): the shard its id hashes
 * to, or, for a near-copy, the shard of its copy group's first document,
 * so that a copy group is always in one shard.
 */
async function expectDocumentsPartitioned({ whole, shards, placed }: Split): Promise<void> {
  const all = Array.from({ length: whole.documentCount }, (_, position) => position);
  const [records, texts, related, groups] = await Promise.all([whole.records(all), whole.texts(all), whole.related(all), whole.copyGroups()]);
  expect(shards.reduce((sum, shard) => sum + shard.documentCount, 0)).toBe(whole.documentCount);
  expect(shards.reduce((sum, shard) => sum + shard.copies, 0)).toBe(whole.copies);
  const shardOfGroup = new Map<number, SearchIndex>();
  for (const position of all) {
    const { id } = records.get(position)!;
    const owner = shards[placed.get(id) ?? shardOf(id, shards.length)]!;
    const local = await owner.positionOf(id);
    expect(local, id).toBeDefined();
    expect((await owner.records([local!])).get(local!)).toEqual(records.get(position));
    expect((await owner.texts([local!])).get(local!)).toBe(texts.get(position));
    expect((await owner.related([local!])).get(local!)).toEqual(related.get(position));
    const group = groups[position]!;
    expect((await owner.copyGroups())[local!]).toBe(group);
    if (group !== -1) expect(shardOfGroup.get(group) ?? shardOfGroup.set(group, owner).get(group), `${id}'s copy group`).toBe(owner);
    if (placed.has(id)) expect(group === -1 || group === position, `${id} is placed, not hashed`).toBe(false);
    for (const other of shards) if (other !== owner) expect(await other.positionOf(id)).toBeUndefined();
  }
}

describe("a corpus split into shards", { timeout: 120_000 }, () => {
  it("answers every kind of query as the whole index does, split into 1, 2 and 5 shards cut into small blocks", async () => {
    await fc.assert(
      fc.asyncProperty(corpus, fc.constantFrom(1, 2, 5), fc.array(params, { minLength: 1, maxLength: 6 }), async (documents, count, requests) => {
        const sharded = await split(documents, count, SMALL_BLOCKS);
        await expectDocumentsPartitioned(sharded);
        for (const request of requests) await expectSameAnswers(sharded, request);
      }),
      { numRuns: 40 },
    );
  });

  it("counts a corrected query again in a shard that corrected another word than the corpus would", async () => {
    // "zebra" is in shard 0 only; shard 1 corrects it to its "zebre" and finds "trump zebre",
    // while the corpus knows "zebra", and "trump zebra" finds nothing: no "did you mean".
    const idIn = (shard: number, not: string[] = []) => Array.from({ length: 100 }, (_, i) => `doc-${i}`).find((id) => shardOf(id, 2) === shard && !not.includes(id))!;
    const [a, c, b] = [idIn(0), idIn(0, [idIn(0)]), idIn(1)];
    const document = (id: string, text: string): StoredDocument => ({ id, title: text, text, source: "wire", date: null, url: null, fields: {} });
    const sharded = await split([document(a, "zebra"), document(c, "trump"), document(b, "zebre trump")], 2);
    const request = parseSearchRequest(new URLSearchParams({ q: "trmp zebra" }));
    expect((await search(sharded.whole, request)).didYouMean).toBeNull();
    expect((await rankedAnswer(sharded.shards[1]!, request, { first: 0, content: Infinity, facetValues: Infinity })).spelling.correctedTotal).toBe(1);
    // Shard 1's count is of another query: it is asked for "trump zebra"'s, shard 0 is not.
    const recounted: string[] = [];
    const shards = sharded.shards.map((index, n): Shard => ({
      ...inProcess(index),
      strictTotal: (asked) => (recounted.push(`${n}: ${asked.q}`), strictTotalOf(index, asked)),
    }));
    expect((await searchShards(shards, request, [])).didYouMean).toBeNull();
    expect(recounted).toEqual(["1: trump zebra"]);
    await expectSameAnswers(sharded, new URLSearchParams({ q: "trmp zebra" }));
    // Shard 1 failing that second question: with partial, left out, its documents with it.
    const failing = sharded.shards.map((index, n): Shard => ({
      ...inProcess(index),
      strictTotal: (asked) => (n === 1 ? Promise.reject(new ShardFailure(1, "gone")) : strictTotalOf(index, asked)),
    }));
    const partial = await searchShards(failing, { ...parseSearchRequest(new URLSearchParams({ q: "trmp zebra", match: "any" })), partial: true }, []);
    expect(partial.missingShards).toEqual([1]);
    expect(partial.hits.map((hit) => hit.id)).toEqual([a]);
    await expect(searchShards(failing, parseSearchRequest(new URLSearchParams({ q: "trmp zebra", match: "any" })), [])).rejects.toThrow(/shard 1 is unavailable: gone/);
  });

  it("answers as the whole index does on the seeds, split into 2 and 5 shards, with a shard that holds no document", async () => {
    const contents = await readCorpus(path.join(import.meta.dirname, "../../seeds"));
    const { documents } = documentsFromFiles(contents.files, contents.manifest);
    for (const count of [2, 5]) {
      const sharded = await split(documents, count);
      if (count === 5) expect(sharded.shards.some((shard) => shard.documentCount === 0)).toBe(true);
      await expectDocumentsPartitioned(sharded);
      await fc.assert(
        fc.asyncProperty(params, (request) => expectSameAnswers(sharded, request)),
        { numRuns: 60 },
      );
      for (const q of ["safe zones", "putin", "syira", '"safe zones"', "the", "trump -putin", "pres", "kremlin readout", "cease-fire", "杭州", "trmp putin"]) {
        await expectSameAnswers(sharded, new URLSearchParams({ q }));
      }
    }
  });
});
