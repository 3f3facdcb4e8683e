/**
 * Word segmentation for scripts written without spaces between words
 * (Chinese, Japanese, Thai, Lao, Khmer, Myanmar), with the runtime's ICU
 * word breaker: `Intl.Segmenter` exists in Node and in workerd, so the build
 * and the Worker cut the same text the same way (tests check both).
 */

const SCRIPTS = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}";
const UNSPACED = new RegExp(`[${SCRIPTS}]`, "u");
// A stretch of such text: its letters, the marks on them, and the kana
// length mark (ー), which belongs to no script. It starts at a letter: a
// combining mark belongs to the letter before it, so the accent of "e\u0301"
// next to "杭州" stays with its "e" (it once began a stretch of its own, and
// cut "e\u0301café" into "e" and "café" beside Chinese but not elsewhere).
const UNSPACED_STRETCH = new RegExp(`[${SCRIPTS}\\u30FC][${SCRIPTS}\\p{M}\\u30FC]*`, "gu");

/** A word inside a run of unspaced text, with offsets relative to the run. */
export interface Segment {
  start: number;
  end: number;
}

let segmenter: Intl.Segmenter | undefined;

/** True when `text` holds a letter of a script that does not space its words. */
export function needsSegmentation(text: string): boolean {
  return UNSPACED.test(text);
}

/** A run of text cut into stretches that need segmenting and stretches that do not. */
export function splitUnspaced(text: string): { start: number; end: number; unspaced: boolean }[] {
  const pieces: { start: number; end: number; unspaced: boolean }[] = [];
  let cursor = 0;
  for (const stretch of text.matchAll(UNSPACED_STRETCH)) {
    if (stretch.index > cursor) pieces.push({ start: cursor, end: stretch.index, unspaced: false });
    cursor = stretch.index + stretch[0].length;
    pieces.push({ start: stretch.index, end: cursor, unspaced: true });
  }
  if (cursor < text.length) pieces.push({ start: cursor, end: text.length, unspaced: false });
  return pieces;
}

/**
 * The words of `text` as the ICU word breaker sees them; punctuation and
 * spaces between them are dropped.
 *
 * @example
 * segmentWords("杭州桑拿") // => [{ start: 0, end: 2 }, …] ("杭州", …)
 */
export function segmentWords(text: string): Segment[] {
  // Created on first use: most corpora never need it, and it is not free.
  segmenter ??= new Intl.Segmenter("und", { granularity: "word" });
  const words: Segment[] = [];
  for (const { segment, index, isWordLike } of segmenter.segment(text)) {
    if (isWordLike) words.push({ start: index, end: index + segment.length });
  }
  return words;
}
