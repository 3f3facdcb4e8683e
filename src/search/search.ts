/** A validated request → ranked hits with snippets, the total, facet counts and hints. */
import type { StoredDocument } from "./artifact";
import { countSources, type SourceCounts } from "./facets";
import { find, type Candidate } from "./find";
import { highlightFor } from "./highlight";
import type { SearchIndex } from "./load";
import type { SearchRequest } from "./query";
import { sortCandidates } from "./rank";
import { markAll, snippet } from "./snippet";
import { correctSpelling } from "./spelling";
import type { Clause } from "./syntax";

export interface SearchHit {
  id: string;
  title: string;
  source: string;
  date: string | null;
  url: string | null;
  /** Relevance (BM25+ with title boost); 0 when browsing. */
  score: number;
  /** The best passage, HTML-escaped, matched words in `<mark>`. */
  snippet: string;
}

export interface SearchResult {
  query: string;
  /** Every matching document after the source filter, not just this page. */
  total: number;
  /** No document matched every word, so these match some of them. */
  relaxed: boolean;
  /** A spelling of the query that finds more, when this one finds few or none. */
  didYouMean: string | null;
  hits: SearchHit[];
  /** Counted before the source filter, after the date filter and exclusions. */
  facets: { source: SourceCounts };
}

/** Runs a search; snippets are made for the requested page only. */
export function search(index: SearchIndex, request: SearchRequest): SearchResult {
  const found = find(index, request);
  const documentOf = (candidate: Candidate) => index.documents[candidate.position]!;
  const facets = { source: countSources(found.candidates.map(documentOf)) };
  const wanted = new Set(request.sources);
  const filtered =
    wanted.size === 0 ? found.candidates : found.candidates.filter((candidate) => wanted.has(documentOf(candidate).source));
  const page = sortCandidates(index, filtered, request.sort).slice(request.offset, request.offset + request.limit);
  return {
    query: request.q,
    total: filtered.length,
    relaxed: found.relaxed,
    didYouMean: correctSpelling(index, request, found),
    hits: page.map((candidate) => toHit(documentOf(candidate), candidate, found.clauses)),
    facets,
  };
}

/**
 * A document's whole text, escaped, with the request's matches marked
 * throughout (nothing marked when the query does not match it).
 */
export function markDocument(index: SearchIndex, request: SearchRequest, position: number): string {
  const found = find(index, request, position);
  const candidate = found.candidates.find((one) => one.position === position);
  const text = index.documents[position]!.text;
  return markAll(text, candidate ? highlightFor(found.clauses, candidate) : { terms: new Map(), phrases: [] });
}

function toHit(document: StoredDocument, candidate: Candidate, clauses: readonly Clause[]): SearchHit {
  const { id, title, source, date, url, text } = document;
  const highlight = highlightFor(clauses, candidate);
  return { id, title, source, date, url, score: roundScore(candidate.score), snippet: snippet(text, highlight) };
}

function roundScore(score: number): number {
  return Math.round(score * 1000) / 1000;
}
