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

// Folding and stemming are chains of regular expressions, and the words of a
// corpus repeat a lot: a bounded cache of analysed words pays for itself at
// build time, in snippets and in phrase checks.
const CACHE_SIZE = 20_000;
const analysed = new Map<string, AnalyzedWord>();

/**
 * @example
 * analyzeWord("Discussed") // => { word: "discussed", term: "discuss", stop: false }
 * analyzeWord("The") // => { word: "the", term: "the", stop: true }
 */
export function analyzeWord(raw: string): AnalyzedWord {
  let result = analysed.get(raw);
  if (result === undefined) {
    if (analysed.size >= CACHE_SIZE) analysed.clear();
    result = Object.freeze(analyze(raw));
    analysed.set(raw, result);
  }
  return result;
}

function analyze(raw: string): AnalyzedWord {
  const word = foldWord(raw);
  if (word.length === 0 || word.length > MAX_TERM_LENGTH) return { word, term: null, stop: false };
  if (STOP_WORDS.has(word)) return { word, term: word, stop: true };
  return { word, term: stem(word), stop: false };
}

/** The Porter stem of a folded word; non-English words come back unchanged. */
export function stem(word: string): string {
  if (!STEMMABLE.test(word) || INVARIANT.has(word)) return word;
  const stemmed = stemmer(word);
  return stemmed.length < MIN_STEM_LENGTH ? word.slice(0, MIN_STEM_LENGTH) : stemmed;
}
