/**
 * Passages documents share: wire copies, rewrites and quoted statements.
 *
 * A news archive holds many versions of one story (an agency's copy and a
 * site's rewrite of it) and reports that quote one another. At build time
 * this finds, for every document, the other documents it shares passages
 * with, where those passages stand on both sides, and which other documents
 * are near-copies of it (most of one text is in the other).
 *
 * Words are read as the index reads them (tokenize): folded and stemmed, so
 * curly and straight quotes, case, "Russia's" and "Russia’s", glued sentences
 * ("Syria.The") and "cease-fire" against "cease fire" all agree. Stop words
 * stay: they are part of a passage.
 *
 * The method is exact shingle hashing with winnowing (Schleimer, Wilkerson,
 * Aiken, "Winnowing: local algorithms for document fingerprinting", SIGMOD
 * 2003): every run of K consecutive words (a shingle) is hashed; in every
 * window of W consecutive shingle hashes the smallest (the rightmost one on
 * ties) is the document's fingerprint there. Two documents sharing a run of
 * at least W + K - 1 words share a window of W identical shingles, which
 * selects the same fingerprint at the same place on both sides. A
 * fingerprint held by two documents is a seed: the words are compared (a
 * hash may collide) and the run is extended as far as it goes both ways. So
 * every maximal shared run of at least MIN_PASSAGE_WORDS words is found,
 * and nothing else: exactly what comparing every pair of positions would
 * find (the tests keep that simple way and check the two agree).
 *
 * Cost, for a corpus of N words: tokenizing and hashing are linear (K words
 * hashed per shingle, W hashes compared per window). Winnowing keeps about
 * 2/(W+1) = 40% of the shingles as fingerprints (the paper's density for
 * random hashes), so the fingerprints hold about 0.4·N occurrences; each
 * document's distinct shingle hashes are recorded too, to count the
 * documents holding each fingerprint's shingle. A fingerprint whose
 * shingle is in more than `maxDocumentsPerFingerprint` documents is
 * boilerplate (a newsletter footer, a disclaimer) and skipped, which bounds
 * the seeds a fingerprint makes by the cap squared (times its repeats inside
 * one document: a passage written r times in one document and s times in
 * another is r·s maximal runs, and each is reported). Extending a run costs
 * its length once: seeds already inside a found run on the same diagonal are
 * skipped.
 *
 * Exact copies (the same text, character for character) are compared once:
 * the first two documents with a text are read, and the others are given
 * their answer (passage-copies.ts).
 *
 * Memory: words are flat typed arrays (12 bytes a word, keys interned: see
 * PassageCorpus), fingerprints flat arrays sorted by hash, and only one
 * document's seeds and one pair's runs are held at a time. A build keeps
 * the words, the fingerprints, the runs found and the spans kept in files
 * (passage-store.ts), the fingerprints cut by hash into partitions of
 * WORDS_PER_PARTITION words' worth, compared one at a time: memory holds
 * one partition's fingerprints, a bit a word (where seeds are), the
 * documents being compared, the vocabulary and the views waiting for
 * pairs. A run holds fingerprints of many partitions, and is reported by
 * the partition of its first seed only (the others, going back from a seed
 * of theirs, meet an earlier seed and stop), so it is extended once; each
 * partition writes its runs pair by pair, in order, and a merge of the
 * partitions' files brings a pair's runs together, one pair at a time.
 * The answer is not held: pairs come by their first document, so a
 * document's answer is final once they have moved past it, and is given
 * then (forEachDocument, in the order the documents were added); its view
 * is dropped once every document with its text has been given
 * (passage-answers.ts). A view waiting holds a few numbers an entry, cut
 * to what a build keeps (maxSharedWith), its spans (cut to maxSpans) left
 * in a file until given. Held then: the views of documents that share
 * with one already compared and are not compared yet themselves (two,
 * along a chain of documents each sharing with the next; more where
 * versions of a story are spread over the corpus: on 50,000 near-copied
 * e-mails, 7,143 views of 94,330 entries at most, a few MB), and those of
 * texts with a copy still to give. What else grows with the corpus is a
 * bit a word and a few numbers a document (where its words are, its
 * total, its text's copies); on disk, the spans file, 20 bytes a span
 * kept a side (160 MB on those e-mails).
 */
import path from "node:path";
import type { SharedSpan } from "../search/related";
import {
  BREAK,
  heldHashes,
  partitionFingerprints,
  type Fingerprints,
  partitionOf,
  shingleHashes,
  winnow,
} from "./passage-fingerprints";
import { ExactCopies } from "./passage-copies";
import { forEachPairRuns, type Run } from "./passage-runs";
import { readWords } from "./passage-words";
import { fileStore, IntList, memoryStore, type IntStore } from "./passage-store";
import { compareIds, longestOf, SharedViews, type SpanKeys, type ViewsHeld, type WordOffsets } from "./passage-views";
import { DocumentAnswers, type GivenDocument } from "./passage-answers";

export { K, MIN_PASSAGE_WORDS, W } from "./passage-fingerprints";
export { passageWords, sameWord, wordCount, type PassageWord } from "./passage-words";
export { NEAR_COPY_SHARE, type ViewsHeld } from "./passage-views";
export type { GivenDocument } from "./passage-answers";

/**
 * A fingerprint whose shingle is in more documents than this is boilerplate
 * (a footer, a disclaimer, a subscription line) and makes no seeds: a
 * passage that many documents repeat says nothing about which ones copy
 * which, and its pairs would grow with the square of its documents. Such a
 * passage is still reported between two documents that share a longer run
 * holding it (the run is extended through it from another seed).
 */
export const DEFAULT_MAX_DOCUMENTS_PER_FINGERPRINT = 64;

/**
 * Words per hash partition of a corpus compared on disk: a partition's
 * fingerprints (0.4 selections a word, 24 bytes a selection while
 * compared) and its holding records (8 bytes a distinct shingle of a
 * document) then take about 100 MB.
 */
export const WORDS_PER_PARTITION = 8_000_000;

/** A document to compare. */
export interface PassageDocument {
  /** Unique within the corpus. */
  id: string;
  text: string;
}

/** Options of sharedPassages. */
export interface SharedPassagesOptions {
  /** See DEFAULT_MAX_DOCUMENTS_PER_FINGERPRINT. */
  maxDocumentsPerFingerprint?: number;
  /**
   * Spans kept per document and other document: the longest, as
   * longestSpans picks them (a reader is shown no more). sharedWords and
   * nearCopy still count every run. Default: every span.
   */
  maxSpans?: number;
  /**
   * Documents listed in full per document: the first this many of its
   * sharedWith (a reader is shown no more). After them only near-copies
   * are listed, with no spans (copy groups need every one); the others are
   * left out. Default: every document, in full.
   */
  maxSharedWith?: number;
}

/** A passage of one document that another holds too: the API's shape, which the build writes (search/related.ts). */
export type { SharedSpan };

/** What one document shares with one other document. */
export interface SharedWith {
  /** The other document's id. */
  id: string;
  /** Words of this document inside at least one of `spans` (a word in two spans counts once). */
  sharedWords: number;
  /** Most of one of the two texts is in the other (see NEAR_COPY_SHARE); the same seen from either side. */
  nearCopy: boolean;
  /** Every maximal shared run, by start (then by otherStart). */
  spans: SharedSpan[];
}

/** A document that shares passages with others. */
export interface DocumentPassages {
  id: string;
  /** Words in the document as the index reads them. */
  words: number;
  /** The documents it shares passages with: most shared words first, then by id. */
  sharedWith: SharedWith[];
}

/**
 * For every document sharing a passage of at least MIN_PASSAGE_WORDS words
 * with another, the documents it shares with and where; documents sharing
 * nothing are left out. Sorted by id, and the same whatever the order of
 * `documents`. Ids must be unique. Read-only: copies of a text are given
 * the same objects.
 */
export function sharedPassages(documents: readonly PassageDocument[], options: SharedPassagesOptions = {}): DocumentPassages[] {
  const corpus = new PassageCorpus();
  for (const document of documents) corpus.add(document);
  return corpus.sharedPassages(options);
}

/**
 * The spans of `spans` (in their order: by start, then otherStart) that a
 * reader is shown when there are more than `max`: the longest, the first
 * of equally long ones, back in their order. All of them when there are no
 * more than `max`, so picking twice picks the same.
 */
export function longestSpans(spans: SharedSpan[], max: number): SharedSpan[] {
  return longestOf(spans, max, SPAN_KEYS);
}


const SPAN_KEYS: SpanKeys<SharedSpan> = { words: (span) => span.words, start: (span) => span.start, otherStart: (span) => span.otherStart };

/** Where a PassageCorpus keeps what it reads. */
export interface PassageCorpusOptions {
  /**
   * A folder (existing, the caller's to remove) for the words, the
   * fingerprints and the runs found, in files; none: all in memory.
   */
  folder?: string;
  /** Hash partitions the fingerprints are cut into, compared one at a time (see WORDS_PER_PARTITION); default 1. */
  partitions?: number;
  /** With a folder: words of documents read back kept in memory for the next pairs (default CACHED_WORDS). */
  cachedWords?: number;
}

/** The integers a run record takes (a, b, from, to, otherFrom). */
const RUN_RECORD = 5;

/**
 * Words of documents read back from files kept for the next pairs (each
 * of keys, starts and ends, 4 bytes a word): a document is compared with
 * its partners one after another, and a partner is often the next
 * document's too (a story's versions).
 */
const CACHED_WORDS = 1_000_000;

/**
 * Documents whose shared passages are to be found, added one at a time:
 * a text is read into words when it is added and not kept, so a build can
 * add its documents as it reads them back, chunk by chunk. Each document's
 * fingerprints go to the partition of their hash as it is added.
 *
 * Words are kept flat, in typed arrays over the whole corpus (a word is
 * three 32-bit numbers: its key's number in the vocabulary and its two
 * offsets), not as an object with a key string each: on the mail corpus
 * (3.0 M words) the objects took 176 MB of heap, these arrays take 36 MB
 * and the vocabulary 8 MB. With a folder, they are written to files and a
 * document's are read back when it is compared.
 */
export class PassageCorpus {
  /** The documents added, and which were read (the first two with each text). */
  private readonly copies = new ExactCopies();
  /** Read document d's words are [firstWords[d], firstWords[d + 1]) of the word stores. */
  private readonly firstWords: number[] = [0];
  /** Each document's words, breaks left out. */
  private readonly totals = new IntList(Int32Array);
  /** Key → its number, and the keys by number (the shingle hash reads their text). */
  private readonly vocabulary = new Map<string, number>();
  private readonly keyTexts: string[] = [];
  private readonly words: { keys: IntStore; starts: IntStore; ends: IntStore };
  /** By partition: its selections and holdings (see PartitionRecords). */
  private readonly selections: IntStore[];
  private readonly holdings: IntStore[];
  /** By partition, once compared: the runs it found (see mergePairs). */
  private readonly runs: IntStore[] = [];
  private readonly partitions: number;
  private readonly newStore: (name: string) => IntStore;
  /** Words read back from files kept in memory (0: in memory, nothing to keep). */
  private readonly cachedWords: number;
  /** One document's words as they are read (reused). */
  private readonly documentKeys = new IntList(Int32Array);
  /** The spans of the views' entries, while they wait to be given (see SharedViews). */
  private readonly spans: IntStore;
  private compared = false;
  /** What the comparison's views held at most (see mostHeld). */
  private viewsHeld: Readonly<ViewsHeld> = { views: 0, entries: 0 };

  constructor(options: PassageCorpusOptions = {}) {
    const { folder, partitions = 1, cachedWords = CACHED_WORDS } = options;
    if (!Number.isInteger(partitions) || partitions < 1) throw new Error(`passages: partitions must be a whole number of at least 1, not ${partitions}`);
    this.partitions = partitions;
    this.cachedWords = folder === undefined ? 0 : cachedWords;
    this.newStore = folder === undefined ? () => memoryStore() : (name) => fileStore(path.join(folder, name));
    this.words = { keys: this.newStore("keys"), starts: this.newStore("starts"), ends: this.newStore("ends") };
    this.selections = Array.from({ length: partitions }, (_, p) => this.newStore(`selections-${p}`));
    this.holdings = Array.from({ length: partitions }, (_, p) => this.newStore(`holdings-${p}`));
    this.spans = this.newStore("spans");
  }

  add(document: PassageDocument): void {
    if (this.compared) throw new Error("passages: a document added after the corpus was compared");
    this.copies.add(document.id, document.text, () => this.read(document.text));
  }

  /** Reads a text into words and fingerprints: the next read document's. */
  private read(text: string): number {
    const d = this.totals.length;
    const { keys, starts, ends } = this.words;
    this.documentKeys.clear();
    let total = 0;
    readWords(text, (key, start, end) => {
      const number = key === null ? BREAK : this.keyNumber(key);
      this.documentKeys.push(number);
      keys.push(number);
      starts.push(start);
      ends.push(end);
      if (key !== null) total++;
    });
    const shingles = shingleHashes(this.documentKeys.view(), this.keyTexts);
    winnow(shingles, (word) => {
      const hash = shingles.hashes[word]!;
      const selections = this.selections[partitionOf(hash, this.partitions)]!;
      selections.push(hash | 0);
      selections.push(d);
      selections.push(word);
    });
    for (const hash of heldHashes(shingles)) {
      const holdings = this.holdings[partitionOf(hash, this.partitions)]!;
      holdings.push(hash | 0);
      holdings.push(d);
    }
    this.firstWords.push(keys.length);
    this.totals.push(total);
    return d;
  }

  /**
   * What sharedPassages answers for the documents added. Once: what the
   * corpus holds is freed as it is compared.
   */
  sharedPassages(options: SharedPassagesOptions = {}): DocumentPassages[] {
    const found: DocumentPassages[] = [];
    this.forEachDocument(options, (_, passages) => {
      if (passages) found.push(passages);
    });
    return found.sort((x, y) => compareIds(x.id, y.id));
  }

  /**
   * Calls `given` with every document added, in the order added (0, 1,
   * 2, …), and its entry of sharedPassages (null: it shares nothing), as
   * soon as that is final: a build can write each document's answer as it
   * comes, and the corpus's answer is never held whole. Once, as
   * sharedPassages.
   */
  forEachDocument(options: SharedPassagesOptions, given: GivenDocument): void {
    if (this.compared) throw new Error("passages: a corpus is compared once");
    this.compared = true;
    try {
      this.compare(options, given);
    } finally {
      this.close();
    }
  }

  /**
   * What the comparison held at most at once: read documents' views, and
   * their entries (none before it). The tests hold the streaming answer to
   * it; a build may report it.
   */
  get mostHeld(): ViewsHeld {
    return { ...this.viewsHeld };
  }

  /** Frees what the corpus holds, its files included. */
  close(): void {
    for (const store of [...Object.values(this.words), ...this.selections, ...this.holdings, ...this.runs, this.spans]) store.drop();
  }

  private compare(options: SharedPassagesOptions, given: GivenDocument): void {
    checkUniqueIds(this.copies.ids);
    const weights = Int32Array.from({ length: this.totals.length }, (_, d) => this.copies.weight(d));
    const words = new DocumentWords(this.words, this.firstWords, this.cachedWords);
    const cap = options.maxDocumentsPerFingerprint ?? DEFAULT_MAX_DOCUMENTS_PER_FINGERPRINT;
    const maxSharedWith = options.maxSharedWith ?? Infinity;
    const views = new SharedViews(this.copies, words, this.totals.view(), { maxSpans: options.maxSpans ?? Infinity, maxSharedWith }, this.spans);
    const answers = new DocumentAnswers(this.copies, views, this.totals.view(), maxSharedWith, given);
    this.viewsHeld = views.mostHeld;
    // A pair of read documents (a, b) comes after every pair of those before a: their answers are final.
    const addPair = (a: number, b: number, runs: Run[]) => {
      answers.reach(a);
      views.addPair(a, b, runs);
    };
    // A partition's fingerprints, its records dropped once read.
    const partition = (p: number) => {
      const found = this.fingerprintsOf(p, weights, cap);
      this.selections[p]!.drop();
      this.holdings[p]!.drop();
      return found;
    };
    if (this.partitions === 1) {
      forEachPairRuns(partition(0), (d) => words.keysOf(d), null, addPair);
    } else {
      // Where a run has a seed of any partition, so that each partition reports only the runs whose first seed it holds.
      const seeding = this.seedingWords(weights, cap);
      const firstWords = this.firstWords;
      const seedsAt = (d: number, word: number) => hasBit(seeding, firstWords[d]! + word);
      // Each partition's runs, pair by pair in order (a, then b): merged, so that a pair's runs from every partition come together.
      for (let p = 0; p < this.partitions; p++) {
        const found = this.newStore(`runs-${p}`);
        this.runs.push(found);
        forEachPairRuns(partition(p), (d) => words.keysOf(d), seedsAt, (a, b, runs) => {
          for (const { from, to, otherFrom } of runs) for (const value of [a, b, from, to, otherFrom]) found.push(value);
        });
      }
      mergePairs(this.runs, addPair);
    }
    answers.finish();
  }

  /** Partition p's fingerprints, from its records. */
  private fingerprintsOf(p: number, weights: Int32Array, cap: number): Fingerprints {
    return partitionFingerprints({ selections: all(this.selections[p]!), holdings: all(this.holdings[p]!) }, weights, cap);
  }

  /** A bit per word of the corpus: set where its document selected the shingle starting there, and its hash makes seeds. */
  private seedingWords(weights: Int32Array, cap: number): Uint8Array {
    const seeding = new Uint8Array(Math.ceil(this.firstWords[this.totals.length]! / 8));
    for (let p = 0; p < this.partitions; p++) {
      const { at, document, groupEnd } = this.fingerprintsOf(p, weights, cap);
      groupEnd.forEach((end, x) => {
        if (end === -1) return;
        const word = this.firstWords[document[x]!]! + at[x]!;
        seeding[Math.floor(word / 8)]! |= 1 << word % 8;
      });
    }
    return seeding;
  }

  private keyNumber(key: string): number {
    let number = this.vocabulary.get(key);
    if (number === undefined) {
      number = this.keyTexts.length;
      // A copy of its own: a token's term may be a slice of the text, which it would keep alive.
      const own = ` ${key}`.slice(1);
      this.vocabulary.set(own, number);
      this.keyTexts.push(own);
    }
    return number;
  }
}

/** Everything a store holds. */
function all(store: IntStore): Int32Array {
  return store.slice(0, store.length);
}

/** Bit `index` of `bits` (not >>> 3: a corpus may have more than 2^32 words). */
function hasBit(bits: Uint8Array, index: number): boolean {
  return (bits[Math.floor(index / 8)]! & (1 << index % 8)) !== 0;
}

/**
 * Calls `pair` with each pair's runs, from every partition's run records
 * (a, b, from, to, otherFrom), each in pair order (by a, then b) as the
 * partition found them: a merge, one pair's runs held at a time, read a
 * block of each partition's at a time.
 */
function mergePairs(partitions: readonly IntStore[], pair: (a: number, b: number, runs: Run[]) => void): void {
  const readers = partitions.map((store) => new RunReader(store));
  for (;;) {
    let next: RunReader | null = null;
    for (const reader of readers) if (!reader.done && (!next || reader.a < next.a || (reader.a === next.a && reader.b < next.b))) next = reader;
    if (!next) return;
    const [a, b] = [next.a, next.b];
    const runs: Run[] = [];
    for (const reader of readers) while (!reader.done && reader.a === a && reader.b === b) runs.push(reader.take());
    pair(a, b, runs);
  }
}

/** Integers a RunReader reads at once: 64 KiB. */
const READ_BLOCK = 16_384 - (16_384 % RUN_RECORD);

/** One partition's run records, read in order, a block at a time; then dropped. */
class RunReader {
  private block: Int32Array = new Int32Array(0);
  private at = 0;
  private read = 0;
  done = false;

  constructor(private readonly store: IntStore) {
    this.fill();
  }

  get a(): number {
    return this.block[this.at]!;
  }

  get b(): number {
    return this.block[this.at + 1]!;
  }

  /** The run under the reader, moving past it. */
  take(): Run {
    const [block, at] = [this.block, this.at];
    const run = { from: block[at + 2]!, to: block[at + 3]!, otherFrom: block[at + 4]! };
    this.at += RUN_RECORD;
    if (this.at === this.block.length) this.fill();
    return run;
  }

  private fill(): void {
    const to = Math.min(this.store.length, this.read + READ_BLOCK);
    this.block = this.store.slice(this.read, to);
    this.at = 0;
    this.read = to;
    if (this.block.length > 0) return;
    this.done = true;
    this.store.drop();
  }
}

/**
 * The words of each document, read from the corpus's stores: views of
 * memory, or copies read from files, the last read kept (up to
 * `cachedWords` words) since a document is compared with its partners one
 * after another.
 */
class DocumentWords implements WordOffsets {
  /** By store: document → its words, least recently used first. */
  private readonly cache = { keys: new Map<number, Int32Array>(), starts: new Map<number, Int32Array>(), ends: new Map<number, Int32Array>() };
  /** By store: words in its cache. */
  private readonly cached = { keys: 0, starts: 0, ends: 0 };

  constructor(
    private readonly stores: { keys: IntStore; starts: IntStore; ends: IntStore },
    private readonly firstWords: readonly number[],
    private readonly cachedWords: number,
  ) {}

  keysOf(document: number): Int32Array {
    return this.read("keys", document);
  }

  startsOf(document: number): Int32Array {
    return this.read("starts", document);
  }

  endsOf(document: number): Int32Array {
    return this.read("ends", document);
  }

  private read(store: "keys" | "starts" | "ends", document: number): Int32Array {
    const [from, to] = [this.firstWords[document]!, this.firstWords[document + 1]!];
    if (this.cachedWords === 0) return this.stores[store].slice(from, to);
    const cache = this.cache[store];
    let values = cache.get(document);
    if (values) {
      // Most recently used last: the Map's order is the order of eviction.
      cache.delete(document);
    } else {
      values = this.stores[store].slice(from, to);
      this.cached[store] += values.length;
      for (const [oldest, old] of cache) {
        if (this.cached[store] <= this.cachedWords) break;
        cache.delete(oldest);
        this.cached[store] -= old.length;
      }
    }
    cache.set(document, values);
    return values;
  }
}

/** Throws on a duplicate id, before anything is given. */
function checkUniqueIds(ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new Error(`two documents have the id "${id}"`);
    seen.add(id);
  }
}
