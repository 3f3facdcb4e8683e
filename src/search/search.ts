/** A validated request → ranked hits with snippets, the total, facet counts and hints. */
import { STOP_WORDS } from "./analysis/stop-words";
import type { DocumentFields, DocumentRecord } from "./artifact";
import { compileExpression, expressionNeeds, type PreparedExpression } from "./expression";
import { Filters, type Facets } from "./filters";
import { formatHit, type FormattedHit, type HitFormat } from "./format";
import type { Candidate, RankedFields } from "./candidates";
import { find, strictTotal } from "./find";
import { highlightFor } from "./highlight";
import type { IndexView } from "./index/view";
import type { SearchIndex } from "./load";
import { termsToPlace } from "./match";
import type { SearchRequest } from "./query";
import { topCandidates } from "./rank";
import { alsoIn, type AlsoIn, type Carrier } from "./related";
import { markAll, snippetAndPlace, type Highlight, type Needle, type TermMatch } from "./snippet";
import { foldCopies } from "./collapse";
import { offeredSpelling, spellingFacts, type SpellingFacts } from "./spelling";
import { LIMITS } from "../limits";

export interface SearchHit {
  id: string;
  title: string;
  /** The title, HTML-escaped, the query's words in `<mark>`, as the snippet marks them. */
  titleHtml: string;
  source: string;
  date: string | null;
  url: string | null;
  /** The document's metadata fields (author, tags…). */
  fields: DocumentFields;
  /** Relevance (BM25+ with title boost); 0 when browsing. */
  score: number;
  /** The best passage, HTML-escaped, matched words in `<mark>`. */
  snippet: string;
  /** Other documents carrying what the snippet shows (a shared passage overlapping it), or the whole story (near-copies): at most MAX_ALSO_IN, most shared first. */
  alsoIn: AlsoIn[];
  /** With collapse=copies: near-copies that matched too, folded into this hit, best first (at most MAX_COPIES_LISTED). */
  copies?: CopyOf[];
  /** With collapse=copies: how many were folded into this hit (copies lists the first of them). */
  copyCount?: number;
  /** The hit as a Meilisearch client is given it, when the request has a format (search/format.ts). */
  formatted?: FormattedHit;
}

/** A near-copy folded into a hit. */
export interface CopyOf {
  id: string;
  source: string;
}

/** Copies named on a hit; copyCount says how many it folded. */
export const MAX_COPIES_LISTED = 10;

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
  const answer = await rankedAnswer(index, request, { first: request.offset, content: Infinity, facetValues: request.facetValues ?? LIMITS.facetValues });
  return {
    query: request.q,
    total: answer.total,
    relaxed: answer.relaxed,
    didYouMean: offeredSpelling(request.q, answer.spelling, answer.strictTotal),
    hits: answer.hits.map(({ hit }) => hit!),
    facets: answer.facets,
  };
}

/**
 * One index's answer to a request before a page is cut from it and a
 * spelling offered: its hits (with what ranking compares of each) from
 * `first` up to the request's offset + limit, the first `content` of them
 * with their record and snippet; every filtered match counted; facets with
 * up to `facetValues` values per field; and the facts "did you mean" is
 * decided from. search() cuts the page from it (first = offset, every
 * hit's content). A shard gives its router its best offset + limit hits
 * (first 0), the first `limit` with content, and every facet value; the
 * router merges the shards' (shards/merge.ts) and asks again for the
 * content of deeper hits only when its page takes them.
 */
export async function rankedAnswer(index: SearchIndex, request: SearchRequest, { first, content, facetValues }: RankedRows & { facetValues: number }): Promise<RankedAnswer> {
  const facetFields = index.fields.filter((field) => field.facet).map((field) => field.name);
  // Checked by the route (meilisearch/request.ts): here only what testing it reads.
  const filter = request.filter ? expressionNeeds(request.filter) : null;
  const [positions, tables, ids, groups] = await Promise.all([
    index.positions(termsToPlace(request.query.clauses)),
    index.fieldTables([...facetFields, ...request.filters.map(([name]) => name), ...(filter?.tables ?? [])]),
    Promise.all((filter?.ids ?? []).map(async (id) => [id, await index.positionOf(id)] as const)),
    request.collapse === "copies" && index.copies > 0 ? index.copyGroups() : null,
  ]);
  const expression: PreparedExpression | null = request.filter
    ? { expression: request.filter, tables, ids: new Map(ids.flatMap(([id, position]) => (position === undefined ? [] : [[id, position]]))) }
    : null;
  const ranked = await index.run((view) => {
    const found = find(view, request, { positions });
    const { candidates } = found;
    const filters = new Filters(view, request.sources, request.filters, tables, expression && compileExpression(expression, view));
    const failures = new Uint32Array(candidates.length);
    let passing = candidates.length;
    if (filters.active) {
      passing = 0;
      for (let row = 0; row < candidates.length; row++) if ((failures[row] = filters.failures(candidates.positions[row]!)) === 0) passing++;
    }
    const facets = filters.facets(candidates.positions, failures, new Map(facetFields.map((name) => [name, tables.get(name)!])), facetValues);
    const filtered = new Int32Array(passing);
    for (let row = 0, next = 0; row < candidates.length; row++) if (failures[row] === 0) filtered[next++] = row;
    // Folded before the page is cut, so that pages follow the folded hits exactly.
    // An index with no copies (a shard may hold none) folds nothing, and still says so on each hit.
    const folded = request.collapse !== "copies" ? null : groups ? foldCopies(view, candidates, filtered, request.sort, groups) : { rows: filtered, copies: new Map<number, number[]>() };
    const kept = folded ? folded.rows : filtered;
    const page = topCandidates(view, candidates, kept, request.sort, request.offset + request.limit)
      .slice(first)
      .map((row, i) => {
        const candidate = candidates.at(row);
        return {
          candidate,
          // Read for date order only: relevance never reads the dates.
          dateStart: request.sort === "relevance" ? null : (view.dateSpanOf(candidate.position)?.start ?? null),
          highlight: i < content ? withNeedles(view, highlightFor(found.clauses, candidate)) : null,
          copies: folded ? (folded.copies.get(row) ?? []).map((copy) => candidates.positions[copy]!) : null,
        };
      });
    const spelling = spellingFacts(view, request, found, positions);
    return { total: kept.length, relaxed: found.relaxed, strictTotal: found.strictTotal, spelling, facets, page };
  });
  const pagePositions = ranked.page.map(({ candidate }) => candidate.position);
  // Texts for the hits shown only: a hit beyond `content` is its record's id and date.
  const shown = ranked.page.flatMap(({ candidate, highlight }) => (highlight ? [candidate.position] : []));
  const listedCopies = ranked.page.flatMap(({ highlight, copies }) => (highlight && copies ? copies.slice(0, MAX_COPIES_LISTED) : []));
  const [records, texts, carriers] = await Promise.all([index.records([...pagePositions, ...listedCopies]), index.texts(shown), index.carriers(request.format ? [] : shown)]);
  return {
    total: ranked.total,
    relaxed: ranked.relaxed,
    strictTotal: ranked.strictTotal,
    spelling: ranked.spelling,
    facets: ranked.facets,
    hits: ranked.page.map(({ candidate, dateStart, highlight, copies }) => {
      const record = records.get(candidate.position)!;
      // Copies are named on the hits given content only, whose copies' records were read.
      const folded = highlight && copies && {
        copies: copies.slice(0, MAX_COPIES_LISTED).map((copy): CopyOf => ({ id: records.get(copy)!.id, source: records.get(copy)!.source })),
        copyCount: copies.length,
      };
      const hit = highlight ? toHit(record, texts.get(candidate.position)!, candidate, highlight, request.format, carriers.get(candidate.position) ?? [], folded) : null;
      return { id: record.id, date: record.date, ranked: rankedFieldsOf(candidate), dateStart, hit };
    }),
  };
}

/**
 * How many documents match every clause of the request, dates and
 * exclusions applied, the source and field filters not: what "did you
 * mean" weighs a correction by (find's strictTotal).
 */
export async function strictTotalOf(index: SearchIndex, request: Pick<SearchRequest, "query" | "dates">): Promise<number> {
  const positions = await index.positions(termsToPlace(request.query.clauses));
  return index.run((view) => strictTotal(view, request, { positions }));
}

/** What rankedAnswer gives: see there. */
export interface RankedAnswer {
  /** Matches after the filters. */
  total: number;
  relaxed: boolean;
  /** Documents matching every clause (before the source and field filters), which "did you mean" weighs a correction against. */
  strictTotal: number;
  spelling: SpellingFacts;
  facets: Facets;
  hits: RankedHit[];
}

/** Which of an index's ranked hits rankedAnswer gives: from row `first`, the first `content` of them with their content. */
export interface RankedRows {
  first: number;
  content: number;
}

/** A hit, with what ranking compares of it: its ranked fields, date and id (browse order, the last tie breaker). */
export interface RankedHit {
  id: string;
  date: string | null;
  /** Its record and snippet, for the hits given content (RankedRows); null for the others. */
  hit: SearchHit | null;
  ranked: Omit<RankedFields, "position">;
  /** In date order, its date's first instant in milliseconds (null: undated); null in relevance order. */
  dateStart: number | null;
}

function rankedFieldsOf({ score, matched, typos, completions, inTitle, titleDistance, isNamed }: Candidate): Omit<RankedFields, "position"> {
  return { score, matched, typos, completions, inTitle, titleDistance, isNamed };
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

function toHit(
  document: DocumentRecord,
  text: string,
  candidate: Candidate,
  highlight: Highlight,
  format: HitFormat | undefined,
  carriers: readonly Carrier[],
  folded: { copies: CopyOf[]; copyCount: number } | null,
): SearchHit {
  const { id, title, source, date, url, fields } = document;
  const score = roundScore(candidate.score);
  // A Meilisearch client gets its own formatting, not the API's snippet.
  if (format) return { id, title, titleHtml: "", source, date, url, fields, score, snippet: "", alsoIn: [], formatted: formatHit(document, text, highlight, format) };
  const { html, shown } = snippetAndPlace(text, highlight);
  // A copy folded into the hit is named there already.
  const named = new Set(folded?.copies.map((copy) => copy.id));
  const others = alsoIn(
    carriers.filter((other) => !named.has(other.id)),
    shown,
  );
  return { id, title, titleHtml: markAll(title, highlight), source, date, url, fields, score, snippet: html, alsoIn: others, ...folded };
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
