/**
 * Blocks of sorted keys (terms, or spellings) as read from the artifact: which
 * blocks a key or a range of keys falls in, and one block's lookups.
 */
import type { LexiconEntry } from "../artifact";
import type { TermCount } from "./view";

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
    for (let i = lowerBound(this.terms, initial); i < this.entries.length && this.terms[i]!.startsWith(initial); i++) {
      if (withinEdits(term, this.terms[i]!, distance)) found.push([this.terms[i]!, this.entries[i]![1]]);
    }
    return found;
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
