/**
 * One word → the term the index stores: folded, then stemmed unless it is a
 * stop word. Stemming uses the Porter algorithm from the `stemmer` package,
 * so "discussed" and "discussion" both become "discuss".
 */
import { stemmer } from "stemmer";
import { foldWord } from "./fold";
import { STOP_WORDS } from "./stop-words";

/** Words longer than this are noise (hashes, base64, URLs run together). */
export const MAX_TERM_LENGTH = 40;

/** What the analysis makes of one word. */
export interface AnalyzedWord {
  /** The folded word, before stemming ("discussed"). */
  word: string;
  /** The indexed term ("discuss"), or null when the word is dropped. */
  term: string | null;
  /** A stop word: never indexed, but matched inside phrases. */
  stop: boolean;
}

// Porter is an English algorithm: words with other letters pass unchanged.
const STEMMABLE = /^[a-z]{3,}$/;

// Porter cuts some short words to two letters that collide with other words
// ("used" → "us", the folded "U.S."; "its" → "it"); a stem keeps at least
// three letters of its word. "news" is not the plural of "new" (Porter2 keeps
// it whole too).
const MIN_STEM_LENGTH = 3;
const INVARIANT = new Set(["news"]);

// Stemming is a chain of regular expressions; the words of a corpus repeat a
// lot, so a bounded cache pays for itself at build time and in snippets.
const STEM_CACHE_SIZE = 20_000;
const stems = new Map<string, string>();

/**
 * @example
 * analyzeWord("Discussed") // => { word: "discussed", term: "discuss", stop: false }
 * analyzeWord("The") // => { word: "the", term: "the", stop: true }
 */
export function analyzeWord(raw: string): AnalyzedWord {
  const word = foldWord(raw);
  if (word.length === 0 || word.length > MAX_TERM_LENGTH) return { word, term: null, stop: false };
  if (STOP_WORDS.has(word)) return { word, term: word, stop: true };
  return { word, term: stem(word), stop: false };
}

/** The Porter stem of a folded word; non-English words come back unchanged. */
export function stem(word: string): string {
  if (!STEMMABLE.test(word)) return word;
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    if (stems.size >= STEM_CACHE_SIZE) stems.clear();
    stemmed = INVARIANT.has(word) ? word : stemmer(word);
    if (stemmed.length < MIN_STEM_LENGTH) stemmed = word.slice(0, MIN_STEM_LENGTH);
    stems.set(word, stemmed);
  }
  return stemmed;
}
