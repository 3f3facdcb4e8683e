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
 * skipped. Memory is the corpus's words (a key and two offsets each) and
 * shingle hashes, the fingerprints, the seeds and the spans found: nothing
 * grows faster than the corpus while the cap holds, but all of it is held
 * at once (a corpus larger than memory would need the fingerprints
 * partitioned by hash, a pass per partition).
 */
import { tokenize } from "../search/analysis/tokenize";
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
}

/** A passage of one document that another document holds too. */
export interface SharedSpan {
  /** UTF-16 offset, in this document's text, of the passage's first word. */
  start: number;
  /** UTF-16 offset, in this document's text, just past its last word. */
  end: number;
  /** UTF-16 offset, in the other document's text, of the passage's first word. */
  otherStart: number;
  /** UTF-16 offset, in the other document's text, just past its last word. */
  otherEnd: number;
  /** Words in the passage (the same on both sides): at least MIN_PASSAGE_WORDS. */
  words: number;
}

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
  let nextPosition = 0;
  for (const token of tokenize(text)) {
    if (token.span !== 1) continue;
    if (token.position > nextPosition) {
      const at = words.length > 0 ? words[words.length - 1]!.end : 0;
      words.push({ key: null, start: at, end: at });
    }
    words.push({ key: token.term ?? token.word, start: token.start, end: token.end });
    nextPosition = token.position + 1;
  }
  return words;
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
  const cap = options.maxDocumentsPerFingerprint ?? DEFAULT_MAX_DOCUMENTS_PER_FINGERPRINT;
  const sorted = byId(documents);
  const words = sorted.map((document) => passageWords(document.text));
  const seeds = seedsByPair(fingerprintTable(words.map(shingleHashes)), cap, sorted.length);
  const runs = new Map<number, Run[]>();
  for (const [pair, pairSeeds] of seeds) {
    const found = maximalRuns(words[Math.floor(pair / sorted.length)]!, words[pair % sorted.length]!, pairSeeds);
    if (found.length > 0) runs.set(pair, found);
  }
  return readout(sorted, words, runs);
}

/** Documents by id, so that the result does not depend on their order. */
function byId(documents: readonly PassageDocument[]): PassageDocument[] {
  const sorted = [...documents].sort((a, b) => compareIds(a.id, b.id));
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.id === sorted[i - 1]!.id) throw new Error(`two documents have the id "${sorted[i]!.id}"`);
  return sorted;
}

/** Code-unit order: the same in every locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The hash of the shingle of K words from `from`, or null when it holds a
 * break. The project's hash (shardOf in src/search/index/hash.ts: FNV-1a
 * finished with MurmurHash3's fmix32) over the keys, each followed by
 * U+0000: the value shardOf(joined, 2 ** 32) gives, without building the
 * joined string for every word of the corpus.
 */
function shingleHash(words: readonly PassageWord[], from: number): number | null {
  let hash = FNV_OFFSET;
  for (let i = from; i < from + K; i++) {
    const key = words[i]!.key;
    if (key === null) return null;
    // Each key followed by U+0000, which no key holds: "ab" "c" and "a" "bc" hash apart.
    // A collision left would be caught anyway, when the words of a seed are compared.
    hash = fnv1a("\0", fnv1a(key, hash));
  }
  return fmix32(hash);
}

/** The hash of every shingle of a document, by the word it starts at (null: it holds a break). */
function shingleHashes(words: readonly PassageWord[]): (number | null)[] {
  const hashes: (number | null)[] = [];
  for (let from = 0; from + K <= words.length; from++) hashes.push(shingleHash(words, from));
  return hashes;
}

/** A document's fingerprints: the winnowed shingle hashes, with the word where each shingle starts. */
function winnow(hashes: readonly (number | null)[]): { hash: number; at: number }[] {
  const selected: { hash: number; at: number }[] = [];
  for (let window = 0; window + W <= hashes.length; window++) {
    const at = rightmostMinimum(hashes, window);
    if (at === null || (selected.length > 0 && selected[selected.length - 1]!.at === at)) continue;
    selected.push({ hash: hashes[at]!, at });
  }
  return selected;
}

/**
 * Where the window's smallest hash is, the rightmost on ties (the paper's
 * rule); null when every shingle of the window holds a break. The choice
 * depends on the window alone, so a window two documents share picks the
 * same shingle in both. The paper's "robust" variant (keep the previous
 * window's choice on ties) would make it depend on the words before, and
 * lose that.
 */
function rightmostMinimum(hashes: readonly (number | null)[], window: number): number | null {
  let best: number | null = null;
  for (let i = window; i < window + W; i++) {
    const hash = hashes[i]!;
    if (hash !== null && (best === null || hash <= hashes[best]!)) best = i;
  }
  return best;
}

/** Where a fingerprint occurs, and how many documents hold its shingle. */
interface Fingerprint {
  /** Pairs [document, word, document, word, …] in document order: where the fingerprint was selected. */
  occurrences: number[];
  /**
   * Documents holding the shingle anywhere, selected or not. Winnowing picks
   * a boilerplate shingle near the boilerplate's edges in some documents
   * only (the window there also holds the words around it), so counting
   * selections would let a footer through between those documents.
   */
  documents: number;
  /** The last document counted in `documents`. */
  lastDocument: number;
}

/** Fingerprint hash → its occurrences and document count. */
function fingerprintTable(hashes: readonly (number | null)[][]): Map<number, Fingerprint> {
  const table = new Map<number, Fingerprint>();
  hashes.forEach((documentHashes, document) => {
    for (const { hash, at } of winnow(documentHashes)) {
      const fingerprint = table.get(hash);
      if (fingerprint) fingerprint.occurrences.push(document, at);
      else table.set(hash, { occurrences: [document, at], documents: 0, lastDocument: -1 });
    }
  });
  hashes.forEach((documentHashes, document) => {
    for (const hash of documentHashes) {
      const fingerprint = hash === null ? undefined : table.get(hash);
      if (fingerprint === undefined || fingerprint.lastDocument === document) continue;
      fingerprint.documents++;
      fingerprint.lastDocument = document;
    }
  });
  return table;
}

/**
 * Seeds by pair of documents (a·count + b, a < b): the words [i, j, i, j, …]
 * where both hold a fingerprint. A fingerprint whose shingle is in more than
 * `cap` documents makes none.
 */
function seedsByPair(table: Map<number, Fingerprint>, cap: number, count: number): Map<number, number[]> {
  const seeds = new Map<number, number[]>();
  for (const { occurrences: list, documents } of table.values()) {
    if (list.length < 4 || documents > cap) continue;
    for (let x = 0; x < list.length; x += 2) {
      for (let y = x + 2; y < list.length; y += 2) {
        if (list[x] === list[y]) continue;
        const pair = list[x]! * count + list[y]!;
        const pairSeeds = seeds.get(pair);
        if (pairSeeds) pairSeeds.push(list[x + 1]!, list[y + 1]!);
        else seeds.set(pair, [list[x + 1]!, list[y + 1]!]);
      }
    }
  }
  return seeds;
}

/** A maximal run of equal words: words [from, to) of the first document, from `otherFrom` in the second. */
interface Run {
  from: number;
  to: number;
  otherFrom: number;
}

/**
 * The maximal runs of at least MIN_PASSAGE_WORDS equal words through the
 * seeds [i, j, …] of two documents, each once. Runs on one diagonal
 * (j - i) are disjoint, so a seed inside the last run found on its diagonal
 * adds nothing.
 */
function maximalRuns(a: readonly PassageWord[], b: readonly PassageWord[], seeds: readonly number[]): Run[] {
  const order: { i: number; j: number }[] = [];
  for (let s = 0; s < seeds.length; s += 2) order.push({ i: seeds[s]!, j: seeds[s + 1]! });
  order.sort((x, y) => x.j - x.i - (y.j - y.i) || x.i - y.i);
  const runs: Run[] = [];
  let diagonal = Number.NaN;
  let diagonalEnd = -1;
  for (const { i, j } of order) {
    if (j - i === diagonal && i < diagonalEnd) continue;
    if (!sameRun(a, i, b, j, K)) continue; // a hash collision
    const run = extend(a, b, i, j);
    diagonal = j - i;
    diagonalEnd = run.to;
    if (run.to - run.from >= MIN_PASSAGE_WORDS) runs.push(run);
  }
  return runs;
}

/** True when `length` words match from a[i] and b[j]. */
function sameRun(a: readonly PassageWord[], i: number, b: readonly PassageWord[], j: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (!sameWord(a[i + k], b[j + k])) return false;
  return true;
}

/** The run of equal words through a[i] = b[j], as far as it goes both ways. */
function extend(a: readonly PassageWord[], b: readonly PassageWord[], i: number, j: number): Run {
  let from = i;
  let otherFrom = j;
  while (sameWord(a[from - 1], b[otherFrom - 1])) {
    from--;
    otherFrom--;
  }
  let to = i;
  while (sameWord(a[to], b[to - i + j])) to++;
  return { from, to, otherFrom };
}

/** Runs by pair → each document's view of what it shares. */
function readout(documents: readonly PassageDocument[], words: readonly PassageWord[][], runs: Map<number, Run[]>): DocumentPassages[] {
  const count = documents.length;
  const views = documents.map(() => [] as SharedWith[]);
  const totals = words.map(wordCount);
  for (const [pair, pairRuns] of runs) {
    const a = Math.floor(pair / count);
    const b = pair % count;
    const fromA = sharedWith(documents[b]!.id, pairRuns, words[a]!, words[b]!);
    const fromB = sharedWith(documents[a]!.id, pairRuns.map(mirror), words[b]!, words[a]!);
    const nearCopy = fromA.sharedWords >= NEAR_COPY_SHARE * totals[a]! || fromB.sharedWords >= NEAR_COPY_SHARE * totals[b]!;
    views[a]!.push({ ...fromA, nearCopy });
    views[b]!.push({ ...fromB, nearCopy });
  }
  const result: DocumentPassages[] = [];
  documents.forEach((document, index) => {
    const others = views[index]!;
    if (others.length === 0) return;
    others.sort((x, y) => y.sharedWords - x.sharedWords || compareIds(x.id, y.id));
    result.push({ id: document.id, words: totals[index]!, sharedWith: others });
  });
  return result;
}

/** The same run seen from the other document. */
function mirror(run: Run): Run {
  return { from: run.otherFrom, to: run.otherFrom + run.to - run.from, otherFrom: run.from };
}

/** One side's view of the runs it shares with one other document (nearCopy is decided on both sides). */
function sharedWith(otherId: string, runs: readonly Run[], own: readonly PassageWord[], other: readonly PassageWord[]): Omit<SharedWith, "nearCopy"> {
  const ordered = [...runs].sort((x, y) => x.from - y.from || x.otherFrom - y.otherFrom);
  const spans = ordered.map((run): SharedSpan => {
    const words = run.to - run.from;
    const otherTo = run.otherFrom + words;
    return { start: own[run.from]!.start, end: own[run.to - 1]!.end, otherStart: other[run.otherFrom]!.start, otherEnd: other[otherTo - 1]!.end, words };
  });
  return { id: otherId, sharedWords: coveredWords(ordered), spans };
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
