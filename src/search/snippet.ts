/**
 * Snippets: the passage of a document that best shows why it matched.
 *
 * Two steps, as Pagefind does it: find the densest window of matched words,
 * then render it. Rendering escapes the document text before adding marks,
 * so nothing in a document can inject markup.
 */
import { tokenize, type Token } from "./analysis";
import { escapeHtml } from "./escape";
import { searchOptions } from "./options";
import type { TermOrigins } from "./terms";

/** Target snippet length in characters of document text. */
export const SNIPPET_LENGTH = 200;

/**
 * Only this much of a document is searched for the passage, as Algolia does
 * (its first 50,000 characters): it bounds the work per hit on huge files.
 */
export const SNIPPET_SCAN_LENGTH = 50_000;

/** Matches considered as the start of the passage. */
const MAX_WINDOW_STARTS = 1000;

/** Characters of the window kept for context around the matched core. */
const CONTEXT = 40;

const ELLIPSIS = "…";
const WHITESPACE = /\s/;

// A word matched exactly counts fully; one reached by prefix or typo counts
// as much as MiniSearch weighs it in the ranking.
const EXACT = 1;
const PREFIX = searchOptions.weights?.prefix ?? 0.375;
const FUZZY = searchOptions.weights?.fuzzy ?? 0.45;

interface Window {
  start: number;
  end: number;
}

/** A word of the text that matched: the query term it answers, and how well. */
interface Match extends Token {
  query: string;
  weight: number;
}

/**
 * The best passage of `text` for a query, HTML-escaped, with every word whose
 * term is a key of `matched` wrapped in `<mark>`, and `…` where text was cut.
 * `matched` maps each matched index term to the query term it answers.
 *
 * @example
 * snippet("Trump and Putin discussed safe zones.", new Map([["safe", "safe"], ["zones", "zones"]]))
 * // => "Trump and Putin discussed <mark>safe</mark> <mark>zones</mark>."
 */
export function snippet(text: string, matched: TermOrigins, length = SNIPPET_LENGTH): string {
  // With nothing to find, only the opening can be shown: skip the rest of the text.
  const scanned = opening(text, matched.size === 0 ? length * 2 : SNIPPET_SCAN_LENGTH);
  const tokens = tokenize(scanned);
  const matches: Match[] = [];
  for (const token of tokens) {
    const query = token.term === null ? undefined : matched.get(token.term);
    if (query === undefined) continue;
    // Fields written out: an object spread here costs ten times as much on long texts.
    matches.push({ start: token.start, end: token.end, term: token.term, query, weight: weightOf(token.term!, query) });
  }
  // The matched core leaves room for some context on either side; windows
  // start at one of the first matches only, which bounds the search when a
  // common word matches thousands of times.
  const core = bestWindow(matches.slice(0, MAX_WINDOW_STARTS), length - CONTEXT) ?? { start: 0, end: 0 };
  return render(text, expand(scanned, tokens, core, length), matches);
}

function weightOf(term: string, query: string): number {
  if (term === query) return EXACT;
  return term.startsWith(query) ? PREFIX : FUZZY;
}

/**
 * The span from one matched word to another, at most `length` characters,
 * that best covers the query: each distinct query term counts once, by its
 * best match in the span (exact over prefix over typo); ties go to more
 * matches, then to the earliest span. Null when nothing matched.
 */
function bestWindow(matches: Match[], length: number): Window | null {
  let best: { first: number; last: number; score: number; count: number } | null = null;
  for (let first = 0; first < matches.length; first++) {
    const bestWeight = new Map<string, number>();
    let score = 0;
    for (let last = first; last < matches.length; last++) {
      const match = matches[last]!;
      if (last > first && match.end - matches[first]!.start > length) break;
      const previous = bestWeight.get(match.query) ?? 0;
      if (match.weight > previous) {
        score += match.weight - previous;
        bestWeight.set(match.query, match.weight);
      }
      const count = last - first + 1;
      if (!best || score > best.score || (score === best.score && count > best.count)) {
        best = { first, last, score, count };
      }
    }
  }
  return best && { start: matches[best.first]!.start, end: matches[best.last]!.end };
}

/**
 * Grows the matched core to about `length` characters, centred on it, with
 * both ends on boundaries that split nothing: between whitespace and text
 * where there is some, else at a word's edge, else at a code point.
 */
function expand(text: string, tokens: Token[], core: Window, length: number): Window {
  const spare = Math.max(0, length - (core.end - core.start));
  let start = core.start - Math.floor(spare / 2);
  let end = core.end + Math.ceil(spare / 2);
  // Near either end of the text, give the unused context to the other side.
  if (start < 0) [start, end] = [0, end - start];
  if (end > text.length) [start, end] = [Math.max(0, start - (end - text.length)), text.length];
  return { start: alignStart(text, tokens, start, core.start), end: alignEnd(text, tokens, core.end, end) };
}

/** The earliest boundary in [from, limit] (limit: where the matched core starts). */
function alignStart(text: string, tokens: Token[], from: number, limit: number): number {
  if (from === 0) return 0;
  for (let i = from; i < limit; i++) {
    if (WHITESPACE.test(text[i - 1]!) && !WHITESPACE.test(text[i]!)) return i;
  }
  const word = tokens.find((token) => token.start >= from && token.start < limit);
  if (word) return word.start;
  return isLowSurrogate(text.charCodeAt(from)) ? from + 1 : from;
}

/** The latest boundary in [limit, to] (limit: where the matched core ends). */
function alignEnd(text: string, tokens: Token[], limit: number, to: number): number {
  if (to >= text.length) return text.length;
  for (let i = to; i > limit; i--) {
    if (WHITESPACE.test(text[i]!) && !WHITESPACE.test(text[i - 1]!)) return i;
  }
  const word = findLast(tokens, (token) => token.end <= to && token.end > limit);
  if (word) return word.end;
  return isLowSurrogate(text.charCodeAt(to)) ? to - 1 : to;
}

/** The first `length` UTF-16 units of `text`, never ending inside a surrogate pair. */
function opening(text: string, length: number): string {
  if (text.length <= length) return text;
  return text.slice(0, isLowSurrogate(text.charCodeAt(length)) ? length - 1 : length);
}

function render(text: string, window: Window, matches: Match[]): string {
  let html = window.start > 0 ? ELLIPSIS : "";
  let cursor = window.start;
  for (const match of matches) {
    if (match.start < window.start || match.end > window.end) continue;
    html += escapeHtml(text.slice(cursor, match.start));
    html += `<mark>${escapeHtml(text.slice(match.start, match.end))}</mark>`;
    cursor = match.end;
  }
  html += escapeHtml(text.slice(cursor, window.end));
  if (text.slice(window.end).trim() !== "") html += ELLIPSIS;
  return html;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function findLast<T>(items: T[], predicate: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i]!)) return items[i];
  return undefined;
}
