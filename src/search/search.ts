/** A validated request → ranked hits with snippets, the total, facet counts and hints. */
import { STOP_WORDS } from "./analysis/stop-words";
import type { DocumentFields, DocumentRecord } from "./artifact";
import { Filters, type Facets } from "./filters";
import { find, type Candidate } from "./find";
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
    const filters = new Filters(view, request.sources, request.filters, tables);
    const matched = found.candidates.map((candidate) => candidate.position);
    const failures = matched.map((position) => filters.failures(position));
    const facets = filters.facets(matched, failures, new Map(facetFields.map((name) => [name, tables.get(name)!])));
    const filtered = found.candidates.filter((_, i) => failures[i] === 0);
    const page = topCandidates(view, filtered, request.sort, request.offset + request.limit)
      .slice(request.offset)
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
    const candidate = found.candidates.find((one) => one.position === position);
    return candidate ? highlightFor(found.clauses, candidate) : { terms: new Map(), phrases: [] };
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
