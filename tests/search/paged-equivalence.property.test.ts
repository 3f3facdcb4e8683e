/**
 * The paged index answers exactly as one MiniSearch holding the whole corpus
 * does: same ids in the same order, same scores (to 1e-9), totals, facets,
 * hints, snippets, suggestions and marked documents, for random queries of
 * every kind the API accepts, on the seeds and on generated corpora cut into
 * many small blocks (so that words, prefixes and typo ranges cross block
 * boundaries).
 */
import fc from "fast-check";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { memoryReader } from "../../src/corpus/artifact-files";
import type { ArtifactLayout } from "../../src/corpus/assemble";
import { buildArtifact, documentsFromFiles } from "../../src/corpus/build";
import { readCorpus } from "../../src/corpus/read";
import type { StoredDocument } from "../../src/search/artifact";
import { ApiError } from "../../src/errors";
import { filterableFields } from "../../src/search/filters";
import { find, strictTotal } from "../../src/search/find";
import { openSearchIndex, type SearchIndex } from "../../src/search/load";
import { termsToPlace } from "../../src/search/match";
import { parseSearchRequest, type SearchRequest } from "../../src/search/query";
import { markDocument, search } from "../../src/search/search";
import { suggest } from "../../src/search/suggest";
import { oneIndex } from "./one-index";

const facts = { contentHash: "0".repeat(64), buildVersion: "test" };

/** Blocks of a few terms each, and batches of a few documents: every lookup crosses block boundaries, every term batches. */
const SMALL_BLOCKS: ArtifactLayout = {
  blocks: { postingsBytes: 64, terms: 5, spelledEntries: 4, positionsBytes: 64 },
  textChunkChars: 200,
  batchDocuments: 3,
};

async function bothWays(documents: StoredDocument[], layout?: ArtifactLayout): Promise<{ paged: SearchIndex; one: SearchIndex }> {
  const artifact = buildArtifact(documents, facts, layout);
  const paged = await openSearchIndex(memoryReader(new Map([...artifact.files, ["/_artifact/manifest.json", artifact.manifest]])));
  return { paged, one: oneIndex(documents, paged) };
}

/**
 * Raw scores and match counts of every matching document, by position (find
 * promises no order; ranking sorts): search() rounds scores, this does not.
 */
async function candidates(index: SearchIndex, request: SearchRequest, { narrowing }: { narrowing?: boolean } = {}) {
  const positions = await index.positions(termsToPlace(request.query.clauses));
  return index.run((view) =>
    {
      const { candidates } = find(view, request, { positions, narrowing });
      return Array.from(candidates.positions, (_, row) => candidates.rankedAt(row))
        .map(({ position, score, matched, typos, completions, inTitle }) => ({ position, score, matched, typos, completions, inTitle }))
        .sort((a, b) => a.position - b.position);
    },
  );
}

async function expectSameAnswers(paged: SearchIndex, one: SearchIndex, params: URLSearchParams): Promise<void> {
  let request: SearchRequest;
  try {
    request = parseSearchRequest(params, filterableFields(paged));
  } catch (error) {
    if (error instanceof ApiError) return;
    throw error;
  }
  const [fromPaged, fromOne] = await Promise.all([search(paged, request), search(one, request)]);
  expect(fromPaged, params.toString()).toEqual(fromOne);
  const [rawPaged, rawOne] = await Promise.all([candidates(paged, request), candidates(one, request)]);
  expect(rawPaged.map(({ score: _score, ...rest }) => rest)).toEqual(rawOne.map(({ score: _score, ...rest }) => rest));
  // To the last bit: score.ts sums in MiniSearch's own order.
  rawPaged.forEach((candidate, i) => expect(candidate.score).toBe(rawOne[i]!.score));
  // The AND that narrows as it goes (find's matchNarrowing) against every clause in full, intersected.
  const simple = await candidates(paged, request, { narrowing: false });
  expect(rawPaged, `narrowing ${params}`).toEqual(simple);
  const positions = await paged.positions(termsToPlace(request.query.clauses));
  await paged.run((view) => {
    const found = find(view, request, { positions });
    expect(strictTotal(view, request, { positions, matched: found.matched }), `strictTotal ${params}`).toBe(found.strictTotal);
    expect(strictTotal(view, request, { positions })).toBe(found.strictTotal);
  });
  const q = params.get("q") ?? "";
  expect(await suggest(paged, q, 10), `suggest ${q}`).toEqual(await suggest(one, q, 10));
  if (fromOne.hits.length > 0) {
    const position = (await one.positionOf(fromOne.hits[0]!.id))!;
    expect(await paged.positionOf(fromOne.hits[0]!.id)).toBe(position);
    expect(await markDocument(paged, request, position)).toBe(await markDocument(one, request, position));
  }
}

// Words that share prefixes, differ by a typo, stem together, join into
// compounds, are stop words, or are written in scripts without spaces.
const WORDS = [
  "safe", "safety", "safer", "zones", "zone", "zoning", "syria", "syrian", "putin", "puttin", "trump", "trumpet",
  "president", "presidential", "press", "previous", "cease-fire", "ceasefire", "U.S.-Russian", "russia", "Russia’s",
  "café", "cafe", "agreed", "agree", "talks", "talk", "leaders", "the", "of", "and", "to", "杭州", "桑拿", "2017",
  "Watergate", "water", "gate", "during", "secure", "security", "kremlin", "readout", "phone", "call", "calls",
];
const SOURCES = ["Reuters", "AP", "The Washington Times", "unknown"];
const DATES = [null, "2017", "2017-05", "2017-05-02", "2017-05-03T10:00:00Z", "2016-12-31"];

const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 14 }).map((words) => words.join(" "));
const corpus = fc
  .array(
    fc.record({
      title: sentence,
      text: fc.array(sentence, { minLength: 1, maxLength: 6 }).map((sentences) => `${sentences.join(". ")}.`),
      source: fc.constantFrom(...SOURCES),
      date: fc.constantFrom(...DATES),
      url: fc.constantFrom(null, "https://example.org/a"),
      // Metadata fields, searchable by default: an author, tags, a number.
      fields: fc.record(
        { author: fc.constantFrom("Jane Doe", "Putin", "Trump"), tags: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }), year: fc.constantFrom(2016, 2017) },
        { requiredKeys: [] },
      ),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((documents) => documents.map((document, i): StoredDocument => ({ id: `doc-${i}`, ...document })));

/** A word as people type it: whole, cut short, with a typo (never on the first letter), or excluded. */
const typed = fc
  .tuple(fc.constantFrom(...WORDS), fc.constantFrom("whole", "prefix", "typo", "swap", "exclude"), fc.nat(20))
  .map(([word, how, at]) => {
    const i = 1 + (at % Math.max(1, word.length - 1));
    if (how === "prefix") return word.slice(0, Math.max(1, i));
    if (how === "typo") return word.slice(0, i) + "x" + word.slice(i + 1);
    if (how === "swap" && word.length > 3) return word.slice(0, i) + (word[i + 1] ?? "") + word[i] + word.slice(i + 2);
    if (how === "exclude") return `-${word}`;
    return word;
  });
const query = fc.oneof(
  fc.array(typed, { minLength: 0, maxLength: 5 }).map((words) => words.join(" ")),
  fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS)).map(([a, b]) => `"${a} ${b}"`),
  fc.tuple(typed, fc.constantFrom(...WORDS), fc.constantFrom(...WORDS)).map(([a, b, c]) => `${a} "${b} ${c}"`),
);
const params = fc
  .record({
    q: query,
    match: fc.constantFrom(undefined, "all", "any"),
    sort: fc.constantFrom(undefined, "relevance", "date", "-date"),
    from: fc.constantFrom(undefined, "2017", "2017-05-02"),
    to: fc.constantFrom(undefined, "2017-05", "2018"),
    source: fc.constantFrom(undefined, "Reuters", "unknown"),
    limit: fc.constantFrom(undefined, "3", "100"),
    offset: fc.constantFrom(undefined, "2"),
    // A field filter: tags is a facet, so filterable, by default.
    tags: fc.constantFrom(undefined, "safe", "syria"),
    // The date facet's filter: years, from documents.bin's column here, from a table in the reference.
    date: fc.constantFrom(undefined, "2017", "2016"),
  })
  .map((fields) => new URLSearchParams(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined)));

// Hundreds of queries, each asked of both indexes: a few seconds alone, more on a busy machine.
describe("the paged index", { timeout: 60_000 }, () => {
  it("answers every kind of query as one MiniSearch of the whole corpus does, on generated corpora cut into small blocks", async () => {
    await fc.assert(
      fc.asyncProperty(corpus, fc.array(params, { minLength: 1, maxLength: 8 }), async (documents, requests) => {
        const { paged, one } = await bothWays(documents, SMALL_BLOCKS);
        for (const request of requests) await expectSameAnswers(paged, one, request);
      }),
      { numRuns: 60 },
    );
  });

  it("counts a term found only in a metadata field among its documents (found by the property: 201x meant 2016, not 2017)", async () => {
    const documents: StoredDocument[] = [
      { id: "doc-0", title: "safe", text: "safe.", source: "Reuters", date: null, url: null, fields: { year: 2016 } },
      { id: "doc-1", title: "safe", text: "2017 safe.", source: "Reuters", date: null, url: null, fields: {} },
      { id: "doc-2", title: "safe", text: "safe.", source: "Reuters", date: null, url: null, fields: { tags: ["safe"] } },
    ];
    const { paged, one } = await bothWays(documents, SMALL_BLOCKS);
    await expectSameAnswers(paged, one, new URLSearchParams({ q: "201x" }));
    expect((await search(paged, parseSearchRequest(new URLSearchParams({ q: "201x" })))).didYouMean).toBe("2016");
  });

  it("answers as one MiniSearch does on the seeds, with the blocks the build writes and with small ones", async () => {
    const contents = await readCorpus(path.join(import.meta.dirname, "../../seeds"));
    const { documents } = documentsFromFiles(contents.files, contents.manifest);
    for (const layout of [undefined, SMALL_BLOCKS]) {
      const { paged, one } = await bothWays(documents, layout);
      await fc.assert(
        fc.asyncProperty(params, (request) => expectSameAnswers(paged, one, request)),
        { numRuns: 150 },
      );
      for (const q of ["safe zones", "putin", "syira", '"safe zones"', "the", "trump -putin", "pres", "kremlin readout", "cease-fire", "杭州"]) {
        await expectSameAnswers(paged, one, new URLSearchParams({ q }));
      }
    }
  });
});
