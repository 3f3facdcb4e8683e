/** A validated request → ranked hits with snippets, the total, and facet counts. */
import type { StoredDocument } from "./artifact";
import { countSources, type SourceCounts } from "./facets";
import type { SearchIndex } from "./load";
import type { SearchRequest } from "./query";
import { snippet } from "./snippet";
import { termOrigins } from "./terms";

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
  hits: SearchHit[];
  facets: { source: SourceCounts };
}

interface Match {
  document: StoredDocument;
  score: number;
  /** Index terms that matched, after prefix and fuzzy expansion. */
  terms: readonly string[];
  /** Query terms that matched. */
  queryTerms: readonly string[];
}

/** Runs a search; snippets are made for the requested page only. */
export function search(index: SearchIndex, request: SearchRequest): SearchResult {
  const matches = request.q === "" ? browse(index) : rank(index, request.q);
  const facets = { source: countSources(matches.map((match) => match.document)) };
  const wanted = new Set(request.sources);
  const filtered = wanted.size === 0 ? matches : matches.filter((match) => wanted.has(match.document.source));
  const page = filtered.slice(request.offset, request.offset + request.limit);
  return { query: request.q, total: filtered.length, hits: page.map(toHit), facets };
}

/** Every document, in the artifact's browse order (newest first). */
function browse(index: SearchIndex): Match[] {
  return index.documents.map((document) => ({ document, score: 0, terms: [], queryTerms: [] }));
}

function rank(index: SearchIndex, q: string): Match[] {
  return index.engine.search(q).map((result) => ({
    document: index.documents[result.id as number]!,
    score: result.score,
    terms: result.terms,
    queryTerms: result.queryTerms,
  }));
}

function toHit({ document, score, terms, queryTerms }: Match): SearchHit {
  const { id, title, source, date, url, text } = document;
  const origins = termOrigins(terms, queryTerms);
  return { id, title, source, date, url, score: roundScore(score), snippet: snippet(text, origins) };
}

function roundScore(score: number): number {
  return Math.round(score * 1000) / 1000;
}
