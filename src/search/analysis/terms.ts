/**
 * One word → the term the index stores: folded, then stemmed unless it is a
 * stop word. Stemming uses the Porter algorithm from the `stemmer` package,
 * so "discussed" and "discussion" both become "discuss".
 */
import { stemmer } from "stemmer";
import { foldWord } from "./fold";
import { STOP_WORDS } from "./stop-words";

/**
 * Words longer than this are noise (hashes, base64, URLs run together):
 * "counterrevolutionaries" has 22 letters. Longer compounds keep their parts.
 */
export const MAX_TERM_LENGTH = 24;

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
  if (word.length === 0 || word.length > MAX_TERM_LENGTH || isMachineText(word)) return { word, term: null, stop: false };
  if (STOP_WORDS.has(word)) return { word, term: word, stop: true };
  return { word, term: stem(word), stop: false };
}

// Letters and digits that keep switching ("c0c0c0", "3d304704", "pt6ybb")
// are colours, ids and encodings, not words; short ones stay ("mp3s", "b2b",
// "h1n1"), as do words with one switch ("g20", "covid19", "2017s").
const SWITCH = /(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/gu;
const MAX_SWITCHES = 1;
const SHORT = 4;
// Digits beyond a card number's 16 and a letter repeated five times
// ("qqqqqqqqqq") are filler.
const LONG_NUMBER = /^\p{N}{17,}$/u;
const REPEATED_LETTER = /(\p{L})\1{4}/u;

/**
 * Words no one searches for, kept out of the index: in a mail archive they
 * were a third of the terms and most of the memory (see the README's
 * performance section), and dropping them loses no real word.
 */
function isMachineText(word: string): boolean {
  if (LONG_NUMBER.test(word) || REPEATED_LETTER.test(word)) return true;
  return word.length > SHORT && (word.match(SWITCH)?.length ?? 0) > MAX_SWITCHES;
}

/** The Porter stem of a folded word; non-English words come back unchanged. */
export function stem(word: string): string {
  if (!STEMMABLE.test(word) || INVARIANT.has(word)) return word;
  const stemmed = stemmer(word);
  return stemmed.length < MIN_STEM_LENGTH ? word.slice(0, MIN_STEM_LENGTH) : stemmed;
}
