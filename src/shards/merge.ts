/**
 * The shards' answers → the answer one index of the whole corpus gives.
 * Each shard ranks its own documents exactly as that index would (it holds
 * the corpus's vocabulary and statistics: corpus/shard-split.ts), so what
 * is left is what depends on every document at once:
 *   - the page: each shard's best offset + limit hits, merged in the
 *     request's order, whose last tie breaker (browse order) is read off
 *     each hit's date and id, as positions give it in one index (a shard
 *     sends the content of its first `limit` only; the page says which
 *     deeper ones gather.ts must ask for);
 *   - totals and facet counts: sums (shards return every facet value);
 *   - partial matches: one index relaxes an AND only when no document
 *     matches every word, so a shard's relaxed answer counts only when no
 *     shard found a strict match;
 *   - "did you mean": a word is unknown when no shard knows it, and the
 *     corrected query's total is the sum of the shards' (recounted where a
 *     shard corrected other words than the corpus would);
 *   - suggestions: documents per word, summed.
 */
import { LIMITS } from "../limits";
import { browseOrder } from "../search/browse-order";
import { byRankingRules } from "../search/rank";
import { byCountThenName } from "../search/facets";
import type { Facets } from "../search/filters";
import type { SortOrder, SearchRequest } from "../search/query";
import type { RankedAnswer, RankedHit, SearchHit } from "../search/search";
import { correctedQuery, type SpellingWord } from "../search/spelling";
import type { SuggestionCounts } from "../search/suggest";

/** The shards' answers, merged; the spelling still to settle when some shard corrected other words. */
export interface MergedSearch {
  total: number;
  relaxed: boolean;
  /** The page, each hit by the answer (its index) and row it came from; hit null where that answer did not send its content. */
  page: PageHit[];
  facets: Facets;
  /** Documents matching every clause, across the shards. */
  strictTotal: number;
  spelling: MergedSpelling;
}

export interface PageHit {
  answer: number;
  row: number;
  hit: SearchHit | null;
}

export interface MergedSpelling {
  /** The query with the corpus's unknown words corrected; null when there is nothing to correct. */
  corrected: string | null;
  /** The corrected query's total over the shards that counted it. */
  correctedTotal: number;
  /** Shards (by index in the answers) that counted another correction, to ask for this one's total. */
  recount: number[];
}

/** Merges the shards' answers (rankedAnswer with first 0 and every facet value) to one request. */
export function mergeSearch(request: SearchRequest, facetFields: readonly string[], answers: readonly RankedAnswer[]): MergedSearch {
  const strictTotal = answers.reduce((sum, answer) => sum + answer.strictTotal, 0);
  // A relaxed shard found no strict match; when another did, its strict answer (nothing) is what counts.
  const used = strictTotal > 0 ? answers.filter((answer) => !answer.relaxed) : answers;
  const order = hitOrder(request.sort);
  const page = used
    .flatMap((answer) => answer.hits.map((hit, row) => ({ answer: answers.indexOf(answer), row, ranked: hit })))
    .sort((a, b) => order(a.ranked, b.ranked))
    .slice(request.offset, request.offset + request.limit)
    .map(({ answer, row, ranked }) => ({ answer, row, hit: ranked.hit }));
  return {
    total: used.reduce((sum, answer) => sum + answer.total, 0),
    relaxed: strictTotal === 0 && answers.some((answer) => answer.relaxed),
    page,
    facets: mergeFacets(facetFields, used.map((answer) => answer.facets), request.facetValues ?? LIMITS.facetValues),
    strictTotal,
    spelling: mergeSpelling(request.q, answers),
  };
}

/** The order of hits from different shards: the request's, as rank.ts orders candidates, with browse order last. */
export function hitOrder(order: SortOrder): (a: RankedHit, b: RankedHit) => number {
  const relevance = (a: RankedHit, b: RankedHit) => byRankingRules(a.ranked, b.ranked) || browseOrder(a, b);
  if (order === "relevance") return relevance;
  const direction = order === "date" ? 1 : -1;
  return (a, b) => {
    if (a.dateStart === b.dateStart) return relevance(a, b);
    if (a.dateStart === null) return 1;
    if (b.dateStart === null) return -1;
    return a.dateStart < b.dateStart ? -direction : direction;
  };
}

/** Each facet's counts summed over the shards; a field's values cut to the most frequent, as one index cuts them. */
function mergeFacets(facetFields: readonly string[], perShard: readonly Facets[], valueLimit: number): Facets {
  const summed = (name: string) => {
    const counts = new Map<string, number>();
    for (const facets of perShard) for (const [value, count] of Object.entries(facets[name] ?? {})) counts.set(value, (counts.get(value) ?? 0) + count);
    return [...counts].sort(byCountThenName);
  };
  const facets: Facets = { source: Object.fromEntries(summed("source")) };
  for (const name of facetFields) facets[name] = Object.fromEntries(summed(name).slice(0, valueLimit));
  return facets;
}

/** The corpus's view of the query's words (known when any shard knows one), and whose corrected totals count. */
function mergeSpelling(q: string, answers: readonly RankedAnswer[]): MergedSpelling {
  const words: SpellingWord[] = (answers[0]?.spelling.words ?? []).map((word, i) => {
    const known = answers.some((answer) => answer.spelling.words[i]!.known);
    const replacement = known ? null : (answers.find((answer) => answer.spelling.words[i]!.replacement !== null)?.spelling.words[i]!.replacement ?? null);
    return { ...word, known, replacement };
  });
  const corrected = correctedQuery(q, words);
  if (corrected === null) return { corrected, correctedTotal: 0, recount: [] };
  let correctedTotal = 0;
  const recount: number[] = [];
  const correcting = (list: readonly SpellingWord[]) => list.map((word) => !word.known && word.replacement !== null).join();
  const corpus = correcting(words);
  answers.forEach((answer, shard) => {
    // A shard corrected the words it does not know: those the corpus does not know, and maybe more.
    if (correcting(answer.spelling.words) === corpus) correctedTotal += answer.spelling.correctedTotal ?? 0;
    else recount.push(shard);
  });
  return { corrected, correctedTotal, recount };
}

/** "Did you mean", once every shard's total for the corrected query is in: as offeredSpelling decides it for one index. */
export function offeredCorrection(spelling: MergedSpelling, recounted: number, strictTotal: number): string | null {
  const total = spelling.correctedTotal + recounted;
  return spelling.corrected !== null && total > 0 && total >= strictTotal ? spelling.corrected : null;
}

/** The shards' suggestion counts, summed: their completions when any shard has one, else their typos (every shard then counted them). */
export function mergeSuggestionCounts(perShard: readonly (SuggestionCounts | null)[]): SuggestionCounts | null {
  if (perShard.length === 0 || perShard.some((counts) => counts === null)) return null;
  const sum = (lists: readonly (readonly [string, number][])[]) => {
    const counts = new Map<string, number>();
    for (const list of lists) for (const [shown, documents] of list) counts.set(shown, (counts.get(shown) ?? 0) + documents);
    return [...counts];
  };
  const all = perShard as SuggestionCounts[];
  const completions = sum(all.map((counts) => counts.completions));
  if (completions.length > 0) return { completions, typos: null };
  return { completions: [], typos: sum(all.map((counts) => counts.typos ?? [])) };
}
