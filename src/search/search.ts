/** A validated request → ranked hits with snippets, the total, facet counts and hints. */
import type { DocumentRecord } from "./artifact";
import { countSources, type SourceCounts } from "./facets";
import { find, type Candidate } from "./find";
import { highlightFor } from "./highlight";
import type { SearchIndex } from "./load";
import { termsToPlace } from "./match";
import type { SearchRequest } from "./query";
import { sortCandidates } from "./rank";
import { markAll, snippet, type Highlight } from "./snippet";
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

/**
 * Runs a search. Positions are fetched for the query's phrases only, and
 * texts for the requested page only, which is all that gets snippets.
 */
export async function search(index: SearchIndex, request: SearchRequest): Promise<SearchResult> {
  const positions = await index.positions(termsToPlace(request.query.clauses));
  const found = find(index, request, { positions });
  const documentOf = (candidate: Candidate) => index.documents[candidate.position]!;
  const facets = { source: countSources(found.candidates.map(documentOf)) };
  const wanted = new Set(request.sources);
  const filtered =
    wanted.size === 0 ? found.candidates : found.candidates.filter((candidate) => wanted.has(documentOf(candidate).source));
  const page = sortCandidates(index, filtered, request.sort).slice(request.offset, request.offset + request.limit);
  const texts = await index.texts(page.map((candidate) => candidate.position));
  return {
    query: request.q,
    total: filtered.length,
    relaxed: found.relaxed,
    didYouMean: correctSpelling(index, request, found, positions),
    hits: page.map((candidate) => toHit(index, documentOf(candidate), texts.get(candidate.position)!, candidate, found.clauses)),
    facets,
  };
}

/**
 * A document's whole text, escaped, with the request's matches marked
 * throughout (nothing marked when the query does not match it).
 */
export async function markDocument(index: SearchIndex, request: SearchRequest, position: number): Promise<string> {
  const positions = await index.positions(termsToPlace(request.query.clauses));
  const found = find(index, request, { only: position, positions });
  const candidate = found.candidates.find((one) => one.position === position);
  const text = (await index.texts([position])).get(position)!;
  return markAll(text, candidate ? highlightFor(found.clauses, candidate) : { terms: new Map(), phrases: [] });
}

function toHit(index: SearchIndex, document: DocumentRecord, text: string, candidate: Candidate, clauses: readonly Clause[]): SearchHit {
  const { id, title, source, date, url } = document;
  const highlight = withNeedles(index, highlightFor(clauses, candidate));
  return { id, title, source, date, url, score: roundScore(candidate.score), snippet: snippet(text, highlight) };
}

/** The highlight with the strings its words are written with: the stems, and their spellings. */
function withNeedles(index: SearchIndex, highlight: Highlight): Highlight {
  const terms = [...highlight.terms.keys(), ...highlight.phrases.flatMap((phrase) => phrase.terms)];
  const needles = new Set<string>();
  for (const term of terms) for (const written of [term, ...index.spellings.all(term)]) needles.add(written.toLowerCase());
  return { ...highlight, needles: [...needles] };
}

function roundScore(score: number): number {
  return Math.round(score * 1000) / 1000;
}
