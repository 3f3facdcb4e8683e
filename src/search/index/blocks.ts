/**
 * Blocks of sorted keys (terms, or spellings) as read from the artifact: which
 * blocks a key or a range of keys falls in, and one block's lookups.
 */
import SearchableMap from "minisearch/SearchableMap";
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
  private tree: SearchableMap<number> | undefined;

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

  /** Terms within `distance` edits of `term`, by MiniSearch's own radix tree, built on first use. */
  near(term: string, distance: number): TermCount[] {
    this.tree ??= new SearchableMap<number>();
    if (this.tree.size === 0) for (const [key, documents] of this.entries) this.tree.set(key, documents);
    return [...this.tree.fuzzyGet(term, distance)].map(([key, [documents]]) => [key, documents] as const);
  }
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
