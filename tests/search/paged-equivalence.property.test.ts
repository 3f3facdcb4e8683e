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
import { corpus, params } from "./arbitraries";

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
