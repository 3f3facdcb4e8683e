/**
 * The reading view's text, cut so that a page holds a bounded part of a
 * document however long it is, with the query's matches numbered across
 * the whole document: a 1.4 MB e-mail is read in parts of about 100,000
 * characters, each a dozen blocks the browser lays out only when they
 * scroll into view (content-visibility), and "match 37 of 212" means the
 * same on every part.
 */

/** Characters of text per block: the unit the browser skips laying out until it is in view. */
const BLOCK_LENGTH = 8_000;

/** The reading view's own parameter, `/read/:id?part=3`: no field can be filtered by that name (the build refuses it). */
export const PART_PARAMETER = "part";

/** Blocks per part: a page holds about 100,000 characters of a document. */
export const PART_BLOCKS = 12;

/** One page of a document's reading view. */
export interface ReadingPart {
  /** HTML-escaped text with numbered `<mark id="match-N">`s, cut where no mark is open. */
  readonly blocks: readonly string[];
  /** The number of this part's first match, or of the next match after it when it holds none. */
  readonly firstMatch: number;
  /** How many matches this part holds: numbers firstMatch … firstMatch + matches - 1. */
  readonly matches: number;
}

/** A document's text as the reading view shows it: at least one part. */
export interface Reading {
  readonly parts: readonly [ReadingPart, ...ReadingPart[]];
  /** Matches in the whole document. */
  readonly matches: number;
}

/**
 * The marked text (HTML-escaped, with plain `<mark>`s) numbered and cut
 * into parts of PART_BLOCKS blocks.
 */
export function readingParts(markedText: string): Reading {
  const { blocks, count } = readingBlocks(markedText);
  const parts: ReadingPart[] = [];
  let seen = 0;
  for (let start = 0; start < blocks.length || parts.length === 0; start += PART_BLOCKS) {
    const slice = blocks.slice(start, start + PART_BLOCKS);
    const matches = slice.reduce((sum, block) => sum + (block.match(/<mark id=/g)?.length ?? 0), 0);
    parts.push({ blocks: slice, firstMatch: seen + 1, matches });
    seen += matches;
  }
  return { parts: parts as [ReadingPart, ...ReadingPart[]], matches: count };
}

/** The part (numbered from 1) that holds match `match` (numbered from 1); part 1 when there is no such match. */
export function partOfMatch(reading: Reading, match: number): number {
  const index = reading.parts.findIndex((part) => match >= part.firstMatch && match < part.firstMatch + part.matches);
  return index + 1 || 1;
}

/**
 * The marked text with its matches numbered (`id="match-1"`…, so a link
 * can lead to one and the script can step through them), cut into blocks
 * of BLOCK_LENGTH to twice that many characters: at a blank line, else a
 * line break, else a space, else anywhere; never inside a mark, an escaped
 * character or a surrogate pair, and never losing a character. Linear in
 * the text: each search looks only at the window it may cut in.
 */
export function readingBlocks(markedText: string): { blocks: string[]; count: number } {
  let count = 0;
  /** Where each numbered mark starts and ends, in order (marks do not nest). */
  const marks: [number, number][] = [];
  let shift = 0;
  const numbered = markedText.replace(/<mark>[^]*?<\/mark>/g, (mark, offset: number) => {
    const tag = `<mark id="match-${++count}">`;
    const start = offset + shift;
    shift += tag.length - "<mark>".length;
    marks.push([start, start + mark.length + tag.length - "<mark>".length]);
    return tag + mark.slice("<mark>".length);
  });
  const blocks: string[] = [];
  let next = 0; // the first mark not yet behind the cut
  let start = 0;
  while (start < numbered.length) {
    let end = cutAfter(numbered, start + BLOCK_LENGTH);
    for (; next < marks.length && marks[next]![0] < end; next++) {
      // Inside a mark (or its tag): cut after it instead.
      if (marks[next]![1] > end) end = cutAfter(numbered, marks[next]![1]);
    }
    blocks.push(numbered.slice(start, end));
    start = end;
  }
  return { blocks, count };
}

/** Where to cut at or after `from`, within BLOCK_LENGTH: past a blank line, else a line break, else a space, else at `from` itself. */
function cutAfter(text: string, from: number): number {
  if (from >= text.length) return text.length;
  const window = text.slice(from, from + BLOCK_LENGTH);
  for (const separator of ["\n\n", "\n", " "]) {
    const at = window.indexOf(separator);
    if (at !== -1) return from + at + separator.length;
  }
  return safeCut(text, from);
}

/** `at`, moved back off an escaped character ("&amp;") or the second half of a surrogate pair. */
function safeCut(text: string, at: number): number {
  // The longest escape the page writes is "&quot;".
  const before = text.slice(Math.max(0, at - 6), at);
  const ampersand = before.lastIndexOf("&");
  if (ampersand !== -1 && !before.slice(ampersand).includes(";")) at -= before.length - ampersand;
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}
