/**
 * The query language, parsed: what a search box user types, read the way
 * web search reads it.
 *
 *   safe zones        both words (or `match=any`: either)
 *   "safe zones"      the words next to each other, in this order, exactly
 *   -korea            no document containing "korea"
 *   tiller            the last word completes as you type (from 3 characters)
 *
 * Nothing else is syntax: `*`, `~`, `(`, `:` and a quote without its pair
 * are plain text, so no query is ever an error here. Words go through the
 * same analysis as the index (see analysis/tokenize.ts).
 */
import { tokenize, type Token } from "./analysis/tokenize";

/** A word of the query, analysed. */
export interface QueryWord {
  /** The indexed term it looks up ("zone" for "zones"). */
  term: string;
  /** The folded word before stemming; its length bounds typo tolerance. */
  word: string;
  stop: boolean;
  /** Offsets of the word in the query text, to rewrite it ("did you mean"). */
  start: number;
  end: number;
}

/** One requirement of the query: a word, a compound, or a phrase. */
export interface Clause {
  /** The words, in order; more than one must stand next to each other. */
  words: QueryWord[];
  /** A compound's joined form ("ceasefire" for "cease-fire"), an alternative to its adjacent parts. */
  joined: QueryWord | null;
  /**
   * For a phrase: every word sequence that satisfies it, `words` first. A
   * compound inside a phrase may be written whole: `"cease-fire talks"` is
   * also `"ceasefire talks"`.
   */
  variants: QueryWord[][];
  /** Quoted, or a run of unspaced script: adjacent and exact, no prefix or typo. */
  phrase: boolean;
  /** Preceded by `-`: documents matching it are removed. */
  excluded: boolean;
  /** The query's last word, still being typed: it also matches as a prefix. */
  prefix: boolean;
}

export interface ParsedQuery {
  clauses: Clause[];
}

// Straight, curly and low double quotes all open and close phrases.
const QUOTES = new Set(['"', "\u201C", "\u201D", "\u201E", "\u201F", "\u00AB", "\u00BB"]);
const SPACE = /\s/;

/** Parses query text into clauses; never throws. */
export function parseQuery(q: string): ParsedQuery {
  const clauses: Clause[] = [];
  let i = 0;
  let lastChunkReachesEnd = false;
  while (i < q.length) {
    if (SPACE.test(q[i]!)) {
      i++;
      continue;
    }
    const excluded = q[i] === "-" && i + 1 < q.length && !SPACE.test(q[i + 1]!) && q[i + 1] !== "-";
    if (excluded) i++;
    if (QUOTES.has(q[i]!)) {
      const close = indexOfQuote(q, i + 1);
      if (close !== -1) {
        const phrase = phraseClause(q, i + 1, close, excluded);
        if (phrase) clauses.push(phrase);
        i = close + 1;
        lastChunkReachesEnd = false;
        continue;
      }
      // A quote without its pair is punctuation.
      i++;
    }
    let end = i;
    while (end < q.length && !SPACE.test(q[end]!) && !QUOTES.has(q[end]!)) end++;
    if (end > i) {
      clauses.push(...wordClauses(q, i, end, excluded));
      lastChunkReachesEnd = end === q.length;
    }
    i = end;
  }
  markPrefix(clauses, lastChunkReachesEnd);
  return { clauses: withoutRepeats(clauses) };
}

function indexOfQuote(q: string, from: number): number {
  for (let i = from; i < q.length; i++) if (QUOTES.has(q[i]!)) return i;
  return -1;
}

/** A phrase reads at most this many of its compounds both ways (2^2 variants). */
const MAX_VARIANT_COMPOUNDS = 2;

function phraseClause(q: string, start: number, end: number, excluded: boolean): Clause | null {
  const tokens = tokenize(q.slice(start, end));
  // Each slot is a word, or a compound read as its parts or as its joined form.
  const slots: QueryWord[][][] = [];
  let compounds = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.span === 1) {
      slots.push([queryWord(token, start)]);
      continue;
    }
    // A compound's parts follow its joined form (see tokenize).
    const parts = tokens.slice(i + 1, i + 1 + token.span).flatMap((part) => queryWord(part, start));
    const joined = queryWord(token, start);
    slots.push(joined.length > 0 && compounds++ < MAX_VARIANT_COMPOUNDS ? [parts, joined] : [parts]);
    i += token.span;
  }
  const variants = slots
    .reduce<QueryWord[][]>((sequences, readings) => sequences.flatMap((sequence) => readings.map((reading) => [...sequence, ...reading])), [[]])
    .filter((variant) => variant.length > 0);
  if (variants.length === 0) return null;
  return { words: variants[0]!, joined: null, variants, phrase: true, excluded, prefix: false };
}

/** The clauses of an unquoted chunk: one per word, compound or unspaced run. */
function wordClauses(q: string, start: number, end: number, excluded: boolean): Clause[] {
  const groups = new Map<number, Token[]>();
  for (const token of tokenize(q.slice(start, end))) {
    const group = groups.get(token.group);
    if (group) group.push(token);
    else groups.set(token.group, [token]);
  }
  const clauses: Clause[] = [];
  for (const tokens of groups.values()) {
    const joinedToken = tokens.find((token) => token.span > 1);
    const words = tokens.filter((token) => token.span === 1).flatMap((token) => queryWord(token, start));
    const joined = joinedToken ? (queryWord(joinedToken, start)[0] ?? null) : null;
    if (words.length === 0 && joined === null) continue;
    // Several words written as one with no joined form: a run of unspaced
    // script ("杭州桑拿"), or a compound too long or with a stop word
    // ("state-of-the-art"): its words must stand together.
    const phrase = joined === null && words.length > 1;
    clauses.push({ words, joined, variants: [words], phrase, excluded, prefix: false });
  }
  return clauses;
}

function queryWord(token: Token, offset: number): QueryWord[] {
  if (token.term === null) return [];
  return [{ term: token.term, word: token.word, stop: token.stop, start: offset + token.start, end: offset + token.end }];
}

/** The same clause twice asks for nothing more ("putin putin"), and costs twice. */
function withoutRepeats(clauses: Clause[]): Clause[] {
  const seen = new Set<string>();
  return clauses.filter((clause) => {
    const key = JSON.stringify([clause.excluded, clause.phrase, clause.prefix, clause.words.map((word) => word.term)]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// Only the last word typed completes: earlier words are finished.
function markPrefix(clauses: Clause[], lastChunkReachesEnd: boolean): void {
  const last = clauses[clauses.length - 1];
  if (last && lastChunkReachesEnd && !last.phrase && !last.excluded) last.prefix = true;
}
