/**
 * A parsed query → the documents it matches, before paging: clauses matched
 * one by one, combined with AND (or OR), exclusions and dates applied, and
 * AND relaxed to partial matches when it finds nothing.
 */
import type { IndexView } from "./index/view";
import type { PhrasePositions } from "./load";
import { CandidatesBuilder, type Candidates } from "./candidates";
import { ClauseMatches } from "./clause-matches";
import { looksMisspelt, matchClause } from "./match";
import type { SearchRequest } from "./query";
import type { Clause, QueryWord } from "./syntax";

export interface Found {
  /** The clauses that were searched for (excluded ones and dropped stop words aside). */
  clauses: Clause[];
  candidates: Candidates;
  /** AND found nothing, so these are partial matches. */
  relaxed: boolean;
  /** How many documents matched every clause. */
  strictTotal: number;
  /** Per searched clause: did any document match its word or a completion of it (not only a typo)? */
  known: boolean[];
  /** Every clause's matches, for a second reading of the query (strictTotal) to reuse. */
  matched: MatchedClauses;
}

/** Clauses matched so far, by what each asks (its words, and how they may match). */
export type MatchedClauses = Map<string, ClauseMatches>;

interface Reading {
  only?: number;
  positions?: PhrasePositions;
  /** Clauses matched by an earlier reading with the same `only` and `positions`. */
  matched?: MatchedClauses;
  /**
   * false: every clause matched in full, then intersected: the simple way,
   * which the narrowing AND (matchNarrowing) must equal (tests only).
   */
  narrowing?: boolean;
}

/**
 * Finds every document matching the request's query, dates and exclusions
 * (sources aside). Phrases need `positions` of their terms (termsToPlace).
 * With `only`, phrases are checked in that document alone: the answer is
 * then right for it, and not to be used for any other.
 */
export function find(index: IndexView, request: Pick<SearchRequest, "query" | "match" | "dates">, reading: Reading = {}): Found {
  const matched: MatchedClauses = reading.matched ?? new Map();
  const match = matcher(index, { ...reading, matched });
  const clauses = searchedClauses(request.query.clauses);
  const keep = keeper(index, request, match);
  if (clauses.length === 0) {
    const all = new CandidatesBuilder(index.documentCount);
    for (let position = 0; position < index.documentCount; position++) if (keep(position)) all.addBrowsed(position);
    return { clauses, candidates: all.finish([]), relaxed: false, strictTotal: all.length, known: [], matched };
  }
  const naming = { index, queryWords: queryWordCount(clauses), places: wordPlaces(clauses) };
  const knownIn = (perClause: readonly ClauseMatches[]) => perClause.map((matches) => matches.someNotTypo());
  if (request.match === "all" && reading.narrowing !== false) {
    const narrowed = matchNarrowing(index, clauses, match, keep, reading);
    const strict = combined(narrowed, keep, "all", naming);
    if (strict.length > 0 || clauses.length === 1) {
      return { clauses, candidates: strict, relaxed: false, strictTotal: strict.length, known: knownIn(narrowed), matched };
    }
  }
  const perClause = clauses.map((clause) => match(clause, false));
  const known = knownIn(perClause);
  const strict = combined(perClause, keep, "all", naming);
  if (request.match === "all" && (strict.length > 0 || clauses.length === 1)) {
    return { clauses, candidates: strict, relaxed: false, strictTotal: strict.length, known, matched };
  }
  // Like Meilisearch's matching strategy: rather than nothing, the documents
  // matching the most clauses (ranking puts more clauses first).
  const candidates = combined(perClause, keep, "any", naming);
  return { clauses, candidates, relaxed: request.match === "all" && candidates.length > 0, strictTotal: strict.length, known, matched };
}

/**
 * Every clause's matches among the documents the clauses before it all
 * matched, the rarest first: a word in three documents does not need the
 * tens of thousands holding a common one scored (Lucene's conjunction
 * leads with its rarest term the same way). The answer to an AND is the
 * same as matching every clause in full; a clause's own matches are not,
 * so they are used for nothing else. A word the index does not hold (a
 * typo, or a word still being typed) is matched in full, first: whether
 * it is "known" depends on all its matches.
 */
function matchNarrowing(
  index: IndexView,
  clauses: readonly Clause[],
  match: (clause: Clause, exactOnly: boolean) => ClauseMatches,
  keep: (position: number) => boolean,
  { only, positions }: Reading,
): ClauseMatches[] {
  // One clause narrows nothing.
  if (clauses.length === 1) return [match(clauses[0]!, false)];
  // Not known yet (a block being read: this step runs again) counts as common.
  const frequency = (word: QueryWord) => index.documentFrequency(word.term) ?? Infinity;
  const estimate = (clause: Clause) => {
    if (clause.phrase) return Math.min(...clause.words.filter((word) => !word.stop).map(frequency));
    const word = clause.joined ?? clause.words[0]!;
    return word.stop ? index.documentCount : frequency(word);
  };
  const sizes = clauses.map(estimate);
  const unheld = (i: number) => !clauses[i]!.phrase && !clauses[i]!.joined && !clauses[i]!.words[0]!.stop && looksMisspelt(index, clauses[i]!.words[0]!);
  const order = clauses.map((_, i) => i).sort((a, b) => Number(unheld(b)) - Number(unheld(a)) || sizes[a]! - sizes[b]! || a - b);
  const perClause: ClauseMatches[] = new Array(clauses.length);
  // marks[position] = how many clauses so far matched the document (kept
  // documents only): a typed array read per posting, not a lookup per clause.
  const marks = marksFor(index.documentCount);
  const first = order[0]!;
  try {
    // Documents that matched every clause so far: none, and the AND is empty
    // (find then matches every clause in full for partial matches, so the
    // rest need not be read: "optillc http com" reads no http or com here).
    let reached = Infinity;
    order.forEach((i, level) => {
      if (reached === 0) {
        perClause[i] = ClauseMatches.none;
        return;
      }
      const within = (position: number) => marks[position] === level;
      const matches = level === 0 || unheld(i) ? match(clauses[i]!, false) : matchClause(index, clauses[i]!, { only, positions, within });
      perClause[i] = matches;
      reached = 0;
      for (const position of matches.positions) {
        if (marks[position] === level && (level > 0 || keep(position))) {
          marks[position] = level + 1;
          reached++;
        }
      }
    });
  } finally {
    for (const position of perClause[first]?.positions ?? []) marks[position] = 0;
  }
  return perClause;
}

/**
 * Scratch marks, a byte per document, kept between queries (each runs
 * synchronously to its end) and left all 0 by each.
 */
let scratchMarks = new Uint8Array(0);

function marksFor(count: number): Uint8Array {
  if (scratchMarks.length !== count) scratchMarks = new Uint8Array(count);
  return scratchMarks;
}

/**
 * How many documents match every clause of the request, as find's
 * strictTotal, without ranking anything; clauses an earlier reading matched
 * (`reading.matched`) are not matched again. "Did you mean" asks this of a
 * corrected query, where most clauses are the query's own.
 */
export function strictTotal(index: IndexView, request: Pick<SearchRequest, "query" | "dates">, reading: Reading): number {
  const match = matcher(index, reading);
  const clauses = searchedClauses(request.query.clauses);
  const keep = keeper(index, request, match);
  if (clauses.length === 0) {
    let count = 0;
    for (let position = 0; position < index.documentCount; position++) if (keep(position)) count++;
    return count;
  }
  const perClause = clauses.map((clause) => match(clause, false)).sort((a, b) => a.size - b.size);
  let count = 0;
  for (const position of perClause[0]!.positions) if (perClause.every((matches) => matches.has(position)) && keep(position)) count++;
  return count;
}

/** A clause's matches (exactly, for an exclusion), taken from `matched` when there, and kept there. */
function matcher(index: IndexView, { only, positions, matched }: Reading): (clause: Clause, exactOnly: boolean) => ClauseMatches {
  return (clause, exactOnly) => {
    const key = clauseKey(clause, exactOnly);
    let matches = matched?.get(key);
    if (!matches) {
      matches = matchClause(index, clause, { only, positions, exactOnly });
      matched?.set(key, matches);
    }
    return matches;
  };
}

/** What a clause asks, as a key: its words as typed and as indexed, and how they may match. */
function clauseKey(clause: Clause, exactOnly: boolean): string {
  const words = (list: readonly QueryWord[]) => list.map((word) => `${word.term}\u0001${word.word}\u0001${word.stop}`).join("\u0002");
  return [exactOnly, clause.phrase, clause.prefix, clause.joined && words([clause.joined]), ...clause.variants.map(words), words(clause.words)].join("\u0003");
}

/** Whether a document passes the request's exclusions and dates. */
function keeper(
  index: IndexView,
  request: Pick<SearchRequest, "query" | "dates">,
  match: (clause: Clause, exactOnly: boolean) => ClauseMatches,
): (position: number) => boolean {
  const exclusions = request.query.clauses.filter((clause) => clause.excluded).map((clause) => match(clause, true).membership(index.documentCount));
  const from = request.dates.from && Date.parse(request.dates.from.start);
  const to = request.dates.to && Date.parse(request.dates.to.end);
  return (position) => {
    for (const excluded of exclusions) if (excluded(position)) return false;
    if (from === null && to === null) return true;
    const span = index.dateSpanOf(position);
    // Inclusive at any precision: a document dated 2017 is within from=2017-05.
    return span !== null && (from === null || span.end >= from) && (to === null || span.start <= to);
  };
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

/** The query's words, stop words aside, as a name's length counts them ("nginx-dev" is two). */
function queryWordCount(clauses: readonly Clause[]): number {
  return clauses.reduce((sum, clause) => sum + clause.words.filter((word) => !word.stop).length, 0);
}

/** Where each clause's first word stands among the query's words, stop words aside: `"new york" times` puts "times" at 2. */
function wordPlaces(clauses: readonly Clause[]): number[] {
  let place = 0;
  return clauses.map((clause) => {
    const at = place;
    place += clause.words.filter((word) => !word.stop).length;
    return at;
  });
}

/** What the title rules take: the names' lengths, the query's, and where each clause stands in it. */
interface Naming {
  index: IndexView;
  queryWords: number;
  places: readonly number[];
}

/**
 * The candidates of every clause (mode all) or of any (mode any), as the
 * clauses' position orders merged: each clause's rows are walked upwards.
 */
function combined(perClause: readonly ClauseMatches[], keep: (position: number) => boolean, mode: "all" | "any", naming: Naming): Candidates {
  // mode all: the smallest clause's positions, its rows read in order.
  const smallest = perClause.reduce((a, b) => (b.size < a.size ? b : a));
  const driving = mode === "all" ? smallest.positions : unionOfPositions(perClause, naming.index.documentCount);
  const candidates = new CandidatesBuilder(driving.length);
  // Each clause's row for the last position looked up: positions only grow.
  const from = perClause.map(() => 0);
  const rows = new Int32Array(perClause.length);
  outer: for (let next = 0; next < driving.length; next++) {
    const position = driving[next]!;
    for (let i = 0; i < perClause.length; i++) {
      const matches = perClause[i]!;
      const row = mode === "all" && matches === smallest ? next : matches.rowFrom(position, from[i]!);
      if (row === -1 && mode === "all") continue outer;
      if (row !== -1) from[i] = row;
      rows[i] = row;
    }
    if (keep(position)) addCandidate(candidates, position, perClause, rows, naming);
  }
  return candidates.finish(perClause);
}

/** Every position any of the sets holds, ascending: marked in a bit per document, then read off in order. */
function unionOfPositions(sets: readonly ClauseMatches[], documentCount: number): Int32Array {
  const bits = new Uint32Array((documentCount + 31) >>> 5);
  let marked = 0;
  for (const set of sets) {
    for (const position of set.positions) {
      const [word, bit] = [position >>> 5, 1 << (position & 31)];
      if ((bits[word]! & bit) === 0) marked++;
      bits[word]! |= bit;
    }
  }
  const union = new Int32Array(marked);
  let next = 0;
  bits.forEach((word, i) => {
    for (let rest = word; rest !== 0; rest &= rest - 1) union[next++] = (i << 5) + (31 - Math.clz32(rest & -rest));
  });
  return union;
}

/** A candidate from its row in each clause's matches (-1: not matched). */
function addCandidate(candidates: CandidatesBuilder, position: number, perClause: readonly ClauseMatches[], rows: Int32Array, naming: Naming): void {
  const { index, queryWords, places } = naming;
  let score = 0;
  let matched = 0;
  let typos = 0;
  let completions = 0;
  let inTitle = 0;
  let titleDistance = 0;
  let exactlyInTitle = 0;
  for (let i = 0; i < perClause.length; i++) {
    const [matches, row] = [perClause[i]!, rows[i]!];
    if (row === -1) continue;
    const quality = matches.quality(row);
    score += matches.score(row);
    matched++;
    if (quality === "typo") typos++;
    if (quality === "prefix") completions++;
    if (matches.inTitle(row)) {
      inTitle++;
      titleDistance += Math.max(0, matches.titleWord(row) - places[i]!);
      if (quality === "exact") exactlyInTitle++;
    }
  }
  // Every clause's own words in the title, from its first word on, and its name as long as the query.
  const isNamed = exactlyInTitle === perClause.length && titleDistance === 0 && index.nameLength(position) === queryWords;
  candidates.add(position, score, matched, typos, completions, inTitle, titleDistance, isNamed);
}
