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

/** A word as written, in lower case, without an English possessive ("Café’s" → "café"). */
function written(raw: string): string {
  return raw.normalize("NFC").toLowerCase().replace(POSSESSIVE, "");
}

/** Counts the spellings of each stem at build time, one text at a time. */
export class SpellingsBuilder {
  private readonly counts = new Map<string, Map<string, number>>();

  add(text: string, tokens: Iterable<Token>): void {
    for (const { term, word, stop, start, end, span } of tokens) {
      if (term === null || stop) continue;
      // A compound's joined form is spelled joined, as it would be typed ("ceasefire").
      const spelling = span > 1 ? word : written(text.slice(start, end));
      let spellings = this.counts.get(term);
      if (!spellings) this.counts.set(term, (spellings = new Map()));
      spellings.set(spelling, (spellings.get(spelling) ?? 0) + 1);
    }
  }

  /** The spellings, and the same sorted by folded spelling (sorted here, once, not in every isolate). */
  build(): { spellings: Spellings; spelledFrom: SpelledFrom } {
    const spellings: Spellings = {};
    for (const term of [...this.counts.keys()].sort(compareStrings)) {
      const words = [...this.counts.get(term)!]
        .sort(([a, countA], [b, countB]) => countB - countA || compareStrings(a, b))
        .slice(0, MAX_SPELLINGS)
        .map(([word]) => word);
      if (words.length > 1 || words[0] !== term) spellings[term] = words;
    }
    const spelledFrom = Object.entries(spellings)
      .flatMap(([term, words]) => words.map((word): [string, string] => [foldWord(word), term]))
      .sort(([a, termA], [b, termB]) => compareStrings(a, b) || compareStrings(termA, termB));
    return { spellings, spelledFrom };
  }
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
