/**
 * Text analysis shared by the index, the query and the highlighter.
 *
 * One pipeline for all three is what makes highlighting exact: a word is
 * marked in a snippet precisely when the index would have stored it under a
 * term the query matched.
 */

/** A word of a text: where it stands and the term the index stores for it. */
export interface Token {
  /** UTF-16 offset of the first character of the word. */
  start: number;
  /** UTF-16 offset just past the word. */
  end: number;
  /** The normalized term, or null when the index drops the word. */
  term: string | null;
}

// A word is a run of letters, marks and digits; an apostrophe (straight or
// curly) between two such runs keeps them one word ("don’t", "Russia's").
// Everything else, including "." and "-", separates words, so glued
// sentences ("Syria.The") and compounds ("U.S.-Russian") split into parts.
const WORD = /[\p{L}\p{M}\p{N}]+(?:['\u2019\u02BC][\p{L}\p{M}\p{N}]+)*/gu;

const APOSTROPHES = /[\u2019\u02BC]/g;

/** Words longer than this are noise (hashes, base64, URLs run together). */
export const MAX_TERM_LENGTH = 40;

/** Splits text into words, as MiniSearch's `tokenize` option expects. */
export function splitWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * Turns one word into the term the index stores: NFKC, lower case, one kind
 * of apostrophe, English possessive dropped ("Russia’s" → "russia").
 * Returns null for words the index does not keep.
 */
export function normalizeTerm(word: string): string | null {
  let term = word.normalize("NFKC").toLowerCase().replace(APOSTROPHES, "'");
  if (term.endsWith("'s")) term = term.slice(0, -2);
  if (term.length === 0 || term.length > MAX_TERM_LENGTH) return null;
  return term;
}

/** Every word of a text with its offsets and normalized term. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    tokens.push({ start, end: start + match[0].length, term: normalizeTerm(match[0]) });
  }
  return tokens;
}
