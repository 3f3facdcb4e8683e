/** A validated request → ranked hits with snippets, the total, facet counts and hints. */
import { STOP_WORDS } from "./analysis/stop-words";
import type { DocumentFields, DocumentRecord } from "./artifact";
import { Filters, type Facets } from "./filters";
import type { Candidate } from "./candidates";
import { find } from "./find";
import { highlightFor } from "./highlight";
import type { IndexView } from "./index/view";
import type { SearchIndex } from "./load";
import { termsToPlace } from "./match";
import type { SearchRequest } from "./query";
import { topCandidates } from "./rank";
import { markAll, snippet, type Highlight, type Needle, type TermMatch } from "./snippet";
import { correctSpelling } from "./spelling";

export interface SearchHit {
  id: string;
  title: string;
  source: string;
  date: string | null;
  url: string | null;
  /** The document's metadata fields (author, tags…). */
  fields: DocumentFields;
  /** Relevance (BM25+ with title boost); 0 when browsing. */
  score: number;
  /** The best passage, HTML-escaped, matched words in `<mark>`. */
  snippet: string;
}

export interface SearchResult {
  query: string;
  /** Every matching document after the filters, not just this page. */
  total: number;
  /** No document matched every word, so these match some of them. */
  relaxed: boolean;
  /** A spelling of the query that finds more, when this one finds few or none. */
  didYouMean: string | null;
  hits: SearchHit[];
  /** Per facet (source and each facet field): counted after the date filter, exclusions and every other facet's filter. */
  facets: Facets;
}

/**
 * Runs a search. The index is read for the query's words (their blocks of
 * the vocabulary and postings), positions for its phrases only, and
 * records and texts for the requested page only, which is all that gets
 * snippets.
 */
export async function search(index: SearchIndex, request: SearchRequest): Promise<SearchResult> {
  const facetFields = index.fields.filter((field) => field.facet).map((field) => field.name);
  const [positions, tables] = await Promise.all([
    index.positions(termsToPlace(request.query.clauses)),
    index.fieldTables([...facetFields, ...request.filters.map(([name]) => name)]),
  ]);
  const ranked = await index.run((view) => {
    const found = find(view, request, { positions });
    const { candidates } = found;
    const filters = new Filters(view, request.sources, request.filters, tables);
    const failures = new Uint32Array(candidates.length);
    let passing = candidates.length;
    if (filters.active) {
      passing = 0;
      for (let row = 0; row < candidates.length; row++) if ((failures[row] = filters.failures(candidates.positions[row]!)) === 0) passing++;
    }
    const facets = filters.facets(candidates.positions, failures, new Map(facetFields.map((name) => [name, tables.get(name)!])));
    const filtered = new Int32Array(passing);
    for (let row = 0, next = 0; row < candidates.length; row++) if (failures[row] === 0) filtered[next++] = row;
    const page = topCandidates(view, candidates, filtered, request.sort, request.offset + request.limit)
      .slice(request.offset)
      .map((row) => candidates.at(row))
      .map((candidate) => ({ candidate, highlight: withNeedles(view, highlightFor(found.clauses, candidate)) }));
    const didYouMean = correctSpelling(view, request, found, positions);
    return { total: filtered.length, relaxed: found.relaxed, didYouMean, facets, page };
  });
  const pagePositions = ranked.page.map(({ candidate }) => candidate.position);
  const [records, texts] = await Promise.all([index.records(pagePositions), index.texts(pagePositions)]);
  return {
    query: request.q,
    total: ranked.total,
    relaxed: ranked.relaxed,
    didYouMean: ranked.didYouMean,
    hits: ranked.page.map(({ candidate, highlight }) =>
      toHit(records.get(candidate.position)!, texts.get(candidate.position)!, candidate, highlight),
    ),
    facets: ranked.facets,
  };
}

/**
 * A document's whole text, escaped, with the request's matches marked
 * throughout (nothing marked when the query does not match it).
 */
export async function markDocument(index: SearchIndex, request: SearchRequest, position: number): Promise<string> {
  const positions = await index.positions(termsToPlace(request.query.clauses));
  const highlight = await index.run((view) => {
    const found = find(view, request, { only: position, positions });
    const row = found.candidates.rowOf(position);
    return row !== -1 ? highlightFor(found.clauses, found.candidates.at(row)) : { terms: new Map(), phrases: [] };
  });
  const text = (await index.texts([position])).get(position)!;
  return markAll(text, highlight);
}

function toHit(document: DocumentRecord, text: string, candidate: Candidate, highlight: Highlight): SearchHit {
  const { id, title, source, date, url, fields } = document;
  return { id, title, source, date, url, fields, score: roundScore(candidate.score), snippet: snippet(text, highlight) };
}

/** The highlight with the strings its words are written with (the stems, and their spellings), each worth what its term is. */
function withNeedles(view: IndexView, highlight: Highlight): Highlight {
  // A phrase is looked for by its words but stop words, which stand everywhere ("add to").
  const phraseTerms = (terms: readonly string[]) => (terms.every((term) => STOP_WORDS.has(term)) ? terms : terms.filter((term) => !STOP_WORDS.has(term)));
  const terms: [string, TermMatch][] = [
    ...highlight.terms,
    ...highlight.phrases.flatMap(({ clause, terms }) => phraseTerms(terms).map((term): [string, TermMatch] => [term, { clause, weight: 1 }])),
  ];
  const needles = new Map<string, Needle>();
  for (const [term, { clause, weight }] of terms) {
    for (const written of [term, ...view.spellings.all(term)]) {
      const text = written.toLowerCase();
      const known = needles.get(text);
      if (!known || weight > known.weight) needles.set(text, { text, clause, weight });
    }
  }
  return { ...highlight, needles: [...needles.values()] };
}

function roundScore(score: number): number {
  return Math.round(score * 1000) / 1000;
}
