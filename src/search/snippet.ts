/**
 * Snippets: the passage of a document that best shows why it matched.
 *
 * Two steps, as Pagefind does it: find the densest window of matched words,
 * then render it. Rendering escapes the document text before adding marks,
 * so nothing in a document can inject markup.
 */
import { tokenize, type Token } from "./analysis";
import { escapeHtml } from "./escape";
import type { TermOrigins } from "./terms";

/** Target snippet length in characters of document text. */
export const SNIPPET_LENGTH = 200;

/** Characters of the window kept for context around the matched core. */
const CONTEXT = 40;

const ELLIPSIS = "…";
const WHITESPACE = /\s/;

interface Window {
  start: number;
  end: number;
}

/** A word of the text that matched, with the query term it answers. */
interface Match extends Token {
  query: string;
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
  const tokens = tokenize(text);
  const matches: Match[] = [];
  for (const token of tokens) {
    const query = token.term === null ? undefined : matched.get(token.term);
    if (query !== undefined) matches.push({ ...token, query });
  }
  // The matched core leaves room for some context on either side.
  const core = densestWindow(matches, length - CONTEXT) ?? { start: 0, end: 0 };
  const window = alignToWords(text, tokens, core, length);
  return render(text, window, matches);
}

/**
 * The span from one matched word to another that holds the most distinct
 * query terms within `length` characters; ties go to more matches, then to
 * the earliest. Null when nothing matched.
 */
function densestWindow(matches: Match[], length: number): Window | null {
  if (matches.length === 0) return null;
  const inWindow = new Map<string, number>();
  let best = { first: 0, last: 0, distinct: 0, count: 0 };
  let first = 0;
  for (let last = 0; last < matches.length; last++) {
    const term = matches[last]!.query;
    inWindow.set(term, (inWindow.get(term) ?? 0) + 1);
    while (matches[last]!.end - matches[first]!.start > length && first < last) {
      const dropped = matches[first]!.query;
      const left = inWindow.get(dropped)! - 1;
      if (left === 0) inWindow.delete(dropped);
      else inWindow.set(dropped, left);
      first++;
    }
    const distinct = inWindow.size;
    const count = last - first + 1;
    if (distinct > best.distinct || (distinct === best.distinct && count > best.count)) {
      best = { first, last, distinct, count };
    }
  }
  return { start: matches[best.first]!.start, end: matches[best.last]!.end };
}

/**
 * Grows the matched span to about `length` characters, centred on it, then
 * moves both ends onto word boundaries so no word (or code point) is split.
 */
function alignToWords(text: string, tokens: Token[], core: Window, length: number): Window {
  const spare = Math.max(0, length - (core.end - core.start));
  let start = Math.max(0, core.start - Math.floor(spare / 2));
  const end = Math.min(text.length, start + Math.max(length, core.end - core.start));
  start = Math.max(0, Math.min(start, end - length));

  // The first word that starts inside the window, and the last that ends inside it.
  const firstToken = tokens.find((token) => token.start >= start && token.start <= core.start);
  const lastToken = findLast(tokens, (token) => token.end <= end && token.end >= core.end);
  const alignedStart = start === 0 ? 0 : (firstToken?.start ?? core.start);
  let alignedEnd = lastToken?.end ?? core.end;
  // Keep punctuation that closes the last word ("zones.”"), up to the next space or word.
  const nextWord = tokens.find((token) => token.start >= alignedEnd)?.start ?? text.length;
  while (alignedEnd < nextWord && !WHITESPACE.test(text[alignedEnd]!)) alignedEnd++;
  return { start: alignedStart, end: alignedEnd };
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

function findLast<T>(items: T[], predicate: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i]!)) return items[i];
  return undefined;
}
