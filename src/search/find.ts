/**
 * A parsed query → the documents it matches, before paging: clauses matched
 * one by one, combined with AND (or OR), exclusions and dates applied, and
 * AND relaxed to partial matches when it finds nothing.
 */
import type { IndexView } from "./index/view";
import type { PhrasePositions } from "./load";
import { matchClause, type ClauseMatch, type ClauseMatches, type MatchScope } from "./match";
import type { SearchRequest } from "./query";
import type { Clause } from "./syntax";

/** A matching document and how each clause matched it. */
export interface Candidate {
  /** Position in the artifact's documents (browse order). */
  position: number;
  /** Sum of the matched clauses' scores. */
  score: number;
  /** Per searched clause (same order), its match, or undefined. */
  matches: (ClauseMatch | undefined)[];
  /** Clauses matched. */
  matched: number;
  /** Clauses matched only through a typo. */
  typos: number;
  /** Clauses matched only by completing the word being typed. */
  completions: number;
  /** Clauses matched in the title. */
  inTitle: number;
  /**
   * How far the title is from beginning with the query: over the clauses
   * matched in the title, how many words later than its place in the query
   * each first stands there. 0 when the title begins with the query's words.
   */
  titleDistance: number;
  /**
   * The title's name (what precedes its first separator, or all of it:
   * "esbuild" of "esbuild: An extremely fast bundler") is the query's
   * words: the thing the query names.
   */
  isNamed: boolean;
}

export interface Found {
  /** The clauses that were searched for (excluded ones and dropped stop words aside). */
  clauses: Clause[];
  candidates: Candidate[];
  /** AND found nothing, so these are partial matches. */
  relaxed: boolean;
  /** How many documents matched every clause. */
  strictTotal: number;
  /** Per searched clause: did any document match its word or a completion of it (not only a typo)? */
  known: boolean[];
}

/**
 * Finds every document matching the request's query, dates and exclusions
 * (sources aside). Phrases need `positions` of their terms (termsToPlace).
 * With `only`, phrases are checked in that document alone: the answer is
 * then right for it, and not to be used for any other.
 */
export function find(
  index: IndexView,
  request: Pick<SearchRequest, "query" | "match" | "dates">,
  { only, positions }: { only?: number; positions?: PhrasePositions } = {},
): Found {
  const scope: MatchScope = { only, positions };
  const clauses = searchedClauses(request.query.clauses);
  const excluded = excludedPositions(index, request.query.clauses, scope);
  const from = request.dates.from && Date.parse(request.dates.from.start);
  const to = request.dates.to && Date.parse(request.dates.to.end);
  const keep = (position: number) => {
    if (excluded.has(position)) return false;
    if (from === null && to === null) return true;
    const span = index.dateSpanOf(position);
    // Inclusive at any precision: a document dated 2017 is within from=2017-05.
    return span !== null && (from === null || span.end >= from) && (to === null || span.start <= to);
  };
  if (clauses.length === 0) {
    const all: number[] = [];
    for (let position = 0; position < index.documentCount; position++) if (keep(position)) all.push(position);
    return { clauses, candidates: all.map(browsing), relaxed: false, strictTotal: all.length, known: [] };
  }
  const perClause = clauses.map((clause) => matchClause(index, clause, scope));
  const known = perClause.map((matches) => [...matches.values()].some((match) => match.quality !== "typo"));
  const naming = { index, queryWords: queryWordCount(clauses) };
  const combine = (mode: "all" | "any") => combined(perClause, keep, mode, naming);
  const strict = combine("all");
  if (request.match === "any") {
    return { clauses, candidates: combine("any"), relaxed: false, strictTotal: strict.length, known };
  }
  if (strict.length > 0 || clauses.length === 1) {
    return { clauses, candidates: strict, relaxed: false, strictTotal: strict.length, known };
  }
  // Like Meilisearch's matching strategy: rather than nothing, the documents
  // matching the most clauses (ranking puts more clauses first).
  const partial = combine("any");
  return { clauses, candidates: partial, relaxed: partial.length > 0, strictTotal: 0, known };
}

/**
 * Stop words are dropped from a query that has other words ("the kremlin"
 * searches "kremlin"); a query of nothing else searches them.
 */
function searchedClauses(clauses: readonly Clause[]): Clause[] {
  const positive = clauses.filter((clause) => !clause.excluded);
  const isStopWord = (clause: Clause) => !clause.phrase && clause.joined === null && clause.words.every((word) => word.stop);
  return positive.every(isStopWord) ? positive : positive.filter((clause) => !isStopWord(clause));
}

function excludedPositions(index: IndexView, clauses: readonly Clause[], scope: MatchScope): Set<number> {
  const excluded = new Set<number>();
  for (const clause of clauses) {
    if (clause.excluded) for (const position of matchClause(index, clause, { ...scope, exactOnly: true }).keys()) excluded.add(position);
  }
  return excluded;
}

/** The query's words, stop words aside, as a name's length counts them ("nginx-dev" is two). */
function queryWordCount(clauses: readonly Clause[]): number {
  return clauses.reduce((sum, clause) => sum + clause.words.filter((word) => !word.stop).length, 0);
}

/** What deciding whether a title names the query takes: the names' lengths, and the query's. */
interface Naming {
  index: IndexView;
  queryWords: number;
}

function combined(perClause: readonly ClauseMatches[], keep: (position: number) => boolean, mode: "all" | "any", naming: Naming): Candidate[] {
  let positions: Iterable<number>;
  if (mode === "all") {
    const smallest = [...perClause].sort((a, b) => a.size - b.size)[0]!;
    positions = [...smallest.keys()].filter((position) => perClause.every((matches) => matches.has(position)));
  } else {
    positions = new Set(perClause.flatMap((matches) => [...matches.keys()]));
  }
  const candidates: Candidate[] = [];
  for (const position of positions) {
    if (keep(position)) candidates.push(candidate(position, perClause.map((matches) => matches.get(position)), naming));
  }
  return candidates;
}

function candidate(position: number, matches: (ClauseMatch | undefined)[], { index, queryWords }: Naming): Candidate {
  let score = 0;
  let matched = 0;
  let typos = 0;
  let completions = 0;
  let inTitle = 0;
  let titleDistance = 0;
  let exactlyInTitle = 0;
  matches.forEach((match, place) => {
    if (!match) return;
    score += match.score;
    matched++;
    if (match.quality === "typo") typos++;
    if (match.quality === "prefix") completions++;
    if (match.inTitle) {
      inTitle++;
      titleDistance += Math.max(0, match.titleWord - place);
      if (match.quality === "exact") exactlyInTitle++;
    }
  });
  // Every clause's own words in the title, from its first word on, and its name as long as the query.
  const isNamed = exactlyInTitle === matches.length && titleDistance === 0 && index.nameLength(position) === queryWords;
  return { position, score, matches, matched, typos, completions, inTitle, titleDistance, isNamed };
}

function browsing(position: number): Candidate {
  return { position, score: 0, matches: [], matched: 0, typos: 0, completions: 0, inTitle: 0, titleDistance: 0, isNamed: false };
}
