/**
 * Snippets: the passage of a document that best shows why it matched.
 *
 * Two steps, as Pagefind does it: find the densest window of matched words,
 * then render it. Rendering escapes the document text before adding marks,
 * so nothing in a document can inject markup.
 */
import { tokenize, type Token } from "./analysis/tokenize";
import { needsSegmentation } from "./analysis/segment";
import { escapeHtml } from "./escape";
import { findPhrase } from "./phrase";

/** Target snippet length in characters of document text. */
export const SNIPPET_LENGTH = 200;

/** Matches considered as the start of the passage. */
const MAX_WINDOW_STARTS = 1000;

/** Characters of the window kept for context around the matched core. */
const CONTEXT = 40;

const ELLIPSIS = "…";

/**
 * How marked text is written: the tags around a match, how the text
 * between is escaped, and what stands where text was cut. The API's
 * snippets are HTML (escaped, `<mark>`); Meilisearch's `_formatted` values
 * are the text as stored with the client's own tags (instantsearch.js
 * escapes them itself), as Meilisearch writes them.
 */
export interface Marking {
  pre: string;
  post: string;
  escape: (text: string) => string;
  cutMarker: string;
}

/** HTML: escaped text, matches in `<mark>`, `…` where text was cut. */
export const HTML_MARKING: Marking = { pre: "<mark>", post: "</mark>", escape: escapeHtml, cutMarker: ELLIPSIS };
const WORD_CHARACTER = /[\p{L}\p{M}\p{N}]/u;
const MARK = /\p{M}/u;
const SHORT_NEEDLE = 3;
const WHITESPACE = /\s/;

/** What to mark: the index terms each clause matched, and its phrases. */
export interface Highlight {
  /** Index term → the clause it answers and how well it matched it. */
  terms: ReadonlyMap<string, TermMatch>;
  /** Word sequences, marked as one where their words stand together. */
  phrases: readonly { clause: number; terms: readonly string[] }[];
  /**
   * Lower-case strings the matched words are written with (the terms and
   * their spellings in the corpus), each with the clause and weight of its
   * term: where they occur is where the snippet reads the text, instead of
   * all of it. Without them, the text is read in chunks.
   */
  needles?: readonly Needle[];
}

/** A string a matched word is written with, and what finding it there is worth. */
export interface Needle extends TermMatch {
  text: string;
}

export interface TermMatch {
  /** Which clause of the query the term answers. */
  clause: number;
  /** 1 for the word itself, less for a prefix completion or a typo. */
  weight: number;
}

interface Window {
  start: number;
  end: number;
}

/** A stretch of the text to mark: the clause it answers, and how well. */
interface Match extends Window, TermMatch {}

/**
 * The best passage of `text` for a query, HTML-escaped, with every matched
 * word (and every matched phrase, as one) wrapped in `<mark>`, and `…` where
 * text was cut.
 *
 * @example
 * snippet("Trump and Putin discussed safe zones.", { terms: new Map([["zone", { clause: 0, weight: 1 }]]), phrases: [] })
 * // => "Trump and Putin discussed safe <mark>zones</mark>."
 */
export function snippet(text: string, highlight: Highlight, length = SNIPPET_LENGTH): string {
  return snippetAndPlace(text, highlight, length).html;
}

/** The snippet, and the stretch of the text it shows (UTF-16 offsets): what a hit's "also in" is decided on. */
export function snippetAndPlace(text: string, highlight: Highlight, length = SNIPPET_LENGTH): { html: string; shown: Window } {
  const nothingToFind = highlight.terms.size === 0 && highlight.phrases.length === 0;
  // With nothing to find, only the opening can be shown: skip the rest of the text.
  const { tokens, matches } = nothingToFind ? { tokens: tokenize(opening(text, length * 2)), matches: [] } : read(text, highlight, length);
  // The matched core leaves room for some context on either side; windows
  // start at one of the first matches only, which bounds the search when a
  // common word matches thousands of times.
  const core = bestWindow(matches.slice(0, MAX_WINDOW_STARTS), length - CONTEXT) ?? { start: 0, end: 0 };
  const shown = expand(text, tokens, core, length);
  return { html: render(text, shown, matches, HTML_MARKING), shown };
}

/**
 * Characters a word takes on average in English text, with its space: a
 * crop of n words starts from the best passage of n times this many
 * characters, then is counted out in words.
 */
const CHARACTERS_PER_WORD = 6;

/**
 * The best passage of about `words` words (Meilisearch's cropLength counts
 * words), centred on the matches as the snippet is, written with `marking`.
 *
 * @example
 * crop("One two three four five six seven", { terms: new Map([["four", { clause: 0, weight: 1 }]]), phrases: [] }, 3, { pre: "[", post: "]", escape: (t) => t, cutMarker: "…" })
 * // => "…three [four] five…"
 */
export function crop(text: string, highlight: Highlight, words: number, marking: Marking): string {
  const length = Math.max(1, words) * CHARACTERS_PER_WORD;
  const nothingToFind = highlight.terms.size === 0 && highlight.phrases.length === 0;
  const { tokens, matches } = nothingToFind ? { tokens: tokenize(opening(text, length * 2)), matches: [] } : read(text, highlight, length);
  const core = bestWindow(matches.slice(0, MAX_WINDOW_STARTS), length) ?? { start: 0, end: 0 };
  return render(text, wordWindow(text, tokens, core, words), matches, marking);
}

/**
 * The core grown word by word, alternately after and before it, to
 * `words` words; a compound ("cease-fire") is one word. The core itself is
 * kept whole even when it holds more.
 */
function wordWindow(text: string, tokens: readonly Token[], core: Window, words: number): Window {
  const spans: Window[] = [];
  for (const token of tokens) {
    const last = spans[spans.length - 1];
    if (last && token.start < last.end) continue;
    spans.push({ start: token.start, end: token.end });
  }
  if (spans.length === 0) return { start: 0, end: Math.min(text.length, core.end) };
  let first = spans.findIndex((span) => span.end > core.start);
  if (first === -1) first = spans.length - 1;
  let last = first;
  while (last + 1 < spans.length && spans[last + 1]!.start < core.end) last++;
  for (let after = true; last - first + 1 < words && (first > 0 || last + 1 < spans.length); after = !after) {
    if (after && last + 1 < spans.length) last++;
    else if (!after && first > 0) first--;
  }
  // Punctuation against the first and last words stays with them ("“safe zones.”").
  let start = spans[first]!.start;
  while (start > 0 && !WHITESPACE.test(text[start - 1]!) && !WORD_CHARACTER.test(text[start - 1]!)) start--;
  let end = spans[last]!.end;
  while (end < text.length && !WHITESPACE.test(text[end]!) && !WORD_CHARACTER.test(text[end]!)) end++;
  return { start: text.slice(0, start).trim() === "" ? 0 : start, end };
}

/**
 * The words of the text that matter for the snippet, and the matches among
 * them. However long the text, a match anywhere in it is found, at a cost
 * of about one passage: the needles are looked for in the lower-cased text
 * (a native search), the passage that best covers the query is chosen from
 * where they stand, as bestWindow chooses among matches, and only the
 * stretch around it is tokenized. Without needles, or where lower-casing
 * moves offsets, the text is read in chunks up to the first that holds a
 * match. (It once read the first 50,000 characters only, as Algolia does,
 * and a long address whose words all came later got a snippet with nothing
 * marked; it then tokenized around every spot, most of a query's time on
 * long e-mails.)
 */
function read(text: string, highlight: Highlight, length: number): { tokens: readonly Token[]; matches: Match[] } {
  const needles = highlight.needles;
  if (!needles) return firstMatchingChunk(text, highlight);
  // The opening first: a long e-mail thread says its words early and often,
  // and the rest need not be lower-cased and searched once a passage there
  // is as good as any can be (every clause at its best weight).
  let lower = "";
  let found: { spots: Match[]; capped: boolean } = { spots: [], capped: false };
  for (let end = Math.min(text.length, FIRST_READ); ; end = Math.min(text.length, end * 4)) {
    end = toWhitespace(text, end, 1);
    lower = text.slice(0, end).toLowerCase();
    // Lower-casing may change a text's length ("İ"), and with it the offsets.
    if (lower.length !== end) return firstMatchingChunk(text, highlight);
    found = findSpots(lower, needles, MAX_SPOTS);
    if (end === text.length || bestWindow(found.spots.slice(0, MAX_WINDOW_STARTS), length - CONTEXT)?.score === bestScore(needles)) break;
  }
  if (found.spots.length > 0) {
    const core = bestWindow(found.spots.slice(0, MAX_WINDOW_STARTS), length - CONTEXT)!;
    const start = toWhitespace(text, Math.max(0, core.start - length), -1);
    const tokens = tokenizeStretch(text, start, toWhitespace(text, Math.min(text.length, core.end + length), 1), 0);
    const matches = findMatches(tokens, highlight);
    if (matches.length > 0) return { tokens, matches };
    // Spots that were parts of other words ("trump" of "trumpet"), or words
    // of a phrase standing apart: read around every spot, in order, up to
    // the first stretch that holds a match.
    const whole = lower.length < text.length ? text.toLowerCase() : lower;
    if (whole.length !== text.length) return firstMatchingChunk(text, highlight);
    const spots = found.capped || lower.length < text.length ? findSpots(whole, needles, Infinity).spots : found.spots;
    for (const stretch of stretchesAround(text, spots, SCAN_REACH)) {
      const first = findMatches(tokenizeStretch(text, stretch.start, stretch.end, 0), highlight)[0];
      if (!first) continue;
      // Found: read it again with room for the passage around it.
      const start = toWhitespace(text, Math.max(0, first.start - length), -1);
      const tokens = tokenizeStretch(text, start, toWhitespace(text, Math.min(text.length, first.end + length), 1), 0);
      return { tokens, matches: findMatches(tokens, highlight) };
    }
  }
  // No needle where a word starts: the document matched in its title or
  // metadata, or by a word written some other way ("cease-fire" for
  // "ceasefire"). A short text is read whole; a long one shows its opening.
  if (text.length <= READ_ALL_LENGTH) return firstMatchingChunk(text, highlight);
  return { tokens: tokenize(opening(text, length * 2)), matches: [] };
}

/** Characters of a text searched for needles first; four times as many each time it is not enough. */
const FIRST_READ = 4_096;

/** The score of a passage holding every clause at the best weight its needles have. */
function bestScore(needles: readonly Needle[]): number {
  const best = new Map<number, number>();
  for (const { clause, weight } of needles) best.set(clause, Math.max(best.get(clause) ?? 0, weight));
  let score = 0;
  for (const weight of best.values()) score += weight;
  return score;
}

/** Characters read on either side of a spot when looking for any match at all: a phrase's length, with room. */
const SCAN_REACH = 100;

/** Up to this length, a text where the needles find nothing is read whole. */
const READ_ALL_LENGTH = 16_000;

/**
 * Occurrences of each needle the best passage is chosen among. A passage
 * where two words stand close is found from either word's occurrences, so
 * only a pair of words both this common, meeting only further on, is missed.
 */
const MAX_SPOTS = 32;

/**
 * Where the needles occur where a word starts, as matches of their clauses,
 * in order; at most `perNeedle` of each, and whether some needle had more.
 */
function findSpots(lower: string, needles: readonly Needle[], perNeedle: number): { spots: Match[]; capped: boolean } {
  const spots: Match[] = [];
  let capped = false;
  for (const { text: needle, clause, weight } of needles) {
    if (needle === "") continue;
    // Words of scripts written without spaces ("safe杭州") touch other words.
    const unspaced = needsSegmentation(needle);
    let found = 0;
    for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
      // A word is written from its start: "c" inside "access" is no place to
      // look; and a needle this short must be the whole word, not "c" of "congress".
      if (!unspaced && !startsWord(lower, at)) continue;
      // (A combining mark after it is the same word as folding reads it: "e" of "e\u0301".)
      const next = at + needle.length;
      if (!unspaced && needle.length < SHORT_NEEDLE && next < lower.length && isSpacedWordCharacter(lower, next) && !MARK.test(lower[next]!)) continue;
      if (found === perNeedle) {
        capped = true;
        break;
      }
      spots.push({ start: at, end: at + needle.length, clause, weight });
      found++;
    }
  }
  spots.sort((a, b) => a.start - b.start || b.weight - a.weight || b.end - a.end);
  // Two needles at one place ("escal" and "escalated") are one word there, worth the better.
  return { spots: spots.filter((spot, i) => i === 0 || spot.start !== spots[i - 1]!.start), capped };
}

/**
 * True unless a letter or digit of a script that spaces its words stands
 * before `index`, with or without combining marks on it: the marks belong
 * to the letter before them, as the tokenizer reads them, so "café" after
 * "e\u0301" is inside a word, and after "杭州\u0301" starts one.
 */
function startsWord(text: string, index: number): boolean {
  let before = index - 1;
  while (before >= 0 && MARK.test(text[before]!)) before--;
  return before < 0 || !isSpacedWordCharacter(text, before);
}

/** A letter, mark or digit of a script that spaces its words, at `index` (ASCII without a regular expression: most text is). */
function isSpacedWordCharacter(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  const character = String.fromCodePoint(text.codePointAt(index)!);
  return WORD_CHARACTER.test(character) && !needsSegmentation(character);
}

/**
 * The stretches of text around the spots (within `reach` characters,
 * widened to whitespace so no word is cut, overlapping ones merged), in order.
 */
function stretchesAround(text: string, spots: readonly Window[], reach: number): Window[] {
  const stretches: Window[] = [];
  for (const spot of spots) {
    const start = toWhitespace(text, Math.max(0, spot.start - reach), -1);
    const end = toWhitespace(text, Math.min(text.length, spot.start + reach), 1);
    const last = stretches[stretches.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else stretches.push({ start, end });
  }
  return stretches;
}

/** Characters tokenized at a time when a text is read in chunks. */
const CHUNK = 16_000;

/** Characters two chunks share, so a phrase across their border is whole in the second. */
const CHUNK_OVERLAP = 1_000;

/**
 * The first chunk of the text (cut at whitespace) holding a match, with
 * its words; else the opening's words and no match. Reading stops at the
 * first match, so a match early in a long text costs one chunk.
 */
function firstMatchingChunk(text: string, highlight: Highlight): { tokens: readonly Token[]; matches: Match[] } {
  for (let start = 0; start < text.length; ) {
    const end = toWhitespace(text, Math.min(text.length, start + CHUNK), 1);
    const tokens = tokenizeStretch(text, start, end, 0);
    const matches = findMatches(tokens, highlight);
    if (matches.length > 0) return { tokens, matches };
    if (end >= text.length) break;
    // Back to whitespace for the overlap; a stretch without any starts the next chunk where this one ended.
    const back = toWhitespace(text, end - CHUNK_OVERLAP, -1);
    start = back > start ? back : end;
  }
  return { tokens: tokenize(opening(text, CHUNK)), matches: [] };
}

/** The words of text[start, end), with offsets in the whole text and positions from `firstPosition`. */
function tokenizeStretch(text: string, start: number, end: number, firstPosition: number): Token[] {
  const tokens = tokenize(text.slice(start, end));
  for (const token of tokens) {
    token.start += start;
    token.end += start;
    token.position += firstPosition;
  }
  return tokens;
}

/** The nearest whitespace (or end of text) from `index`, going back (-1) or forward (1). */
function toWhitespace(text: string, index: number, direction: -1 | 1): number {
  let at = index;
  while (at > 0 && at < text.length && !WHITESPACE.test(text[direction < 0 ? at - 1 : at]!)) at += direction;
  return at;
}

/**
 * The whole text, HTML-escaped, with every match marked: for reading a
 * document with the query's words highlighted throughout.
 */
export function markAll(text: string, highlight: Highlight, marking: Marking = HTML_MARKING): string {
  return render(text, { start: 0, end: text.length }, findMatches(tokenize(text), highlight), marking);
}

/** Where the matches markAll marks stand in the text, in order, as [start, end) in UTF-16 code units. */
export function matchPlaces(text: string, highlight: Highlight): { start: number; end: number }[] {
  const places: { start: number; end: number }[] = [];
  let cursor = 0;
  for (const { start, end } of findMatches(tokenize(text), highlight)) {
    // As render: a word inside a marked phrase or compound is marked already.
    if (start < cursor) continue;
    places.push({ start, end });
    cursor = end;
  }
  return places;
}

/** The stretches to mark, by where they start; a longer one first where two start together. */
function findMatches(tokens: readonly Token[], highlight: Highlight): Match[] {
  const matches: Match[] = [];
  for (const token of tokens) {
    const match = token.term === null ? undefined : highlight.terms.get(token.term);
    // Fields written out: an object spread here costs ten times as much on long texts.
    if (match) matches.push({ start: token.start, end: token.end, clause: match.clause, weight: match.weight });
  }
  for (const { clause, terms } of highlight.phrases) {
    for (const { start, end } of findPhrase(tokens, terms)) matches.push({ start, end, clause, weight: 1 });
  }
  return matches.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * The span from one matched word to another, at most `length` characters,
 * that best covers the query: each clause of the query counts once, by its
 * best match in the span (exact over prefix over typo); ties go to more
 * matches, then to the earliest span. Null when nothing matched.
 */
function bestWindow(matches: Match[], length: number): (Window & { score: number }) | null {
  let best: { first: number; last: number; score: number; count: number } | null = null;
  for (let first = 0; first < matches.length; first++) {
    const bestWeight = new Map<number, number>();
    let score = 0;
    for (let last = first; last < matches.length; last++) {
      const match = matches[last]!;
      if (last > first && match.end - matches[first]!.start > length) break;
      const previous = bestWeight.get(match.clause) ?? 0;
      if (match.weight > previous) {
        score += match.weight - previous;
        bestWeight.set(match.clause, match.weight);
      }
      const count = last - first + 1;
      if (!best || score > best.score || (score === best.score && count > best.count)) {
        best = { first, last, score, count };
      }
    }
  }
  return best && { start: matches[best.first]!.start, end: matches[best.last]!.end, score: best.score };
}

/**
 * Grows the matched core to about `length` characters, centred on it, with
 * both ends on boundaries that split nothing: between whitespace and text
 * where there is some, else at a word's edge, else between two characters
 * as a reader sees them (grapheme clusters).
 */
function expand(text: string, tokens: readonly Token[], core: Window, length: number): Window {
  const spare = Math.max(0, length - (core.end - core.start));
  let start = core.start - Math.floor(spare / 2);
  let end = core.end + Math.ceil(spare / 2);
  // Near either end of the text, give the unused context to the other side.
  if (start < 0) [start, end] = [0, end - start];
  if (end > text.length) [start, end] = [Math.max(0, start - (end - text.length)), text.length];
  return {
    start: graphemeEdge(text, alignStart(text, tokens, start, core.start), "after"),
    end: graphemeEdge(text, alignEnd(text, tokens, core.end, end), "before"),
  };
}

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const GRAPHEME_REACH = 64;

/**
 * The nearest edge of a user-perceived character at or beside `index`: a
 * cut inside "👍🏽", "🇺🇦" or "❤️" would leave half of it, or a lone surrogate.
 */
function graphemeEdge(text: string, index: number, direction: "before" | "after"): number {
  // Between two ASCII characters there is always an edge but inside CR LF
  // (Unicode's UAX #29, rules GB3 to GB999): most cuts need no segmenter.
  if (index <= 0 || index >= text.length) return index;
  const [before, after] = [text.charCodeAt(index - 1), text.charCodeAt(index)];
  if (before < 0x80 && after < 0x80 && !(before === 0x0d && after === 0x0a)) return index;
  // Segmenting from the start of a long text costs as much as the text; a
  // cluster is a few code units (an emoji sequence a few dozen), so a
  // stretch around the index is enough.
  const from = Math.max(0, index - GRAPHEME_REACH);
  const cluster = GRAPHEMES.segment(text.slice(from, index + GRAPHEME_REACH)).containing(index - from);
  if (!cluster || cluster.index + from === index) return index;
  return direction === "before" ? from + cluster.index : from + cluster.index + cluster.segment.length;
}

/** The earliest boundary in [from, limit] (limit: where the matched core starts). */
function alignStart(text: string, tokens: readonly Token[], from: number, limit: number): number {
  if (from === 0) return 0;
  for (let i = from; i < limit; i++) {
    if (WHITESPACE.test(text[i - 1]!) && !WHITESPACE.test(text[i]!)) return i;
  }
  const word = tokens.find((token) => token.start >= from && token.start < limit);
  return word ? word.start : from;
}

/** The latest boundary in [limit, to] (limit: where the matched core ends). */
function alignEnd(text: string, tokens: readonly Token[], limit: number, to: number): number {
  if (to >= text.length) return text.length;
  for (let i = to; i > limit; i--) {
    if (WHITESPACE.test(text[i]!) && !WHITESPACE.test(text[i - 1]!)) return i;
  }
  const word = findLast(tokens, (token) => token.end <= to && token.end > limit);
  return word ? word.end : to;
}

/** The first `length` UTF-16 units of `text`, never ending inside a surrogate pair. */
function opening(text: string, length: number): string {
  if (text.length <= length) return text;
  return text.slice(0, isLowSurrogate(text.charCodeAt(length)) ? length - 1 : length);
}

function render(text: string, window: Window, matches: Match[], { pre, post, escape, cutMarker }: Marking): string {
  let written = window.start > 0 ? cutMarker : "";
  let cursor = window.start;
  for (const match of matches) {
    // A word inside a marked phrase or compound is marked already.
    if (match.start < cursor || match.end > window.end) continue;
    written += escape(text.slice(cursor, match.start));
    written += `${pre}${escape(text.slice(match.start, match.end))}${post}`;
    cursor = match.end;
  }
  written += escape(text.slice(cursor, window.end));
  if (text.slice(window.end).trim() !== "") written += cutMarker;
  return written;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function findLast<T>(items: readonly T[], predicate: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i]!)) return items[i];
  return undefined;
}
