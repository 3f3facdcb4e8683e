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
 * random hashes), so the inverted map holds about 0.4·N occurrences; a
 * second pass over the shingles counts, for each fingerprint, the
 * documents holding its shingle (one map lookup per word). A fingerprint
 * whose shingle is in more than `maxDocumentsPerFingerprint` documents is
 * boilerplate (a newsletter footer, a disclaimer) and skipped, which bounds
 * the seeds a fingerprint makes by the cap squared (times its repeats inside
 * one document: a passage written r times in one document and s times in
 * another is r·s maximal runs, and each is reported). Extending a run costs
 * its length once: seeds already inside a found run on the same diagonal are
 * skipped.
 *
 * Memory: on the mail corpus (6,046 e-mails, 3.0 M words) the first version
 * of this module (words as objects with a key string each, a Map of
 * fingerprint objects, every pair's seeds and runs at once) held 1.0 GB of
 * heap: the answer 0.32 GB (2 M spans, seen from both sides), the words
 * 0.18, the seeds 0.17, the fingerprints 0.13, the runs 0.12. Now the words
 * are flat typed arrays (12 bytes a word, see PassageCorpus), the shingle
 * hashes 5 bytes a word while the fingerprints are made, the fingerprints
 * flat arrays sorted by hash (about 10 bytes a word), and only one
 * document's seeds and one pair's runs are held at a time: 58 MB of arrays
 * and 8 MB of vocabulary on mail. What is left is the answer, which a
 * build cuts to what it keeps (maxSpans, maxSharedWith: 61 MB on mail
 * rather than 320). Nothing grows faster than the corpus while the cap
 * holds, but all of it is held at once (a corpus larger than memory would
 * need the fingerprints partitioned by hash, a pass per partition), so a
 * build skips the stage past MAX_PASSAGE_WORDS.
 */
import { tokenize } from "../search/analysis/tokenize";
import type { SharedSpan } from "../search/related";
import { fmix32, fnv1a, FNV_OFFSET } from "../search/index/hash";

/**
 * Words in a shingle. Eight words make a passage rather than a phrase: the
 * common phrases of news ("the White House said on", "the U.S. secretary of
 * state") are shorter, and issue 17's own measurements on the seeds were
 * taken with 8-word shingles.
 */
export const K = 8;

/**
 * Shingle hashes in a winnowing window. Larger windows keep fewer
 * fingerprints (2/(W+1) of the shingles) but need longer runs before a
 * shared passage is certain to be seen (W + K - 1 words); 4 keeps 40% and
 * sees every shared run of 11 words.
 */
export const W = 4;

/**
 * The shortest passage reported: winnowing's guarantee threshold. Every
 * shared run this long holds a shared fingerprint, so reporting only these
 * makes the result exact (shorter runs are found only when a fingerprint
 * happens to fall in them, which would make the answer depend on the hash).
 */
export const MIN_PASSAGE_WORDS = W + K - 1;

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
 * Two documents are near-copies when the passages they share cover at least
 * this share of either one's words: one is, for the most part, the other's
 * text (Broder's containment, rather than resemblance). News versions are
 * trimmed and extended copies of one another, so the shorter side is the
 * one to read. Measured on the seeds (raw files): 000 and 001, two versions
 * of one story, share 323 words, 92% of 000's 353 but only 54% of 001's 595
 * (001 adds a press briefing, "WATCH:" lines and Putin's denial). No other
 * pair shares more than 4.2% of either side: 000 with 003 one 15-word
 * sentence (4.2% of 000, 3.0% of 003), 001 with 003 the same sentence
 * (2.5%, 3.0%), 002 with 004 a 13-word quote (2.2%, 3.6%). Requiring half
 * of each side would keep 000/001 by two paragraphs only (54% against 50%),
 * and would miss a wire copy cut to a third of its length, the commonest
 * version of all; half of either side puts the line far from both 92% and
 * 4.2%.
 */
export const NEAR_COPY_SHARE = 0.5;

/**
 * The most words a build looks for shared passages in: every word is held
 * at once (see PassageCorpus), with the fingerprints and what the
 * documents share, so a larger corpus skips the stage (with a warning)
 * rather than run out of memory. Measured: the streaming build's peak RSS
 * during the stage (2 cores, Node 20), on the mail corpus and on the mail
 * repeated with distinct ids, as the bench makes its larger corpora:
 * 3.0 M words (mail) 336 MB, 4.2 M (10,000 e-mails) 425 MB, 9.6 M
 * (20,000) 773 MB, 15.1 M (30,000) 1,184 MB, 24.8 M (50,000) 1,702 MB.
 * Repeated mail is a corpus of copies (each e-mail is in up to 8
 * documents), where what documents share grows faster than their words;
 * 12 M words keeps a corpus like it near 1 GB, with room for one that
 * repeats more.
 */
export const MAX_PASSAGE_WORDS = 12_000_000;

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
 * A word as passages compare it: its key (the indexed term, or the folded
 * word when the index drops it) and where it stands in the text. A `null`
 * key is a break, where the tokenizer skipped a stretch (encoded data): a
 * passage never runs across one, as a phrase does not.
 */
export interface PassageWord {
  key: string | null;
  /** UTF-16 offset of the first character (a break: where the last word ended). */
  start: number;
  /** UTF-16 offset just past the last character. */
  end: number;
}

/**
 * The words of a text, one per position: a compound's parts, not its joined
 * form, so "cease-fire" and "cease fire" read the same.
 *
 * @example
 * passageWords("A cease-fire.").map((word) => word.key) // => ["a", "ceas", "fire"]
 */
export function passageWords(text: string): PassageWord[] {
  const words: PassageWord[] = [];
  readWords(text, (key, start, end) => words.push({ key, start, end }));
  return words;
}

/**
 * Reads a text's words in order, breaks included, as passageWords gives
 * them: the one reading of a text, whether into objects or a corpus's flat
 * arrays (PassageCorpus).
 */
function readWords(text: string, word: (key: string | null, start: number, end: number) => void): void {
  let nextPosition = 0;
  // A break stands where the last word ended (a break is always followed by a word, so it is never the last).
  let lastEnd = 0;
  for (const token of tokenize(text)) {
    if (token.span !== 1) continue;
    if (token.position > nextPosition) word(null, lastEnd, lastEnd);
    word(token.term ?? token.word, token.start, token.end);
    lastEnd = token.end;
    nextPosition = token.position + 1;
  }
}

/** Two words that match: the same key, and neither a break. */
export function sameWord(a: PassageWord | undefined, b: PassageWord | undefined): boolean {
  return a !== undefined && b !== undefined && a.key !== null && a.key === b.key;
}

/** The words of a document that are words, not breaks. */
export function wordCount(words: readonly PassageWord[]): number {
  let count = 0;
  for (const word of words) if (word.key !== null) count++;
  return count;
}

/**
 * For every document sharing a passage of at least MIN_PASSAGE_WORDS words
 * with another, the documents it shares with and where; documents sharing
 * nothing are left out. Sorted by id, and the same whatever the order of
 * `documents`. Ids must be unique.
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

/** What longestSpans compares of a span, read from whatever stands for it. */
interface SpanKeys<T> {
  words(item: T): number;
  start(item: T): number;
  otherStart(item: T): number;
}

const SPAN_KEYS: SpanKeys<SharedSpan> = { words: (span) => span.words, start: (span) => span.start, otherStart: (span) => span.otherStart };

/**
 * longestSpans over anything that stands for a span: the one rule, applied
 * to runs before their spans are made, so that the spans left out (most of
 * them, where a line repeats: r·s runs) are never made.
 */
function longestOf<T>(items: T[], max: number, keys: SpanKeys<T>): T[] {
  if (items.length <= max) return items;
  const { words, start, otherStart } = keys;
  return [...items]
    .sort((a, b) => words(b) - words(a) || start(a) - start(b))
    .slice(0, max)
    .sort((a, b) => start(a) - start(b) || otherStart(a) - otherStart(b));
}

/** A word's key in a PassageCorpus: its number in the corpus's vocabulary, or BREAK. */
const BREAK = -1;

/**
 * Documents whose shared passages are to be found, added one at a time:
 * a text is read into words when it is added and not kept, so a build can
 * add its documents as it reads them back, chunk by chunk.
 *
 * Words are kept flat, in typed arrays over the whole corpus (a word is
 * three 32-bit numbers: its key's number in the vocabulary and its two
 * offsets), not as an object with a key string each: on the mail corpus
 * (3.0 M words) the objects took 176 MB of heap, these arrays take 36 MB
 * and the vocabulary 8 MB.
 */
export class PassageCorpus {
  private readonly ids: string[] = [];
  /** Document d's words are [firstWords[d], firstWords[d + 1]) of the arrays below. */
  private readonly firstWords = new IntList(Int32Array);
  private readonly keys = new IntList(Int32Array);
  private readonly starts = new IntList(Int32Array);
  private readonly ends = new IntList(Int32Array);
  /** Each document's words, breaks left out. */
  private readonly totals = new IntList(Int32Array);
  /** Key → its number, and the keys by number (the shingle hash reads their text). */
  private readonly vocabulary = new Map<string, number>();
  private readonly keyTexts: string[] = [];

  constructor() {
    this.firstWords.push(0);
  }

  add(document: PassageDocument): void {
    let total = 0;
    readWords(document.text, (key, start, end) => {
      this.keys.push(key === null ? BREAK : this.keyNumber(key));
      this.starts.push(start);
      this.ends.push(end);
      if (key !== null) total++;
    });
    this.ids.push(document.id);
    this.firstWords.push(this.keys.length);
    this.totals.push(total);
  }

  /** What sharedPassages answers for the documents added. */
  sharedPassages(options: SharedPassagesOptions = {}): DocumentPassages[] {
    const order = idOrder(this.ids);
    // Done adding (for now): the words take 12 bytes each, not up to 24.
    for (const list of [this.keys, this.starts, this.ends]) list.trim();
    const words: CorpusWords = {
      keys: this.keys.view(),
      starts: this.starts.view(),
      ends: this.ends.view(),
      firstWords: this.firstWords.view(),
      keyTexts: this.keyTexts,
    };
    const found = fingerprints(words, options.maxDocumentsPerFingerprint ?? DEFAULT_MAX_DOCUMENTS_PER_FINGERPRINT);
    const views = new SharedViews(this.ids, words, this.totals.view(), { maxSpans: options.maxSpans ?? Infinity, maxSharedWith: options.maxSharedWith ?? Infinity });
    forEachPairRuns(words, found, (a, b, runs) => views.addPair(a, b, runs));
    return views.readout(order);
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

/**
 * A list of 32-bit integers that grows (doubling): a typed array's 4 bytes
 * a number, where a JS array takes 8, and 16 more for each one of 2^31 or
 * more (a boxed double: half of all hashes).
 */
class IntList<A extends Int32Array | Uint32Array> {
  private values: A;
  length = 0;

  constructor(private readonly make: new (length: number) => A) {
    this.values = new make(1024);
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new this.make(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  clear(): void {
    this.length = 0;
  }

  /** Gives back the room doubling left unused (up to half the list). */
  trim(): void {
    if (this.values.length > this.length) this.values = this.values.slice(0, this.length) as A;
  }

  /** The values pushed so far (sharing the list's memory). */
  view(): A {
    return this.values.subarray(0, this.length) as A;
  }
}

/** A corpus's words, flat: word w of the corpus is keys[w], starts[w], ends[w]. */
interface CorpusWords {
  /** The key's number, or BREAK. */
  keys: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  /** Document d's words are [firstWords[d], firstWords[d + 1]). */
  firstWords: Int32Array;
  keyTexts: readonly string[];
}

/** Documents by id, in code-unit order (so that the result does not depend on their order); throws on a duplicate id. */
function idOrder(ids: readonly string[]): number[] {
  const order = ids.map((_, document) => document).sort((a, b) => compareIds(ids[a]!, ids[b]!));
  for (let k = 1; k < order.length; k++) if (ids[order[k]!] === ids[order[k - 1]!]) throw new Error(`two documents have the id "${ids[order[k]!]}"`);
  return order;
}

/** Code-unit order: the same in every locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Two words that match, by their place in the corpus: the same key, and neither a break. */
function sameKey(keys: Int32Array, w: number, v: number): boolean {
  return keys[w] !== BREAK && keys[w] === keys[v];
}

/** Every shingle's hash, by the corpus word it starts at; `held` is 0 where no shingle starts (a break inside, or the document ends first). */
interface Shingles {
  hashes: Uint32Array;
  held: Uint8Array;
}

/**
 * The hash of every shingle of K words. The project's hash (shardOf in
 * src/search/index/hash.ts: FNV-1a finished with MurmurHash3's fmix32)
 * over the keys, each followed by U+0000: the value shardOf(joined, 2 ** 32)
 * gives, without building the joined string for every word of the corpus.
 * Which shingles a window selects depends on these values, and so does the
 * boilerplate cap's effect: they must not change.
 */
function shingleHashes({ keys, firstWords, keyTexts }: CorpusWords): Shingles {
  const hashes = new Uint32Array(keys.length);
  const held = new Uint8Array(keys.length);
  for (let document = 0; document + 1 < firstWords.length; document++) {
    const end = firstWords[document + 1]!;
    for (let from = firstWords[document]!; from + K <= end; from++) {
      let hash = FNV_OFFSET;
      let k = 0;
      for (; k < K && keys[from + k] !== BREAK; k++) {
        // Each key followed by U+0000, which no key holds: "ab" "c" and "a" "bc" hash apart.
        // A collision left would be caught anyway, when the words of a seed are compared.
        hash = fnv1a("\0", fnv1a(keyTexts[keys[from + k]!]!, hash));
      }
      if (k < K) continue;
      hashes[from] = fmix32(hash);
      held[from] = 1;
    }
  }
  return { hashes, held };
}

/**
 * Where the window of W shingles from `window` has its smallest hash, the
 * rightmost on ties (the paper's rule); -1 when no shingle of the window is
 * held. The choice depends on the window alone, so a window two documents
 * share picks the same shingle in both. The paper's "robust" variant (keep
 * the previous window's choice on ties) would make it depend on the words
 * before, and lose that.
 */
function rightmostMinimum({ hashes, held }: Shingles, window: number): number {
  let best = -1;
  for (let i = window; i < window + W; i++) {
    if (held[i] === 1 && (best === -1 || hashes[i]! <= hashes[best]!)) best = i;
  }
  return best;
}

/**
 * The fingerprints that make seeds, as flat arrays over the selections
 * (every document's winnowed shingles, in document order): where each
 * stands and, for those whose hash other documents selected too and that
 * are not boilerplate, the selections of the same hash after it: about
 * 24 bytes a selection, 10 a word of the corpus. This replaced a Map from
 * hash to an object with an array, 670,000 of them (130 MB) on the mail
 * corpus.
 */
interface Fingerprints {
  /** Per selection: the corpus word its shingle starts at, and its document. */
  at: Int32Array;
  document: Int32Array;
  /** Selections by hash; of one hash, in document order (then by word). */
  byHash: Int32Array;
  /** Per selection: where it stands in byHash. */
  rank: Int32Array;
  /** Per selection: where its hash's selections end in byHash, or -1 when it makes no seeds. */
  groupEnd: Int32Array;
  /** Document d's selections are [firstSelections[d], firstSelections[d + 1]). */
  firstSelections: Int32Array;
}

/** Each document's fingerprints, grouped by hash, those that make seeds marked (see Fingerprints). */
function fingerprints(words: CorpusWords, cap: number): Fingerprints {
  const shingles = shingleHashes(words);
  const documents = words.firstWords.length - 1;
  const hashes = new IntList(Uint32Array);
  const at = new IntList(Int32Array);
  const document = new IntList(Int32Array);
  const firstSelections = new IntList(Int32Array);
  for (let d = 0; d < documents; d++) {
    firstSelections.push(at.length);
    winnow(shingles, words.firstWords[d]!, words.firstWords[d + 1]!, (selected) => {
      hashes.push(shingles.hashes[selected]!);
      at.push(selected);
      document.push(d);
    });
  }
  firstSelections.push(at.length);
  // Held through the pairs: no room to spare.
  for (const list of [at, document, firstSelections]) list.trim();
  const selected = { hashes: hashes.view(), document: document.view() };
  const byHash = orderByHash(selected.hashes);
  const rank = new Int32Array(byHash.length);
  byHash.forEach((selection, position) => (rank[selection] = position));
  const groupEnd = seedingGroups(selected, byHash, shingles, words.firstWords, cap);
  return { at: at.view(), document: selected.document, byHash, rank, groupEnd, firstSelections: firstSelections.view() };
}

/**
 * A document's fingerprints: in every window of W shingle hashes of its
 * words [from, to), the smallest, each once (consecutive windows often
 * pick the same shingle).
 */
function winnow(shingles: Shingles, from: number, to: number, select: (word: number) => void): void {
  let last = -1;
  for (let window = from; window + W + K - 1 <= to; window++) {
    const chosen = rightmostMinimum(shingles, window);
    if (chosen === -1 || chosen === last) continue;
    select(chosen);
    last = chosen;
  }
}

/**
 * The order of `hashes` by value, stably (equal hashes keep their order):
 * a radix sort, two passes of 16 bits, where a comparison sort would take
 * a comparator call per step on millions of selections.
 */
function orderByHash(hashes: Uint32Array): Int32Array {
  let order = new Int32Array(hashes.length);
  let next = new Int32Array(hashes.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  for (const shift of [0, 16]) {
    const starts = new Int32Array(65537);
    for (let i = 0; i < order.length; i++) starts[((hashes[i]! >>> shift) & 0xffff) + 1]!++;
    for (let digit = 0; digit < 65536; digit++) starts[digit + 1]! += starts[digit]!;
    for (let i = 0; i < order.length; i++) {
      const selection = order[i]!;
      next[starts[(hashes[selection]! >>> shift) & 0xffff]!++] = selection;
    }
    [order, next] = [next, order];
  }
  return order;
}

/**
 * For each selection, where the selections of its hash end in byHash, or
 * -1 when its hash makes no seeds: selected in one document only, or
 * boilerplate (its shingle is in more than `cap` documents). Documents are
 * counted holding the shingle anywhere, selected or not: winnowing picks a
 * boilerplate shingle near the boilerplate's edges in some documents only
 * (the window there also holds the words around it), so counting
 * selections would let a footer through between those documents.
 */
function seedingGroups(
  selected: { hashes: Uint32Array; document: Int32Array },
  byHash: Int32Array,
  shingles: Shingles,
  firstWords: Int32Array,
  cap: number,
): Int32Array {
  // The hashes selected in two documents or more (only they can make seeds): where their selections start in byHash.
  const groupHashes = new IntList(Uint32Array);
  const groupFirsts = new IntList(Int32Array);
  const groupEnds = new IntList(Int32Array);
  forEachGroup(selected.hashes, byHash, (first, end) => {
    // Of one hash, selections are in document order: two documents if the first and the last differ.
    if (selected.document[byHash[first]!] === selected.document[byHash[end - 1]!]) return;
    groupHashes.push(selected.hashes[byHash[first]!]!);
    groupFirsts.push(first);
    groupEnds.push(end);
  });
  const holding = documentsHolding(groupHashes.view(), shingles, firstWords);
  const [firsts, ends] = [groupFirsts.view(), groupEnds.view()];
  const groupEnd = new Int32Array(byHash.length).fill(-1);
  for (let group = 0; group < firsts.length; group++) {
    if (holding[group]! > cap) continue;
    for (let position = firsts[group]!; position < ends[group]!; position++) groupEnd[byHash[position]!] = ends[group]!;
  }
  return groupEnd;
}

/** Calls `group` with each run [first, end) of byHash whose selections share a hash. */
function forEachGroup(hashes: Uint32Array, byHash: Int32Array, group: (first: number, end: number) => void): void {
  for (let first = 0; first < byHash.length; ) {
    let end = first + 1;
    while (end < byHash.length && hashes[byHash[end]!] === hashes[byHash[first]!]) end++;
    group(first, end);
    first = end;
  }
}

/**
 * For each of `hashes` (distinct), the documents holding a shingle of that
 * hash, selected or not: one pass over every shingle of the corpus, each
 * looked up in an open-addressing table of the hashes (linear probing; the
 * hashes are already mixed, so their low bits are a fair slot).
 */
function documentsHolding(hashes: Uint32Array, shingles: Shingles, firstWords: Int32Array): Int32Array {
  let size = 1;
  while (size < hashes.length * 2) size *= 2;
  const mask = size - 1;
  // The hash's number + 1 in each slot; 0: empty.
  const slots = new Int32Array(size);
  hashes.forEach((hash, number) => {
    let slot = hash & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = number + 1;
  });
  const holding = new Int32Array(hashes.length);
  const lastDocument = new Int32Array(hashes.length).fill(-1);
  for (let document = 0; document + 1 < firstWords.length; document++) {
    for (let word = firstWords[document]!; word < firstWords[document + 1]!; word++) {
      if (shingles.held[word] !== 1) continue;
      const hash = shingles.hashes[word]!;
      let slot = hash & mask;
      while (slots[slot] !== 0 && hashes[slots[slot]! - 1] !== hash) slot = (slot + 1) & mask;
      const number = slots[slot]! - 1;
      if (number === -1 || lastDocument[number] === document) continue;
      holding[number]!++;
      lastDocument[number] = document;
    }
  }
  return holding;
}

/** A maximal run of equal words, by corpus word: [from, to) in one document, from `otherFrom` in the other. */
interface Run {
  from: number;
  to: number;
  otherFrom: number;
}

/**
 * One document's seeds: the words where it and another document selected
 * the same fingerprint, word i of its own and word j of the other's (corpus
 * words), made along the document (i never decreases). Flat lists, reused
 * from one document to the next.
 */
class Seeds {
  private readonly others = new IntList(Int32Array);
  private readonly is = new IntList(Int32Array);
  private readonly js = new IntList(Int32Array);
  private readonly order = new IntList(Int32Array);
  /** By document: its seeds' count, then where they go in `order` (all 0 between documents). */
  private readonly slots: Int32Array;

  constructor(documents: number) {
    this.slots = new Int32Array(documents);
  }

  clear(): void {
    for (const list of [this.others, this.is, this.js, this.order]) list.clear();
  }

  push(other: number, i: number, j: number): void {
    this.order.push(0);
    this.others.push(other);
    this.is.push(i);
    this.js.push(j);
  }

  /**
   * Calls `pair` for each other document (in order) with its seeds, still
   * along the document: seed k is i[k], j[k]. Put by other document with a
   * counting sort, which keeps their order (sorting them by diagonal
   * instead took a fifth of the time, where lines repeat).
   */
  forEachOther(pair: (other: number, i: Int32Array, j: Int32Array, seeds: Int32Array) => void): void {
    const [others, i, j, order, slots] = [this.others.view(), this.is.view(), this.js.view(), this.order.view(), this.slots];
    const partners: number[] = [];
    for (const other of others) if (slots[other]!++ === 0) partners.push(other);
    partners.sort((x, y) => x - y);
    let end = 0;
    for (const other of partners) [slots[other], end] = [end, end + slots[other]!];
    others.forEach((other, seed) => (order[slots[other]!++] = seed));
    let first = 0;
    for (const other of partners) {
      pair(other, i, j, order.subarray(first, slots[other]!));
      first = slots[other]!;
      slots[other] = 0;
    }
  }
}

/**
 * Calls `found` with the maximal runs of every pair of documents that
 * shares one, each pair once. The seeds are made one document at a time
 * (with the documents after it in each fingerprint's group), so only that
 * document's seeds are held, never the whole corpus's (8.5 M seeds on the
 * mail corpus, held at once by pair in 83,000 arrays, took 170 MB): a
 * passage written r times in one document and s times in another makes
 * r·s seeds.
 */
function forEachPairRuns(words: CorpusWords, found: Fingerprints, pairRuns: (a: number, b: number, runs: Run[]) => void): void {
  const seeds = new Seeds(words.firstWords.length - 1);
  const ends = new DiagonalEnds();
  for (let a = 0; a < words.firstWords.length - 1; a++) {
    seedsOf(a, found, seeds);
    seeds.forEachOther((b, i, j, order) => {
      const runs = maximalRuns(words, a, b, i, j, order, ends);
      if (runs.length > 0) pairRuns(a, b, runs);
    });
  }
}

/**
 * The seeds of document `a` with the documents after it in its
 * fingerprints' groups: each pair of selections of one hash in two
 * documents is a seed of the first one's. A fingerprint that makes no
 * seeds (see seedingGroups) is skipped.
 */
function seedsOf(a: number, { at, document, byHash, rank, groupEnd, firstSelections }: Fingerprints, seeds: Seeds): void {
  seeds.clear();
  for (let x = firstSelections[a]!; x < firstSelections[a + 1]!; x++) {
    for (let position = rank[x]! + 1; position < groupEnd[x]!; position++) {
      const y = byHash[position]!;
      if (document[y] !== a) seeds.push(document[y]!, at[x]!, at[y]!);
    }
  }
}

/**
 * The maximal runs of at least MIN_PASSAGE_WORDS equal words of documents
 * a and b through the seeds `order` (along document a), each once. Runs on
 * one diagonal (j - i) are disjoint, and a diagonal's seeds come in order
 * along it, so a seed inside the last run found on its diagonal adds
 * nothing.
 */
function maximalRuns(words: CorpusWords, a: number, b: number, is: Int32Array, js: Int32Array, order: Int32Array, ends: DiagonalEnds): Run[] {
  const runs: Run[] = [];
  ends.startPair(order.length);
  for (const seed of order) {
    const [i, j] = [is[seed]!, js[seed]!];
    if (i < ends.get(j - i)) continue;
    if (!sameShingle(words.keys, i, j)) continue; // a hash collision
    const run = extend(words, a, b, i, j);
    ends.set(j - i, run.to);
    if (run.to - run.from >= MIN_PASSAGE_WORDS) runs.push(run);
  }
  return runs;
}

/**
 * Where the last run found on each diagonal of one pair ends: an
 * open-addressing table in typed arrays, kept from pair to pair. A Map
 * per pair, grown to the r·s diagonals of a repeated line and dropped,
 * left 250 MB more of the heap to collect at 20,000 e-mails.
 */
class DiagonalEnds {
  private diagonals = new Int32Array(64);
  private ends = new Int32Array(64);
  /** The pair each slot was written for: a slot of an earlier pair is empty. */
  private pairs = new Int32Array(64);
  private pair = 0;
  private shift = 32 - 6;

  /** Empties the table for a pair of `seeds` seeds (so at most that many diagonals). */
  startPair(seeds: number): void {
    this.pair++;
    if (2 * seeds <= this.diagonals.length) return;
    let bits = 6;
    while (1 << bits < 2 * seeds) bits++;
    [this.diagonals, this.ends, this.pairs, this.shift] = [new Int32Array(1 << bits), new Int32Array(1 << bits), new Int32Array(1 << bits), 32 - bits];
  }

  /** Where the last run on `diagonal` ends; -1: none yet. */
  get(diagonal: number): number {
    const slot = this.slotOf(diagonal);
    return this.pairs[slot] === this.pair ? this.ends[slot]! : -1;
  }

  set(diagonal: number, end: number): void {
    const slot = this.slotOf(diagonal);
    [this.diagonals[slot], this.ends[slot], this.pairs[slot]] = [diagonal, end, this.pair];
  }

  /** The diagonal's slot, or the empty one where it would go (Fibonacci hashing, linear probing). */
  private slotOf(diagonal: number): number {
    const mask = this.diagonals.length - 1;
    let slot = Math.imul(diagonal, 0x9e3779b1) >>> this.shift;
    while (this.pairs[slot] === this.pair && this.diagonals[slot] !== diagonal) slot = (slot + 1) & mask;
    return slot;
  }
}

/** True when the K words from corpus words i and j match (both are shingles: they hold no document's end). */
function sameShingle(keys: Int32Array, i: number, j: number): boolean {
  for (let k = 0; k < K; k++) if (!sameKey(keys, i + k, j + k)) return false;
  return true;
}

/** The run of equal words through corpus words i (of document a) and j (of b), as far as it goes both ways within the two. */
function extend({ keys, firstWords }: CorpusWords, a: number, b: number, i: number, j: number): Run {
  const [aFirst, aEnd, bFirst, bEnd] = [firstWords[a]!, firstWords[a + 1]!, firstWords[b]!, firstWords[b + 1]!];
  let from = i;
  let otherFrom = j;
  while (from > aFirst && otherFrom > bFirst && sameKey(keys, from - 1, otherFrom - 1)) {
    from--;
    otherFrom--;
  }
  let to = i;
  while (to < aEnd && to - i + j < bEnd && sameKey(keys, to, to - i + j)) to++;
  return { from, to, otherFrom };
}

/** The same run seen from the other document. */
function mirror(run: Run): Run {
  return { from: run.otherFrom, to: run.otherFrom + run.to - run.from, otherFrom: run.from };
}

/**
 * Each document's view of what it shares, made pair by pair as the runs
 * are found: a pair's runs are dropped once both sides' spans are made.
 * With a finite maxSharedWith, a document's list is cut down whenever it
 * has doubled (see cut): an entry below the first maxSharedWith can only
 * go further down as pairs come, so it is never needed back.
 */
class SharedViews {
  /** By document: what it shares with each other one (null: nothing yet). */
  private readonly views: (SharedWith[] | null)[];
  /** By document: the length at which its list is cut next (maxSharedWith finite only). */
  private readonly cutAt: Int32Array;

  constructor(
    private readonly ids: readonly string[],
    private readonly words: CorpusWords,
    private readonly totals: Int32Array,
    private readonly options: Required<Pick<SharedPassagesOptions, "maxSpans" | "maxSharedWith">>,
  ) {
    this.views = ids.map(() => null);
    this.cutAt = new Int32Array(Number.isFinite(options.maxSharedWith) ? ids.length : 0).fill(2 * Math.max(1, options.maxSharedWith));
  }

  addPair(a: number, b: number, runs: readonly Run[]): void {
    const fromA = this.sharedWith(this.ids[b]!, runs);
    const fromB = this.sharedWith(this.ids[a]!, runs.map(mirror));
    const nearCopy = fromA.sharedWords >= NEAR_COPY_SHARE * this.totals[a]! || fromB.sharedWords >= NEAR_COPY_SHARE * this.totals[b]!;
    this.add(a, { ...fromA, nearCopy });
    this.add(b, { ...fromB, nearCopy });
  }

  /** Documents in `order` (by id), each with the documents it shares with: most shared words first, then by id. */
  readout(order: readonly number[]): DocumentPassages[] {
    const result: DocumentPassages[] = [];
    for (const document of order) {
      const others = this.views[document];
      if (!others) continue;
      result.push({ id: this.ids[document]!, words: this.totals[document]!, sharedWith: this.cut(others) });
    }
    return result;
  }

  private add(document: number, shared: SharedWith): void {
    const view = (this.views[document] ??= []);
    view.push(shared);
    if (this.cutAt.length === 0 || view.length < this.cutAt[document]!) return;
    const kept = this.cut(view);
    this.views[document] = kept;
    // Twice what is left (near-copies past the first ones stay), so that cutting costs O(1) a pair, amortized.
    this.cutAt[document] = 2 * Math.max(kept.length, this.options.maxSharedWith);
  }

  /**
   * A document's list, most shared words first (then by id): the first
   * maxSharedWith entries, and the near-copies after them with no spans.
   */
  private cut(view: SharedWith[]): SharedWith[] {
    view.sort((x, y) => y.sharedWords - x.sharedWords || compareIds(x.id, y.id));
    const max = this.options.maxSharedWith;
    if (view.length <= max) return view;
    return [...view.slice(0, max), ...view.slice(max).flatMap((other) => (other.nearCopy ? [{ ...other, spans: [] }] : []))];
  }

  /** One side's view of the runs it shares with one other document (nearCopy is decided on both sides). */
  private sharedWith(otherId: string, runs: readonly Run[]): Omit<SharedWith, "nearCopy"> {
    const { starts, ends } = this.words;
    const ordered = [...runs].sort((x, y) => x.from - y.from || x.otherFrom - y.otherFrom);
    // Every run counts in sharedWords; spans are made of the runs kept only.
    const kept = longestOf(ordered, this.options.maxSpans, {
      words: (run) => run.to - run.from,
      start: (run) => starts[run.from]!,
      otherStart: (run) => starts[run.otherFrom]!,
    });
    const spans = kept.map((run): SharedSpan => {
      const words = run.to - run.from;
      const otherTo = run.otherFrom + words;
      return { start: starts[run.from]!, end: ends[run.to - 1]!, otherStart: starts[run.otherFrom]!, otherEnd: ends[otherTo - 1]!, words };
    });
    return { id: otherId, sharedWords: coveredWords(ordered), spans };
  }
}

/** Words inside at least one run (runs sorted by start). */
function coveredWords(runs: readonly Run[]): number {
  let covered = 0;
  let reached = 0;
  for (const { from, to } of runs) {
    if (to > reached) covered += to - Math.max(from, reached);
    reached = Math.max(reached, to);
  }
  return covered;
}
