/**
 * What a query's matching and ranking read of the index, behind one
 * interface with two implementations: the paged artifact (load.ts), which
 * reads its blocks as queries ask for them, and one MiniSearch holding the
 * whole corpus (the tests' reference), which must give the same answers.
 *
 * The query steps are synchronous. A paged view answers from what has been
 * read so far and notes what was missing; the step is then run again once
 * that is read (see PagedIndex.run), so a query reads only the blocks its
 * words reach.
 */
import type { ScoredDocuments, TermGroup } from "./score";
import type MiniSearch from "minisearch";
import type { IndexedDocument } from "../options";

/** A date as the span of time it covers, in milliseconds since 1970. */
export interface TimeSpan {
  start: number;
  end: number;
}

/** An index term with the number of documents holding it (in any field). */
export type TermCount = readonly [term: string, documents: number];

export interface IndexView {
  readonly documentCount: number;
  /** MiniSearch, over the postings the view reaches: asked for exact terms only (suggestions count with it). */
  readonly engine: MiniSearch<IndexedDocument>;
  /**
   * The documents any term of the groups matches, scored exactly as
   * MiniSearch's search of `{ queries: groups, combineWith: "OR" }` scores
   * them (score.ts), in position order.
   */
  scoreTerms(groups: readonly TermGroup[], within?: Within): ScoredDocuments;
  /**
   * How many documents hold a term (in any field); 0 when none; null when
   * its part of the vocabulary is not read yet (the step runs again once it is).
   */
  documentFrequency(term: string): number | null;
  readonly vocabulary: Vocabulary;
  readonly spellings: SpellingLookup;
  /** Positions of the documents holding a stop word, ascending. */
  documentsWithStopWord(word: string): Int32Array;
  /** The span of time a document's date covers, or null when it has none. */
  dateSpanOf(position: number): TimeSpan | null;
  /** The corpus's sources (facet values), by number. */
  readonly sources: readonly string[];
  /** A document's source, as its number in `sources`: facets count numbers, not names. */
  sourceNumber(position: number): number;
  /** The words of a document's title's name (analysis/word-rank.ts). */
  nameLength(position: number): number;
}

/**
 * The documents a caller still needs (find: those every clause so far
 * matched): an implementation may skip scoring the others, or return them
 * anyway, as the one-index reference does.
 */
export type Within = (position: number) => boolean;

/** The index terms, for completions and typos, without scoring any document. */
export interface Vocabulary {
  /** Terms that begin with `prefix`, in code-unit order. */
  withPrefix(prefix: string): TermCount[];
  /**
   * Terms within `distance` edits (Levenshtein) of `term` that begin with its
   * first character, as Lucene's fuzzy queries with prefix_length 1: a typo
   * then reaches only the terms of one initial, not the whole vocabulary.
   */
  near(term: string, distance: number): TermCount[];
}

/** How the corpus spells index terms ("president" for "presid"). */
export interface SpellingLookup {
  /** The word to show for a term: its most frequent spelling. */
  shown(term: string): string;
  /** Every spelling of a term, most frequent first. */
  all(term: string): readonly string[];
  /** The spellings folded as queries are ("café" → "cafe"). */
  folded(term: string): readonly string[];
  /** Terms some spelling of which begins with `prefix` but which do not begin with it themselves, at most `limit`. */
  stemsSpelledFrom(prefix: string, limit: number): string[];
}

/** The first code point of a term, and the least string above every term that starts with it. */
export function initialRange(term: string): { from: string; below: string } {
  const first = String.fromCodePoint(term.codePointAt(0) ?? 0);
  return { from: first, below: prefixEnd(first) };
}

/**
 * The least string greater than every string that begins with `prefix`
 * ("" when there is none: the prefix is all U+FFFF).
 */
export function prefixEnd(prefix: string): string {
  let end = prefix;
  while (end.length > 0) {
    const last = end.charCodeAt(end.length - 1);
    if (last < 0xffff) return end.slice(0, -1) + String.fromCharCode(last + 1);
    end = end.slice(0, -1);
  }
  return "";
}
