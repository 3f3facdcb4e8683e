/**
 * How the corpus spells each stem. Index terms are stems ("presid", "dure");
 * people type and read words. Completions, typo checks and suggestions need
 * the words: "durin" completes to "during", whose stem "dure" it does not
 * begin. Counted at build time, most frequent spelling first, in lower case
 * with accents kept ("café"); stems spelled only as themselves are left out.
 */
import { APOSTROPHE, foldWord } from "./analysis/fold";
import type { Token } from "./analysis/tokenize";
import { compareStrings } from "../strings";

/** Stem → its spellings in the corpus, most frequent first. */
export type Spellings = Record<string, string[]>;

/** Every spelling, folded as queries are, with its stem: sorted by spelling, for completions. */
export type SpelledFrom = [folded: string, stem: string][];

/** Spellings kept per stem: the rare ones add little and cost memory. */
const MAX_SPELLINGS = 8;

const POSSESSIVE = new RegExp(`[${APOSTROPHE}]s$`);

/** How a token of `text` counts as a spelling of its term: as written, or joined for a compound's joined form ("ceasefire"), as it would be typed. */
export function writtenAs(token: Pick<Token, "word" | "start" | "end" | "span">, text: string): string {
  return token.span > 1 ? token.word : written(text.slice(token.start, token.end));
}

/** A word as written, in lower case, without an English possessive ("Café’s" → "café"). */
function written(raw: string): string {
  let spelling = writtenCache.get(raw);
  if (spelling === undefined) {
    if (writtenCache.size >= WRITTEN_CACHE_SIZE) writtenCache.clear();
    writtenCache.set(raw, (spelling = raw.normalize("NFC").toLowerCase().replace(POSSESSIVE, "")));
  }
  return spelling;
}

// Words repeat: a bounded cache spares the build a normalization and two regular expressions per word.
const WRITTEN_CACHE_SIZE = 20_000;
const writtenCache = new Map<string, string>();

/** Counts the spellings of each stem at build time, one text at a time. */
export class SpellingsBuilder {
  private readonly byTerm = new Map<string, Map<string, number>>();

  add(text: string, tokens: Iterable<Token>): void {
    for (const token of tokens) {
      const { term, stop } = token;
      if (term === null || stop) continue;
      const spelling = writtenAs(token, text);
      let spellings = this.byTerm.get(term);
      if (!spellings) this.byTerm.set(term, (spellings = new Map()));
      spellings.set(spelling, (spellings.get(spelling) ?? 0) + 1);
    }
  }

  /** Stem → spelling → times written. */
  counts(): ReadonlyMap<string, ReadonlyMap<string, number>> {
    return this.byTerm;
  }

  /** The spellings, and the same sorted by folded spelling (sorted here, once, not in every isolate). */
  build(): { spellings: Spellings; spelledFrom: SpelledFrom } {
    const spellings: Spellings = {};
    for (const term of [...this.byTerm.keys()].sort(compareStrings)) {
      const words = keptSpellings(term, this.byTerm.get(term)!);
      if (words) spellings[term] = words;
    }
    return { spellings, spelledFrom: spelledFrom(Object.entries(spellings)) };
  }
}

/**
 * The spellings of a term worth keeping, most frequent first (at most
 * MAX_SPELLINGS), or undefined when the term is only ever written as itself.
 */
export function keptSpellings(term: string, counts: Iterable<[string, number]>): string[] | undefined {
  const words = [...counts]
    .sort(([a, countA], [b, countB]) => countB - countA || compareStrings(a, b))
    .slice(0, MAX_SPELLINGS)
    .map(([word]) => word);
  return words.length > 1 || words[0] !== term ? words : undefined;
}

/** Every kept spelling, folded as queries are, with its stem, sorted by folded spelling then stem. */
export function spelledFrom(spellings: Iterable<[term: string, words: readonly string[]]>): SpelledFrom {
  const pairs: SpelledFrom = [];
  for (const [term, words] of spellings) for (const word of words) pairs.push([foldWord(word), term]);
  return pairs.sort(([a, termA], [b, termB]) => compareStrings(a, b) || compareStrings(termA, termB));
}

/** The spellings, as the Worker asks about them. */
export class SpellingIndex {
  private readonly foldedCache = new Map<string, string[]>();

  constructor(
    private readonly spellings: Spellings,
    private readonly sorted: SpelledFrom,
  ) {}

  /** The word to show for a term: its most frequent spelling. */
  shown(term: string): string {
    return Object.hasOwn(this.spellings, term) ? this.spellings[term]![0]! : term;
  }

  /** Every spelling of a term, most frequent first. */
  all(term: string): readonly string[] {
    return Object.hasOwn(this.spellings, term) ? this.spellings[term]! : [term];
  }

  /** The spellings folded as queries are ("café" → "cafe"), to compare with what was typed. */
  folded(term: string): readonly string[] {
    let folded = this.foldedCache.get(term);
    if (!folded) this.foldedCache.set(term, (folded = this.all(term).map(foldWord)));
    return folded;
  }

  /**
   * Terms some spelling of which begins with `prefix` but which do not begin
   * with it themselves ("dure" for "durin"), at most `limit` of them.
   */
  stemsSpelledFrom(prefix: string, limit: number): string[] {
    const stems = new Set<string>();
    for (let i = lowerBound(this.sorted, prefix); i < this.sorted.length && stems.size < limit; i++) {
      const [folded, term] = this.sorted[i]!;
      if (!folded.startsWith(prefix)) break;
      if (!term.startsWith(prefix)) stems.add(term);
    }
    return [...stems];
  }
}

function lowerBound(sorted: SpelledFrom, key: string): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (compareStrings(sorted[middle]![0], key) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
