/**
 * Blocks of sorted keys (terms, or spellings) as read from the artifact: which
 * blocks a key or a range of keys falls in, and one block's lookups.
 */
import type { LexiconEntry } from "../artifact";
import { prefixEnd, type TermCount } from "./view";

/** The block whose range holds `key`: the last one starting at or before it (0 before the first). */
export function blockOf(firstKeys: readonly string[], key: string): number {
  return Math.max(0, upperBound(firstKeys, key) - 1);
}

/** The blocks whose ranges meet [from, below) ("" for `below` means no upper end). */
export function blocksIn(firstKeys: readonly string[], from: string, below: string): number[] {
  const first = blockOf(firstKeys, from);
  const end = below === "" ? firstKeys.length : Math.max(first + 1, lowerBound(firstKeys, below));
  const blocks: number[] = [];
  for (let block = first; block < Math.min(end, firstKeys.length); block++) blocks.push(block);
  return blocks;
}

/** One lexicon block: its terms in order, each with its document count, spellings and postings' place. */
export class LexiconBlock {
  private readonly byTerm = new Map<string, LexiconEntry>();
  private readonly terms: string[];

  constructor(
    readonly entries: readonly LexiconEntry[],
    readonly byteLength: number,
  ) {
    for (const entry of entries) this.byTerm.set(entry[0], entry);
    this.terms = entries.map(([term]) => term);
  }

  entry(term: string): LexiconEntry | undefined {
    return this.byTerm.get(term);
  }

  /** Terms beginning with `prefix`, in order. */
  withPrefix(prefix: string): TermCount[] {
    const found: TermCount[] = [];
    for (let i = lowerBound(this.terms, prefix); i < this.entries.length && this.entries[i]![0].startsWith(prefix); i++) {
      found.push([this.entries[i]![0], this.entries[i]![1]]);
    }
    return found;
  }

  /**
   * Terms within `distance` edits (Levenshtein: insertions, deletions,
   * substitutions) of `term` among those beginning with `initial`; the
   * same set MiniSearch's fuzzyGet finds in its radix tree, without building
   * one per block (the equivalence test compares the two).
   */
  near(term: string, distance: number, initial: string): TermCount[] {
    const found: TermCount[] = [];
    const walk = new EditWalk(term, distance);
    for (let i = lowerBound(this.terms, initial); i < this.entries.length && this.terms[i]!.startsWith(initial); ) {
      if (walk.accepts(this.terms[i]!)) found.push([this.terms[i]!, this.entries[i]![1]]);
      // Past every term under a prefix already too far: a binary search, not a step per term.
      const dead = walk.deadPrefix();
      const end = dead === null ? "" : prefixEnd(dead);
      i = end === "" ? i + 1 : Math.max(i + 1, lowerBound(this.terms, end));
    }
    return found;
  }
}

/**
 * Levenshtein distance to one word, for sorted candidates: the rows of the
 * edit table are kept per prefix, so a candidate sharing a prefix with the
 * one before it starts where that prefix ends, and every candidate under a
 * prefix already too far is skipped, as a walk down MiniSearch's radix tree
 * would. (withinEdits is the same test for one pair, kept as its reference.)
 */
export class EditWalk {
  private readonly rows: Int32Array[] = [];
  private previous = "";
  /** Rows 0..valid hold the table for the first `valid` characters of `previous`. */
  private valid = 0;
  /** A row past the limit everywhere, or -1: every candidate with that prefix is too far. */
  private dead = -1;

  constructor(
    private readonly word: string,
    private readonly limit: number,
  ) {
    this.rows.push(Int32Array.from({ length: word.length + 1 }, (_, j) => j));
  }

  /** The prefix of the last candidate past the limit everywhere (so is every term under it), or null. */
  deadPrefix(): string | null {
    return this.dead === -1 ? null : this.previous.slice(0, this.dead);
  }

  accepts(candidate: string): boolean {
    const { word, limit } = this;
    let common = 0;
    const most = Math.min(this.valid, candidate.length, this.previous.length);
    while (common < most && this.previous.charCodeAt(common) === candidate.charCodeAt(common)) common++;
    this.previous = candidate;
    if (this.dead !== -1 && this.dead <= common) return false;
    this.dead = -1;
    this.valid = common;
    for (let i = common + 1; i <= candidate.length; i++) {
      const above = this.rows[i - 1]!;
      const row = (this.rows[i] ??= new Int32Array(word.length + 1));
      row[0] = i;
      let smallest = i;
      const letter = candidate.charCodeAt(i - 1);
      for (let j = 1; j <= word.length; j++) {
        const cost = letter === word.charCodeAt(j - 1) ? 0 : 1;
        const value = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost);
        row[j] = value;
        if (value < smallest) smallest = value;
      }
      this.valid = i;
      if (smallest > limit) {
        this.dead = i;
        return false;
      }
    }
    return this.rows[candidate.length]![word.length]! <= limit;
  }
}

/** Whether the Levenshtein distance between a and b is at most `limit`; stops at the first row past it. */
export function withinEdits(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (current[j]! < smallest) smallest = current[j]!;
    }
    if (smallest > limit) return false;
    [previous, current] = [current, previous];
  }
  return previous[b.length]! <= limit;
}

/** One block of spellings → stems, sorted by folded spelling. */
export class SpelledBlock {
  private readonly keys: string[];

  constructor(
    readonly entries: readonly (readonly [folded: string, stem: string])[],
    readonly byteLength: number,
  ) {
    this.keys = entries.map(([folded]) => folded);
  }

  /** Entries whose spelling begins with `prefix`, in order. */
  *startingWith(prefix: string): Generator<readonly [string, string]> {
    for (let i = lowerBound(this.keys, prefix); i < this.entries.length && this.keys[i]!.startsWith(prefix); i++) yield this.entries[i]!;
  }
}

/** First index whose key is greater than `key` (code-unit order). */
export function upperBound(sorted: readonly string[] | readonly number[], key: string | number): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! <= key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** First index whose key is not less than `key` (code-unit order). */
export function lowerBound(sorted: readonly string[], key: string): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! < key) low = middle + 1;
    else high = middle;
  }
  return low;
}
