/**
 * A document's fingerprints (winnowed shingle hashes), and a partition's
 * fingerprints grouped by hash: which selections of one hash in two
 * documents make seeds (passages.ts explains the method).
 */
import * as hashing from "../search/index/hash";
import { IntList } from "./passage-store";

// Read once into locals: tsx, loading this module as CommonJS, makes each imported binding a getter call, which costs when read per word.
const { fmix32, fnv1a, FNV_OFFSET } = hashing;

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

/** A word's key in a document's keys: its number in the corpus's vocabulary, or BREAK. */
export const BREAK = -1;

/** Every shingle's hash, by the word it starts at; `held` is 0 where no shingle starts (a break inside, or the document ends first). */
export interface Shingles {
  hashes: Uint32Array;
  held: Uint8Array;
}

/**
 * The hash of every shingle of K words of one document (`keys`: its words'
 * key numbers, `keyTexts`: the keys by number). The project's hash
 * (shardOf in src/search/index/hash.ts: FNV-1a finished with MurmurHash3's
 * fmix32) over the keys, each followed by U+0000: the value
 * shardOf(joined, 2 ** 32) gives, without building the joined string for
 * every word. Which shingles a window selects depends on these values, and
 * so does the boilerplate cap's effect: they must not change.
 */
export function shingleHashes(keys: Int32Array, keyTexts: readonly string[]): Shingles {
  const hashes = new Uint32Array(keys.length);
  const held = new Uint8Array(keys.length);
  for (let from = 0; from + K <= keys.length; from++) {
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
  return { hashes, held };
}

/**
 * A document's fingerprints: in every window of W shingle hashes, the
 * smallest, each once (consecutive windows often pick the same shingle).
 */
export function winnow(shingles: Shingles, select: (word: number) => void): void {
  let last = -1;
  for (let window = 0; window + W + K - 1 <= shingles.hashes.length; window++) {
    const chosen = rightmostMinimum(shingles, window);
    if (chosen === -1 || chosen === last) continue;
    select(chosen);
    last = chosen;
  }
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
 * The distinct hashes of the shingles a document holds, selected or not,
 * in increasing order: the boilerplate cap counts documents holding a
 * shingle anywhere (see seedingGroups).
 */
export function heldHashes(shingles: Shingles): Uint32Array {
  const held = new IntList(Uint32Array);
  shingles.held.forEach((isHeld, word) => isHeld === 1 && held.push(shingles.hashes[word]!));
  const sorted = held.view().sort();
  let distinct = 0;
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[distinct++] = sorted[k]!;
  return sorted.subarray(0, distinct);
}

/**
 * One partition's fingerprints that make seeds, as flat arrays over its
 * selections (every document's winnowed shingles whose hash falls in the
 * partition, in document order): where each stands and, for those whose
 * hash other documents selected too and that are not boilerplate, the
 * selections of the same hash after it: about 24 bytes a selection. This
 * replaced a Map from hash to an object with an array, 670,000 of them
 * (130 MB) on the mail corpus.
 */
export interface Fingerprints {
  /** Per selection: the word of its document its shingle starts at, and its document. */
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

/** What a partition has recorded, as flat records of 32-bit integers. */
export interface PartitionRecords {
  /** Per selection, in document order (then by word): its hash, its document, the word its shingle starts at. */
  selections: Int32Array;
  /** Per document holding a shingle of a hash (each pair once, in document order): the hash, the document. */
  holdings: Int32Array;
}

/** The integers a selection record takes (hash, document, word). */
const SELECTION_RECORD = 3;
/** The integers a holding record takes (hash, document). */
const HOLDING_RECORD = 2;

/**
 * A partition's fingerprints, grouped by hash, those that make seeds marked
 * (see Fingerprints). `weights`: by document, the documents it stands for
 * when holders are counted (copies of its text that were not read).
 */
export function partitionFingerprints({ selections, holdings }: PartitionRecords, weights: Int32Array, cap: number): Fingerprints {
  const documents = weights.length;
  const count = selections.length / SELECTION_RECORD;
  const hashes = new Uint32Array(count);
  const document = new Int32Array(count);
  const at = new Int32Array(count);
  const firstSelections = new Int32Array(documents + 1);
  for (let k = 0; k < count; k++) {
    hashes[k] = selections[SELECTION_RECORD * k]! >>> 0;
    document[k] = selections[SELECTION_RECORD * k + 1]!;
    at[k] = selections[SELECTION_RECORD * k + 2]!;
    firstSelections[document[k]! + 1]!++;
  }
  for (let d = 0; d < documents; d++) firstSelections[d + 1]! += firstSelections[d]!;
  const byHash = orderByHash(hashes);
  const rank = new Int32Array(byHash.length);
  byHash.forEach((selection, position) => (rank[selection] = position));
  const groupEnd = seedingGroups({ hashes, document }, byHash, (groupHashes) => documentsHolding(groupHashes, holdings, weights), cap);
  return { at, document, byHash, rank, groupEnd, firstSelections };
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
  holders: (groupHashes: Uint32Array) => Int32Array,
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
  const holding = holders(groupHashes.view());
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
 * hash (a document standing for `weights` of them): one pass over the
 * partition's holding records, each looked up in an open-addressing table
 * of the hashes (linear probing; the hashes are already mixed, so their
 * low bits are a fair slot).
 */
function documentsHolding(hashes: Uint32Array, holdings: Int32Array, weights: Int32Array): Int32Array {
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
  for (let k = 0; k < holdings.length; k += HOLDING_RECORD) {
    const hash = holdings[k]! >>> 0;
    let slot = hash & mask;
    while (slots[slot] !== 0 && hashes[slots[slot]! - 1] !== hash) slot = (slot + 1) & mask;
    // Each (hash, document) is recorded once: a record is a document, and its copies.
    if (slots[slot] !== 0) holding[slots[slot]! - 1]! += weights[holdings[k + 1]!]!;
  }
  return holding;
}

/**
 * The partition of `partitions` a hash falls in: by its remainder, not its
 * high bits, for winnowing selects the smallest hashes: on mail repeated
 * to 50,000, cutting the hashes into four ranges put 5.5 M selections in
 * the first and 0.09 M in the last.
 */
export function partitionOf(hash: number, partitions: number): number {
  return (hash >>> 0) % partitions;
}
