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
