/**
 * Shared passages, the fast way (fingerprints, seeds, extension, exact
 * copies compared once) against the simple way (every pair of documents,
 * every pair of positions): the same answer on generated corpora whose
 * documents copy runs from one another, written with varied case,
 * punctuation and quotes, some of them copies of others. With a
 * boilerplate cap (which the simple way knows nothing of), against the
 * previous implementation (passages-previous.ts); with only what a reader
 * is shown kept (RELATED_PASSAGES), against everything; with the words and
 * fingerprints in files and cut into hash partitions, as a build runs it,
 * against all in memory.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_RELATED, MAX_SPANS, RELATED_PASSAGES } from "../../src/corpus/related";
import { relatedTable } from "./related-table";
import {
  longestSpans,
  MIN_PASSAGE_WORDS,
  NEAR_COPY_SHARE,
  passageWords,
  sameWord,
  PassageCorpus,
  sharedPassages,
  wordCount,
  type DocumentPassages,
  type PassageCorpusOptions,
  type PassageDocument,
  type PassageWord,
  type SharedPassagesOptions,
  type SharedSpan,
  type SharedWith,
  type ViewsHeld,
} from "../../src/corpus/passages";
import { previousSharedPassages } from "./passages-previous";

/** A maximal run of equal words: words [from, to) of one document, from `otherFrom` in the other. */
interface Run {
  from: number;
  to: number;
  otherFrom: number;
}

/**
 * Every maximal common run of words of `a` and `b` (one that cannot be
 * extended left or right) of at least MIN_PASSAGE_WORDS words, by comparing
 * every pair of positions: ending[i][j] is the length of the run of equal
 * words ending just before a[i] and b[j].
 */
function maximalCommonRuns(a: readonly PassageWord[], b: readonly PassageWord[]): Run[] {
  const runs: Run[] = [];
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (!sameWord(a[i - 1], b[j - 1])) continue;
      current[j] = previous[j - 1]! + 1;
      const endsHere = !sameWord(a[i], b[j]);
      if (endsHere && current[j]! >= MIN_PASSAGE_WORDS) runs.push({ from: i - current[j]!, to: i, otherFrom: j - current[j]! });
    }
    previous = current;
  }
  return runs;
}

/** The spans of runs, seen from the document whose words are `own`. */
function spansOf(runs: readonly Run[], own: readonly PassageWord[], other: readonly PassageWord[]): SharedSpan[] {
  return runs
    .map((run) => {
      const words = run.to - run.from;
      return { start: own[run.from]!.start, end: own[run.to - 1]!.end, otherStart: other[run.otherFrom]!.start, otherEnd: other[run.otherFrom + words - 1]!.end, words };
    })
    .sort((x, y) => x.start - y.start || x.otherStart - y.otherStart);
}

/** Words of a document inside at least one run, counted word by word. */
function coveredWords(runs: readonly Run[], length: number): number {
  const covered = new Array<boolean>(length).fill(false);
  for (const run of runs) for (let i = run.from; i < run.to; i++) covered[i] = true;
  return covered.filter(Boolean).length;
}

/** The simple way: what sharedPassages must answer, with no fingerprints and no cap. */
function bruteForceSharedPassages(documents: readonly PassageDocument[]): DocumentPassages[] {
  const sorted = [...documents].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const words = sorted.map((document) => passageWords(document.text));
  const totals = words.map(wordCount);
  const views: SharedWith[][] = sorted.map(() => []);
  for (let a = 0; a < sorted.length; a++) {
    for (let b = a + 1; b < sorted.length; b++) {
      const runs = maximalCommonRuns(words[a]!, words[b]!);
      if (runs.length === 0) continue;
      const mirrored = runs.map((run) => ({ from: run.otherFrom, to: run.otherFrom + run.to - run.from, otherFrom: run.from }));
      const sharedA = coveredWords(runs, words[a]!.length);
      const sharedB = coveredWords(mirrored, words[b]!.length);
      const nearCopy = sharedA / totals[a]! >= NEAR_COPY_SHARE || sharedB / totals[b]! >= NEAR_COPY_SHARE;
      views[a]!.push({ id: sorted[b]!.id, sharedWords: sharedA, nearCopy, spans: spansOf(runs, words[a]!, words[b]!) });
      views[b]!.push({ id: sorted[a]!.id, sharedWords: sharedB, nearCopy, spans: spansOf(mirrored, words[b]!, words[a]!) });
    }
  }
  return sorted
    .map((document, index) => ({
      id: document.id,
      words: totals[index]!,
      sharedWith: views[index]!.sort((x, y) => y.sharedWords - x.sharedWords || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)),
    }))
    .filter((document) => document.sharedWith.length > 0);
}

// A small vocabulary, so that runs repeat and seeds are many: stop words,
// a compound, an initialism, a possessive with either apostrophe.
const VOCABULARY = ["the", "of", "Syria", "safe", "zones", "Putin", "talks", "said", "cease-fire", "U.S.", "Russia’s", "Russia's"];
// What comes between two words: spaces, punctuation, glued sentences,
// straight and curly quotes, a hyphen (which makes a compound of the two),
// a stretch of encoded data (a break, which no passage runs across).
const SEPARATORS = [" ", " ", " ", ", ", ". ", ".", ".\n\n", " “", "” ", ' "', '" ', " ‘", "’ ", " — ", "-", "; ", "\n", " QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0MTIz "];
const CASES = [(word: string) => word, (word: string) => word.toUpperCase(), (word: string) => word.charAt(0).toUpperCase() + word.slice(1)];

/** How a document writes its words: cycled over the words. */
const style = fc.array(fc.record({ separator: fc.nat(SEPARATORS.length - 1), letterCase: fc.nat(CASES.length - 1) }), { minLength: 1, maxLength: 12 });
const vocabularyWord = fc.nat(VOCABULARY.length - 1);

/** A stretch of a document: its own words, a run copied from an earlier document, or a pattern repeated (spam). */
type Piece = { own: number[] } | { copyFrom: number; at: number; length: number } | { repeat: number[]; length: number };
const piece: fc.Arbitrary<Piece> = fc.oneof(
  fc.record({ own: fc.array(vocabularyWord, { minLength: 1, maxLength: 30 }) }),
  fc.record({ copyFrom: fc.nat(), at: fc.nat(), length: fc.integer({ min: 5, max: 60 }) }),
  fc.record({ copyFrom: fc.nat(), at: fc.nat(), length: fc.integer({ min: 5, max: 60 }) }),
  fc.record({ repeat: fc.array(vocabularyWord, { minLength: 1, maxLength: 3 }), length: fc.integer({ min: 4, max: 30 }) }),
);
const MAX_WORDS = 200;
const documentPlan = fc.record({ opening: fc.array(vocabularyWord, { minLength: 20, maxLength: 60 }), pieces: fc.array(piece, { maxLength: 6 }), style });

/** The vocabulary words of each document, copies taken from the documents before it. */
function documentWords(plans: readonly { opening: number[]; pieces: Piece[] }[]): number[][] {
  const documents: number[][] = [];
  for (const plan of plans) {
    const words = [...plan.opening];
    for (const next of plan.pieces) {
      if ("own" in next) words.push(...next.own);
      else if ("repeat" in next) for (let k = 0; k < next.length; k++) words.push(next.repeat[k % next.repeat.length]!);
      else if (documents.length > 0) {
        const source = documents[next.copyFrom % documents.length]!;
        const at = next.at % source.length;
        words.push(...source.slice(at, at + next.length));
      }
    }
    documents.push(words.slice(0, MAX_WORDS));
  }
  return documents;
}

/** A document's text: its words in its own style. */
function written(words: readonly number[], documentStyle: readonly { separator: number; letterCase: number }[]): string {
  return words
    .map((word, k) => {
      const { separator, letterCase } = documentStyle[k % documentStyle.length]!;
      return CASES[letterCase]!(VOCABULARY[word]!) + SEPARATORS[separator]!;
    })
    .join("");
}

/**
 * Documents whose texts are another's, character for character (a story
 * republished as it is): up to three copies of picked documents, with ids
 * of their own, so that a text has one, two, three or four documents.
 */
function withCopies(documents: fc.Arbitrary<PassageDocument[]>): fc.Arbitrary<PassageDocument[]> {
  return fc
    .tuple(documents, fc.array(fc.nat(), { maxLength: 3 }))
    .map(([originals, picks]) => [...originals, ...picks.map((pick, k) => ({ id: `copy-${k}`, text: originals[pick % originals.length]!.text }))]);
}

const corpus: fc.Arbitrary<PassageDocument[]> = withCopies(
  fc.array(documentPlan, { minLength: 3, maxLength: 6 }).map((plans) => {
    const words = documentWords(plans);
    // Ids out of their generation order, so that sorting by id matters.
    return plans.map((plan, index) => ({ id: `doc-${(index * 7) % 11}`, text: written(words[index]!, plan.style) }));
  }),
);

/** No fingerprint is ever skipped: the cap is above the corpus's size. */
const UNCAPPED = { maxDocumentsPerFingerprint: 100 };

const keysOf = (text: string) => passageWords(text).map((word) => word.key);

describe("shared passages found by fingerprints", () => {
  it("are exactly the maximal common runs of at least 11 words that comparing every pair of positions finds", () => {
    fc.assert(
      fc.property(corpus, (documents) => {
        expect(sharedPassages(documents, UNCAPPED)).toEqual(bruteForceSharedPassages(documents));
      }),
      { numRuns: 150 },
    );
  });

  it("have the same words on both sides, read from each side's text as the index reads them", () => {
    fc.assert(
      fc.property(corpus, (documents) => {
        const textOf = (id: string) => documents.find((document) => document.id === id)!.text;
        for (const document of sharedPassages(documents, UNCAPPED)) {
          for (const other of document.sharedWith) {
            for (const span of other.spans) {
              const own = keysOf(textOf(document.id).slice(span.start, span.end));
              expect(own).toHaveLength(span.words);
              expect(own).not.toContain(null);
              expect(keysOf(textOf(other.id).slice(span.otherStart, span.otherEnd))).toEqual(own);
            }
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it("are the same whatever the order of the documents", () => {
    fc.assert(
      fc.property(corpus.chain((documents) => fc.tuple(fc.constant(documents), fc.shuffledSubarray(documents, { minLength: documents.length }))), ([documents, shuffled]) => {
        expect(sharedPassages(shuffled, UNCAPPED)).toEqual(sharedPassages(documents, UNCAPPED));
      }),
      { numRuns: 100 },
    );
  });

  it("are found in most generated corpora, so the comparisons above are not empty", () => {
    const samples = fc.sample(corpus, { numRuns: 100, seed: 17 });
    const sharing = samples.filter((documents) => sharedPassages(documents, UNCAPPED).length > 0);
    expect(sharing.length).toBeGreaterThan(50);
  });
});

/** The seeds' texts, as they are in the repository. */
function seedDocuments(): PassageDocument[] {
  const seedsDir = fileURLToPath(new URL("../../seeds/", import.meta.url));
  return readdirSync(seedsDir)
    .filter((name) => name.endsWith(".txt"))
    .map((name) => ({ id: path.basename(name, ".txt"), text: readFileSync(path.join(seedsDir, name), "utf8") }));
}

describe("on the seeds", () => {
  it("the fast way and the simple way agree", () => {
    const seeds = seedDocuments();
    expect(sharedPassages(seeds)).toEqual(bruteForceSharedPassages(seeds));
  });
});

describe("with the boilerplate cap", () => {
  const capped = fc.tuple(corpus, fc.integer({ min: 1, max: 6 }));

  it("are what the previous implementation (words as objects, a Map of fingerprints) found, whatever the cap", () => {
    fc.assert(
      fc.property(capped, ([documents, cap]) => {
        const options = { maxDocumentsPerFingerprint: cap };
        expect(sharedPassages(documents, options)).toEqual(previousSharedPassages(documents, options));
      }),
      { numRuns: 200 },
    );
  });

  it("differ from the uncapped ones in many generated corpora, so the comparison above tests the cap", () => {
    const samples = fc.sample(capped, { numRuns: 100, seed: 17 });
    const changed = samples.filter(([documents, cap]) => !isDeepStrictEqual(sharedPassages(documents, { maxDocumentsPerFingerprint: cap }), sharedPassages(documents, UNCAPPED)));
    expect(changed.length).toBeGreaterThan(20);
  });
});

/**
 * Newsletters: each document is a few lines repeated, each time between
 * words of its own, so a line written r times in one document and s times
 * in another is r·s runs, often more than a related entry keeps; and with
 * up to 12 documents, one often shares with more than a document lists;
 * and copies of some.
 */
const newsletters: fc.Arbitrary<PassageDocument[]> = withCopies(
  fc
    .record({
      lines: fc.array(fc.array(vocabularyWord, { minLength: MIN_PASSAGE_WORDS, maxLength: 20 }), { minLength: 1, maxLength: 4 }),
      documents: fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), { minLength: 2, maxLength: 12 }),
    })
    .map(({ lines, documents }) =>
      documents.map((picks, d) => ({
        id: `letter-${d}`,
        text: picks.map((pick, k) => `${lines[pick % lines.length]!.map((word) => VOCABULARY[word]).join(" ")}. Issue${d}x${k}.`).join(" "),
      })),
    ),
);

/** The answer cut as maxSpans and maxSharedWith say, from the one with every span of every document. */
function cut(every: readonly DocumentPassages[], maxSpans: number, maxSharedWith: number): DocumentPassages[] {
  return every.map((document) => ({
    ...document,
    sharedWith: document.sharedWith.flatMap((other, rank) =>
      rank < maxSharedWith ? [{ ...other, spans: longestSpans(other.spans, maxSpans) }] : other.nearCopy ? [{ ...other, spans: [] }] : [],
    ),
  }));
}

// Generated newsletters of many repeated lines: a few seconds on 2 busy cores, which is no failure.
describe("keeping only what a reader is shown (maxSpans, maxSharedWith)", { timeout: 60_000 }, () => {
  const limits = fc.record({ maxSpans: fc.integer({ min: 1, max: 4 }), maxSharedWith: fc.integer({ min: 1, max: 4 }) });

  it("gives the longest spans of the first documents, the near-copies after them without spans, sharedWords and nearCopy counted over every run", () => {
    fc.assert(
      fc.property(fc.oneof(corpus, newsletters), limits, (documents, { maxSpans, maxSharedWith }) => {
        const every = sharedPassages(documents, UNCAPPED);
        expect(sharedPassages(documents, { ...UNCAPPED, maxSpans, maxSharedWith })).toEqual(cut(every, maxSpans, maxSharedWith));
      }),
      { numRuns: 150 },
    );
  });

  it(`gives relatedTable the same table as every span of every document, with more than ${MAX_SPANS} spans or ${MAX_RELATED} documents to cut`, () => {
    let cutSome = 0;
    fc.assert(
      fc.property(newsletters, (documents) => {
        const named = documents.map(({ id }) => ({ id, source: "letters", title: id }));
        const every = sharedPassages(documents);
        if (every.some((document) => document.sharedWith.length > MAX_RELATED || document.sharedWith.some((other) => other.spans.length > MAX_SPANS))) cutSome++;
        expect(relatedTable(named, sharedPassages(documents, RELATED_PASSAGES))).toEqual(relatedTable(named, every));
      }),
      { numRuns: 150 },
    );
    expect(cutSome).toBeGreaterThan(30);
  });

  it(`keeps a near-copy that both sides list below their first ${MAX_RELATED}, which alone puts a document in its copy group`, () => {
    // Words of their own, numbered, so that the documents share exactly what is built into them.
    let next = 0;
    const words = (count: number) => Array.from({ length: count }, () => `w${next++}`).join(" ");
    const passage = words(100);
    const quoted = Array.from({ length: MAX_RELATED }, () => words(150));
    // z holds the passage and 8 longer passages, each quoted by an x (150 words of z's, under half of either side).
    // b is the passage alone: a near-copy of z (all of b), sharing fewer words with z than the x's do.
    // Each y holds the passage too: b is a near-copy of each, and they come before z in b's list (same words, ids first).
    const documents: PassageDocument[] = [
      { id: "z", text: [passage, ...quoted].join(" ") },
      { id: "b", text: passage },
      ...quoted.map((text, n) => ({ id: `x${n}`, text: `${text} ${words(200)}` })),
      ...quoted.map((_, n) => ({ id: `y${n}`, text: `${passage} ${words(200)}` })),
    ];
    const every = sharedPassages(documents);
    const rankOf = (id: string, other: string) => every.find((document) => document.id === id)!.sharedWith.findIndex((shared) => shared.id === other);
    expect([rankOf("z", "b"), rankOf("b", "z")]).toEqual([MAX_RELATED, MAX_RELATED]);
    const named = documents.map(({ id }) => ({ id, source: "s", title: id }));
    const table = relatedTable(named, sharedPassages(documents, RELATED_PASSAGES));
    expect(table).toEqual(relatedTable(named, every));
    expect(table.copies[0]).toBe(table.copies[1]);
  });
});

/** Documents in any order: a copy may come before the document it copies, and the documents of one text anywhere. */
function shuffled(documents: fc.Arbitrary<PassageDocument[]>): fc.Arbitrary<PassageDocument[]> {
  return documents.chain((all) => fc.shuffledSubarray(all, { minLength: all.length }));
}

/** sharedPassages the way a build runs it: words and fingerprints in files in a folder of its own, removed after. */
function onDisk(documents: readonly PassageDocument[], options: SharedPassagesOptions, corpusOptions: Omit<PassageCorpusOptions, "folder">): DocumentPassages[] {
  const folder = mkdtempSync(path.join(tmpdir(), "passages-test-"));
  try {
    const corpus = new PassageCorpus({ folder, ...corpusOptions });
    for (const document of documents) corpus.add(document);
    return corpus.sharedPassages(options);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// Generated corpora and newsletters, each compared on disk: a few seconds on 2 busy cores.
describe("with the fingerprints cut into hash partitions, in files", { timeout: 60_000 }, () => {
  const disk = fc.record({
    partitions: fc.integer({ min: 1, max: 9 }),
    // From a cache that holds no document (every read goes to the file) to one that holds them all.
    cachedWords: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400 }), fc.constant(1_000_000)),
  });
  const options = fc.record(
    { maxDocumentsPerFingerprint: fc.integer({ min: 1, max: 6 }), maxSpans: fc.integer({ min: 1, max: 4 }), maxSharedWith: fc.integer({ min: 1, max: 4 }) },
    { requiredKeys: [] },
  );

  it("are what the previous implementation found in memory, whatever the partitions and the cap", () => {
    fc.assert(
      fc.property(shuffled(fc.oneof(corpus, newsletters)), disk, fc.integer({ min: 1, max: 6 }), (documents, corpusOptions, cap) => {
        const capped = { maxDocumentsPerFingerprint: cap };
        expect(onDisk(documents, capped, corpusOptions)).toEqual(previousSharedPassages(documents, capped));
      }),
      { numRuns: 150 },
    );
  });

  it("are what sharedPassages answers in memory, with every option", () => {
    fc.assert(
      fc.property(shuffled(fc.oneof(corpus, newsletters)), disk, options, (documents, corpusOptions, passageOptions) => {
        expect(onDisk(documents, passageOptions, corpusOptions)).toEqual(sharedPassages(documents, passageOptions));
      }),
      { numRuns: 150 },
    );
  });

  it("are given to every copy of a text, which most generated corpora have", () => {
    const samples = fc.sample(fc.oneof(corpus, newsletters), { numRuns: 100, seed: 5 });
    const withCopy = samples.filter((documents) => new Set(documents.map((document) => document.text)).size < documents.length);
    expect(withCopy.length).toBeGreaterThan(40);
  });

  it("are the same when the runs fill many blocks of a partition's file: a line written 90 times in each of two letters", () => {
    const line = "the two leaders discussed the creation of safe zones in Syria";
    const letter = (name: string) => ({ id: name, text: Array.from({ length: 90 }, (_, k) => `${line}. ${name}${k}.`).join(" ") });
    const documents = [letter("a"), letter("b")];
    const every = sharedPassages(documents, UNCAPPED);
    // 90 × 90 runs: more than a run file's block of 16,380 integers (3,276 runs) in each partition.
    expect(every[0]!.sharedWith[0]!.spans).toHaveLength(8_100);
    for (const partitions of [2, 3]) expect(onDisk(documents, UNCAPPED, { partitions })).toEqual(every);
  });

  it("on the seeds, in 1 to 9 partitions", () => {
    const seeds = seedDocuments();
    expect(seeds).toHaveLength(5);
    const expected = sharedPassages(seeds, RELATED_PASSAGES);
    for (let partitions = 1; partitions <= 9; partitions++) expect(onDisk(seeds, RELATED_PASSAGES, { partitions, cachedWords: 100 })).toEqual(expected);
  });
});

/** Each call forEachDocument makes, in order: the document's number and its answer. */
interface Given {
  document: number;
  passages: DocumentPassages | null;
}

/** forEachDocument on a corpus of `documents`, in memory (no corpus options) or in files, as a build runs it: its calls, and what its views held at most. */
function givenOneByOne(
  documents: readonly PassageDocument[],
  options: SharedPassagesOptions,
  corpusOptions: Omit<PassageCorpusOptions, "folder"> | null,
): { given: Given[]; mostHeld: ViewsHeld } {
  const folder = corpusOptions && mkdtempSync(path.join(tmpdir(), "passages-test-"));
  try {
    const corpus = new PassageCorpus(folder === null ? {} : { folder, ...corpusOptions });
    for (const document of documents) corpus.add(document);
    const given: Given[] = [];
    corpus.forEachDocument(options, (document, passages) => given.push({ document, passages }));
    return { given, mostHeld: corpus.mostHeld };
  } finally {
    if (folder !== null) rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * A chain: each document shares a passage of 20 words of its own with the
 * one before it and another with the one after it, and nothing else.
 */
function chain(length: number): PassageDocument[] {
  let next = 0;
  const words = (count: number) => Array.from({ length: count }, () => `w${next++}`).join(" ");
  const links = Array.from({ length: length + 1 }, () => words(20));
  return Array.from({ length }, (_, k) => ({ id: `link-${k}`, text: `${links[k]} ${words(20)} ${links[k + 1]}` }));
}

// Generated corpora and newsletters, in memory and in files: a few seconds on 2 busy cores.
describe("given document by document (forEachDocument)", { timeout: 60_000 }, () => {
  const placement = fc.oneof(
    fc.constant(null),
    fc.record({ partitions: fc.integer({ min: 1, max: 9 }), cachedWords: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400 }), fc.constant(1_000_000)) }),
  );
  const limits: fc.Arbitrary<SharedPassagesOptions> = fc.oneof(
    fc.constant(RELATED_PASSAGES),
    fc.constant({}),
    fc.record({ maxSpans: fc.integer({ min: 1, max: 4 }), maxSharedWith: fc.integer({ min: 1, max: 4 }) }),
  );
  const cap = fc.oneof(fc.constant(UNCAPPED.maxDocumentsPerFingerprint), fc.integer({ min: 1, max: 6 }));

  it("gives every document once, in the order added, with its entry of the answer (cut as the options say), or null when it shares nothing", () => {
    fc.assert(
      fc.property(shuffled(fc.oneof(corpus, newsletters)), placement, limits, cap, (documents, corpusOptions, { maxSpans = Infinity, maxSharedWith = Infinity }, maxDocumentsPerFingerprint) => {
        const options = { maxDocumentsPerFingerprint, maxSpans, maxSharedWith };
        const { given } = givenOneByOne(documents, options, corpusOptions);
        expect(given.map(({ document }) => document)).toEqual(documents.map((_, document) => document));
        // The previous implementation, with every span of every document, cut afterwards: an answer made another way.
        const expected = new Map(cut(previousSharedPassages(documents, { maxDocumentsPerFingerprint }), maxSpans, maxSharedWith).map((found) => [found.id, found]));
        for (const { document, passages } of given) expect(passages).toEqual(expected.get(documents[document]!.id) ?? null);
        // And sharedPassages is the same answers, by id.
        expect(sharedPassages(documents, options)).toEqual(given.flatMap(({ passages }) => (passages ? [passages] : [])).sort((x, y) => (x.id < y.id ? -1 : 1)));
      }),
      { numRuns: 150 },
    );
  });

  it("gives null to many documents and an answer to many in generated corpora, so the comparison above tests both", () => {
    const samples = fc.sample(fc.oneof(corpus, newsletters), { numRuns: 100, seed: 11 });
    const answers = samples.flatMap((documents) => givenOneByOne(documents, RELATED_PASSAGES, null).given.map(({ passages }) => passages !== null));
    expect(answers.filter(Boolean).length).toBeGreaterThan(50);
    expect(answers.filter((answered) => !answered).length).toBeGreaterThan(50);
  });

  it("holds the views of two documents at a time along a chain, however long: each view is dropped once its document is given", () => {
    for (const length of [10, 100, 1_000]) {
      const documents = chain(length);
      for (const corpusOptions of [null, { partitions: 3 }]) {
        const { given, mostHeld } = givenOneByOne(documents, RELATED_PASSAGES, corpusOptions);
        expect(given.map(({ passages }) => passages!.sharedWith.map((other) => other.id).sort())).toEqual(
          documents.map((_, k) => [k - 1, k + 1].filter((other) => other >= 0 && other < length).map((other) => `link-${other}`).sort()),
        );
        // The document being compared (with the one before it, and the one after) and the one after it (with the one before it).
        expect(mostHeld).toEqual({ views: 2, entries: 3 });
      }
    }
  });

  it("holds a text's view until its last copy is given: a copy of the chain's first document, added last, keeps one view more", () => {
    const documents = chain(100);
    const copy = { id: "copy-of-link-0", text: documents[0]!.text };
    const { given, mostHeld } = givenOneByOne([...documents, copy], RELATED_PASSAGES, { partitions: 2 });
    const [first, last] = [given[0]!.passages!, given.at(-1)!.passages!];
    const listed = (passages: DocumentPassages) => passages.sharedWith.map(({ id, sharedWords, nearCopy }) => [id, sharedWords, nearCopy]);
    expect([first.id, first.words, listed(first)]).toEqual(["link-0", 60, [["copy-of-link-0", 60, true], ["link-1", 20, false]]]);
    expect([last.id, last.words, listed(last)]).toEqual(["copy-of-link-0", 60, [["link-0", 60, true], ["link-1", 20, false]]]);
    // The same object for link-1 in both, as sharedPassages gives copies of a text (a build makes one related entry of it).
    expect(last.sharedWith[1]).toBe(first.sharedWith[1]);
    // Besides the two of the chain: link-0's (it and its copy), link-1's entry for the copy while link-1 is compared.
    expect(mostHeld).toEqual({ views: 3, entries: 6 });
  });

  it("compares a corpus once, and removes its files even when `given` throws", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "passages-test-"));
    try {
      const corpus = new PassageCorpus({ folder, partitions: 2 });
      for (const document of chain(5)) corpus.add(document);
      expect(() =>
        corpus.forEachDocument(RELATED_PASSAGES, () => {
          throw new Error("the reader stopped");
        }),
      ).toThrow("the reader stopped");
      expect(readdirSync(folder)).toEqual([]);
      expect(() => corpus.forEachDocument(RELATED_PASSAGES, () => {})).toThrow("passages: a corpus is compared once");
      expect(() => corpus.sharedPassages()).toThrow("passages: a corpus is compared once");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
