/**
 * From seeds to maximal runs: the words two documents share, found where
 * the two selected the same fingerprint, compared (a hash may collide) and
 * extended as far as they go both ways (passages.ts explains the method).
 */
import * as fingerprints from "./passage-fingerprints";
import type { Fingerprints } from "./passage-fingerprints";
import { IntList } from "./passage-store";

// Read once into locals: tsx, loading this module as CommonJS (from a script
// outside the package), makes each imported binding a getter call, which took
// a fifth of the stage's time read per word (profiled on mail repeated to 20,000).
const { BREAK, K, MIN_PASSAGE_WORDS } = fingerprints;

/** A maximal run of equal words, by word of each document: [from, to) in one, from `otherFrom` in the other. */
export interface Run {
  from: number;
  to: number;
  otherFrom: number;
}

/** A document's words' key numbers (BREAK where the tokenizer skipped a stretch), by document. */
export type KeysOf = (document: number) => Int32Array;

/**
 * True when word `word` of `document` starts a shingle the document
 * selected and whose hash makes seeds, whatever its partition: where two
 * documents sharing a run both have one, the run has a seed there.
 */
export type SeedsAt = (document: number, word: number) => boolean;

/**
 * Calls `pairRuns` with the maximal runs of every pair of documents (a
 * before b) that shares one through the fingerprints `found`, each pair
 * once. With `seedsAt`, a run is left to the partition of its first seed
 * (along a): a run holds fingerprints of many partitions, and is reported
 * by one of them, extended once. The seeds are made one document at a time (with the documents
 * after it in each fingerprint's group), so only that document's seeds are
 * held, never the whole corpus's (8.5 M seeds on the mail corpus, held at
 * once by pair in 83,000 arrays, took 170 MB): a passage written r times
 * in one document and s times in another makes r·s seeds.
 */
export function forEachPairRuns(found: Fingerprints, keysOf: KeysOf, seedsAt: SeedsAt | null, pairRuns: (a: number, b: number, runs: Run[]) => void): void {
  const documents = found.firstSelections.length - 1;
  const seeds = new Seeds(documents);
  const ends = new DiagonalEnds();
  for (let a = 0; a < documents; a++) {
    if (!seedsOf(a, found, seeds)) continue;
    const aKeys = keysOf(a);
    seeds.forEachOther((b, i, j, order) => {
      const seedAt = seedsAt && ((i: number, j: number) => seedsAt(a, i) && seedsAt(b, j));
      const runs = maximalRuns(aKeys, keysOf(b), i, j, order, ends, seedAt);
      if (runs.length > 0) pairRuns(a, b, runs);
    });
  }
}

/**
 * One document's seeds: the words where it and another document selected
 * the same fingerprint, word i of its own and word j of the other's, made
 * along the document (i never decreases). Flat lists, reused from one
 * document to the next.
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

  get length(): number {
    return this.others.length;
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
 * The seeds of document `a` with the documents after it in its
 * fingerprints' groups: each pair of selections of one hash in two
 * documents is a seed of the first one's. A fingerprint that makes no
 * seeds (see seedingGroups) is skipped. False when `a` has none.
 */
function seedsOf(a: number, { at, document, byHash, rank, groupEnd, firstSelections }: Fingerprints, seeds: Seeds): boolean {
  seeds.clear();
  for (let x = firstSelections[a]!; x < firstSelections[a + 1]!; x++) {
    for (let position = rank[x]! + 1; position < groupEnd[x]!; position++) {
      const y = byHash[position]!;
      if (document[y] !== a) seeds.push(document[y]!, at[x]!, at[y]!);
    }
  }
  return seeds.length > 0;
}

/**
 * The maximal runs of at least MIN_PASSAGE_WORDS equal words of two
 * documents (their keys `aKeys`, `bKeys`) through the seeds `order` (along
 * the first), each once. Runs on one diagonal (j - i) are disjoint, and a
 * diagonal's seeds come in order along it, so a seed inside the last run
 * found on its diagonal adds nothing. With `seedAt` (the pair's seeds in
 * every partition), only a run's first seed finds it: going back from a
 * seed and meeting another, the run is left to that one (in whichever
 * partition holds it), at the cost of the words back to it.
 */
function maximalRuns(
  aKeys: Int32Array,
  bKeys: Int32Array,
  is: Int32Array,
  js: Int32Array,
  order: Int32Array,
  ends: DiagonalEnds,
  seedAt: ((i: number, j: number) => boolean) | null,
): Run[] {
  const runs: Run[] = [];
  ends.startPair(order.length);
  for (const seed of order) {
    const [i, j] = [is[seed]!, js[seed]!];
    if (i < ends.get(j - i)) continue;
    if (!sameShingle(aKeys, bKeys, i, j)) continue; // a hash collision
    const from = runStart(aKeys, bKeys, i, j, seedAt);
    if (from === -1) continue;
    const run = { from, to: runEnd(aKeys, bKeys, i, j), otherFrom: from - i + j };
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

/** True when the K words from word i of one document and word j of the other match (both are shingles: they hold no document's end). */
function sameShingle(aKeys: Int32Array, bKeys: Int32Array, i: number, j: number): boolean {
  for (let k = 0; k < K; k++) if (!sameKey(aKeys[i + k]!, bKeys[j + k]!)) return false;
  return true;
}

/**
 * Where the run of equal words through word i of one document and word j
 * of the other starts (in the first), or -1 when `seedAt` finds a seed on
 * the way back: the run is another partition's.
 */
function runStart(aKeys: Int32Array, bKeys: Int32Array, i: number, j: number, seedAt: ((i: number, j: number) => boolean) | null): number {
  let from = i;
  let otherFrom = j;
  while (from > 0 && otherFrom > 0 && sameKey(aKeys[from - 1]!, bKeys[otherFrom - 1]!)) {
    from--;
    otherFrom--;
    if (seedAt?.(from, otherFrom)) return -1;
  }
  return from;
}

/** Where the run of equal words through word i of one document and word j of the other ends (in the first, exclusive). */
function runEnd(aKeys: Int32Array, bKeys: Int32Array, i: number, j: number): number {
  let to = i;
  while (to < aKeys.length && to - i + j < bKeys.length && sameKey(aKeys[to]!, bKeys[to - i + j]!)) to++;
  return to;
}

/** Two words that match, by their keys: the same key, and neither a break. */
function sameKey(a: number, b: number): boolean {
  return a !== BREAK && a === b;
}
