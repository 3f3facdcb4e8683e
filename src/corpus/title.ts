/** A title for a document that has none: its first sentence, shortened at a clause if it is long. */
import { hasWord } from "../strings";

/**
 * Longest derived title, in characters, before "…". A news lede's first
 * sentence runs 120–160 characters; whole, it says what the document is.
 */
export const MAX_TITLE_LENGTH = 160;

/** A clause shorter than this says too little to stand as a title ("Trump…"); the cut goes on to a word. */
const MIN_CLAUSE_LENGTH = 40;

// Words that end with a period without ending a sentence.
const ABBREVIATIONS = new Set(
  "mr mrs ms dr st jr sr gen sen rep gov prof vs no jan feb mar apr jun jul aug sep sept oct nov dec inc corp co ltd".split(" "),
);

// A wire-service dateline: "WASHINGTON/MOSCOW (Reuters) - ".
const DATELINE = /^[A-Z][A-Z.'/, ]{1,60}\([^)\n]{1,40}\)\s*[-–—]+\s*/;

/**
 * The first sentence of `body`, without a leading dateline; when longer
 * than MAX_TITLE_LENGTH, its first clauses up to that length, and only when
 * no clause ends early enough, its first words.
 *
 * @example
 * titleFromBody("WASHINGTON (Reuters) - Talks began.Both sides spoke.") // => "Talks began."
 */
export function titleFromBody(body: string): string {
  const text = body.replace(DATELINE, "");
  return cutAtClause(firstSentence(text), MAX_TITLE_LENGTH);
}

/**
 * `sentence` whole when at most `max` code points; else cut before the last
 * clause boundary that leaves at most `max` (a comma, semicolon or colon
 * followed by a space, or a spaced dash, outside quotes and parentheses),
 * else at a word; "…" marks a cut.
 *
 * @example
 * cutAtClause("Trump and Putin spoke by phone on Tuesday afternoon, agreeing to meet in July", 60)
 *   // => "Trump and Putin spoke by phone on Tuesday afternoon…"
 */
export function cutAtClause(sentence: string, max: number): string {
  if (Array.from(sentence).length <= max) return sentence;
  let cut: string | null = null;
  for (const boundary of sentence.matchAll(/[,;:](?=\s)|\s[–—-]\s/g)) {
    const before = sentence.slice(0, boundary.index);
    const length = Array.from(before).length;
    if (length > max) break;
    if (length >= MIN_CLAUSE_LENGTH && !insideQuoteOrParenthesis(before)) cut = before;
  }
  return cut === null ? cutAtWord(sentence, max) : `${cut.trimEnd()}…`;
}

/** True when `text` leaves a parenthesis or a quotation open. */
function insideQuoteOrParenthesis(text: string): boolean {
  const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
  return count(/\(/g) > count(/\)/g) || count(/“/g) > count(/”/g) || count(/"/g) % 2 === 1;
}

function firstSentence(text: string): string {
  // The first line with words: a rule ("---") or a blank line is not a title.
  const line = text.split("\n").find(hasWord) ?? text;
  for (let i = 0; i < line.length; i++) {
    const character = line[i]!;
    if (character !== "." && character !== "!" && character !== "?") continue;
    const rest = line.slice(i + 1);
    // Glued sentences, as in "on Syria.The Kremlin": lower-case, period, Capitalised word.
    const glued = character === "." && /\p{Ll}/u.test(line[i - 1] ?? "") && /^\p{Lu}\p{Ll}/u.test(rest);
    const spaced = /^["'”’)]*(\s|$)/.test(rest) && !isAbbreviation(line.slice(0, i));
    if (glued || spaced) {
      const closing = /^["'”’)]*/.exec(rest)![0];
      return line.slice(0, i + 1 + closing.length).trim();
    }
  }
  return line.trim();
}

/** True when the word before a period is an abbreviation ("U.S.", "Mr.", "A."). */
function isAbbreviation(before: string): boolean {
  const word = /(\S+)$/.exec(before)?.[1] ?? "";
  const bare = word.replace(/^["'“‘(]+/, "");
  if (bare.includes(".")) return true;
  if (/^\p{Lu}$/u.test(bare)) return true;
  return ABBREVIATIONS.has(bare.toLowerCase());
}

/** Cuts text to at most `max` code points at a word boundary, adding "…" when cut. */
export function cutAtWord(text: string, max: number): string {
  // Code points, not UTF-16 units, so a cut never splits an emoji or a CJK character.
  const codePoints = Array.from(text);
  if (codePoints.length <= max) return text;
  const slice = codePoints.slice(0, max).join("");
  const lastSpace = slice.search(/\s\S*$/);
  const cut = (lastSpace > 0 ? slice.slice(0, lastSpace) : slice).replace(/[\s,;:–—-]+$/, "");
  return `${cut}…`;
}
