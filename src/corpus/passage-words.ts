/**
 * A text's words as passages compare them (passages.ts): read as the index
 * reads them, with no Node API, so that the Worker's tests read them too.
 */
import { tokenize } from "../search/analysis/tokenize";

/**
 * A word as passages compare it: its key (the indexed term, or the folded
 * word when the index drops it) and where it stands in the text. A `null`
 * key is a break, where the tokenizer skipped a stretch (encoded data): a
 * passage never runs across one, as a phrase does not.
 */
export interface PassageWord {
  key: string | null;
  /** UTF-16 offset of the first character (a break: where the last word ended). */
  start: number;
  /** UTF-16 offset just past the last character. */
  end: number;
}

/**
 * The words of a text, one per position: a compound's parts, not its joined
 * form, so "cease-fire" and "cease fire" read the same.
 *
 * @example
 * passageWords("A cease-fire.").map((word) => word.key) // => ["a", "ceas", "fire"]
 */
export function passageWords(text: string): PassageWord[] {
  const words: PassageWord[] = [];
  readWords(text, (key, start, end) => words.push({ key, start, end }));
  return words;
}

/**
 * Reads a text's words in order, breaks included, as passageWords gives
 * them: the one reading of a text, whether into objects or a corpus's flat
 * arrays (PassageCorpus).
 */
export function readWords(text: string, word: (key: string | null, start: number, end: number) => void): void {
  let nextPosition = 0;
  // A break stands where the last word ended (a break is always followed by a word, so it is never the last).
  let lastEnd = 0;
  for (const token of tokenize(text)) {
    if (token.span !== 1) continue;
    if (token.position > nextPosition) word(null, lastEnd, lastEnd);
    word(token.term ?? token.word, token.start, token.end);
    lastEnd = token.end;
    nextPosition = token.position + 1;
  }
}

/** Two words that match: the same key, and neither a break. */
export function sameWord(a: PassageWord | undefined, b: PassageWord | undefined): boolean {
  return a !== undefined && b !== undefined && a.key !== null && a.key === b.key;
}

/** The words of a document that are words, not breaks. */
export function wordCount(words: readonly PassageWord[]): number {
  let count = 0;
  for (const word of words) if (word.key !== null) count++;
  return count;
}
