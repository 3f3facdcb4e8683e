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
 * of about BLOCK_LENGTH characters: at a blank line, or failing one nearby
 * at a line break or a space; never inside a mark or an escaped character
 * (both hold no break), and never losing a character.
 */
export function readingBlocks(markedText: string): { blocks: string[]; count: number } {
  let count = 0;
  const numbered = markedText.replace(/<mark>/g, () => `<mark id="match-${++count}">`);
  const blocks: string[] = [];
  let start = 0;
  while (start < numbered.length) {
    let end = start + BLOCK_LENGTH >= numbered.length ? numbered.length : cutAfter(numbered, start + BLOCK_LENGTH);
    // Inside a marked phrase (or its tag) is no place to cut.
    while (end < numbered.length && numbered.lastIndexOf("<mark", end) > numbered.lastIndexOf("</mark>", end)) {
      end = cutAfter(numbered, end);
    }
    blocks.push(numbered.slice(start, end));
    start = end;
  }
  return { blocks, count };
}

/** Where to cut after `from`: past the next blank line within a block's length, else the next line break there, else the next space. */
function cutAfter(text: string, from: number): number {
  for (const separator of ["\n\n", "\n"]) {
    const at = text.indexOf(separator, from);
    if (at !== -1 && at - from <= BLOCK_LENGTH) return at + separator.length;
  }
  const space = text.indexOf(" ", from);
  return space === -1 ? text.length : space + 1;
}
