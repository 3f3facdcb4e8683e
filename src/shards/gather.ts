/**
 * A request asked of every shard at once, and their answers merged
 * (merge.ts): one index's answer, or, when a shard fails or is late, a 503
 * naming it, or with `partial` the other shards' answer saying which are
 * missing. Never a silently smaller answer.
 */
import type { SearchRequest } from "../search/query";
import { parseQuery } from "../search/syntax";
import type { RankedAnswer, RankedRows, SearchHit, SearchResult } from "../search/search";
import { rankSuggestions, type Suggestion, type SuggestionCounts } from "../search/suggest";
import { mergeSearch, mergeSuggestionCounts, offeredCorrection } from "./merge";

/** What the router asks of one shard. */
export interface Shard {
  /** rankedAnswer(index, request, { ...rows, facetValues: every one }). */
  search(request: SearchRequest, rows: RankedRows): Promise<RankedAnswer>;
  /** Documents matching every clause of the request (dates and exclusions applied, no filter). */
  strictTotal(request: SearchRequest): Promise<number>;
  suggestionCounts(q: string): Promise<SuggestionCounts | null>;
}

/** A shard that failed (an error, a timeout, another build): a 503 shard_unavailable, unless the request takes a partial answer. */
export class ShardFailure extends Error {
  override name = "ShardFailure";

  constructor(
    readonly shard: number,
    readonly reason: string,
  ) {
    super(`shard ${shard} is unavailable: ${reason}`);
  }
}

/** A search answered by shards: one index's result, and the shards left out of a partial one. */
export interface GatheredResult extends SearchResult {
  /** Shards that failed, left out of a partial answer (always empty without `partial`). */
  missingShards: number[];
}

/**
 * Asks every shard for its best offset + limit hits (the first `limit`
 * with their content: all a first page needs), merges their answers, then
 * asks the shards whose deeper hits the page takes for those hits' content,
 * and the shards that corrected other words than the corpus for the
 * correction's total. Throws ShardFailure for the first failed shard unless
 * `request.partial`; then a failed shard is left out and the page merged
 * again without it.
 */
export async function searchShards(shards: readonly Shard[], request: SearchRequest, facetFields: readonly string[]): Promise<GatheredResult> {
  let { answered, missing } = await settle(shards.map((shard) => shard.search(request, { first: 0, content: request.limit })), request.partial);
  for (;;) {
    const merged = mergeSearch(request, facetFields, answered.map(([, answer]) => answer));
    // The rows a page takes of one answer are a run of its order: from the first to the last without content.
    const runs = new Map<number, { from: number; to: number }>();
    for (const { answer, row, hit } of merged.page) {
      if (hit) continue;
      const run = runs.get(answer);
      runs.set(answer, run ? { from: Math.min(run.from, row), to: Math.max(run.to, row + 1) } : { from: row, to: row + 1 });
    }
    const asked = [...runs];
    const numbers = asked.map(([answer]) => answered[answer]![0]);
    const recounting = merged.spelling.corrected === null ? [] : merged.spelling.recount.map((i) => answered[i]![0]);
    const corrected = merged.spelling.corrected === null ? request : { ...request, query: parseQuery(merged.spelling.corrected), q: merged.spelling.corrected };
    // The deeper hits' content and the correction's totals, asked at once.
    const [contents, counts] = await Promise.all([
      settle(
        asked.map(([, { from, to }], i) => shards[numbers[i]!]!.search({ ...request, offset: from, limit: to - from }, { first: from, content: Infinity })),
        request.partial,
        numbers,
      ),
      settle(recounting.map((shard) => shards[shard]!.strictTotal(corrected)), request.partial, recounting),
    ]);
    const failed = [...contents.missing, ...counts.missing];
    if (failed.length > 0) {
      // Partial: the page again, without the shards that failed now (none of their documents may stay).
      answered = answered.filter(([shard]) => !failed.includes(shard));
      missing = [...missing, ...failed];
      continue;
    }
    const hits = merged.page.map(({ answer, row, hit }): SearchHit => {
      if (hit) return hit;
      const i = asked.findIndex(([asked]) => asked === answer);
      const fetched = contents.answered[i]![1].hits[row - runs.get(answer)!.from];
      if (fetched?.hit == null || fetched.id !== answered[answer]![1].hits[row]!.id) {
        throw new ShardFailure(answered[answer]![0], "it ranked the same request differently when asked again");
      }
      return fetched.hit;
    });
    const recounted = counts.answered.reduce((sum, [, count]) => sum + count, 0);
    return {
      query: request.q,
      total: merged.total,
      relaxed: merged.relaxed,
      didYouMean: offeredCorrection(merged.spelling, recounted, merged.strictTotal),
      hits,
      facets: merged.facets,
      missingShards: [...new Set(missing)].sort((a, b) => a - b),
    };
  }
}

/** Suggestions over every shard: their counts summed, ranked as one index ranks its own. */
export async function suggestShards(shards: readonly Shard[], q: string, limit: number): Promise<Suggestion[]> {
  const { answered } = await settle(shards.map((shard) => shard.suggestionCounts(q)), false);
  return rankSuggestions(q, mergeSuggestionCounts(answered.map(([, counts]) => counts)), limit);
}

/**
 * The calls' outcomes, by shard number (`numbers`, else their order): what
 * answered, and which failed. A failure is thrown unless `partial`.
 */
async function settle<T>(calls: readonly Promise<T>[], partial: boolean, numbers?: readonly number[]): Promise<{ answered: [number, T][]; missing: number[] }> {
  const outcomes = await Promise.allSettled(calls);
  const answered: [number, T][] = [];
  const missing: number[] = [];
  outcomes.forEach((outcome, i) => {
    const shard = numbers?.[i] ?? i;
    if (outcome.status === "fulfilled") answered.push([shard, outcome.value]);
    else if (outcome.reason instanceof ShardFailure && partial) missing.push(shard);
    else throw outcome.reason;
  });
  return { answered, missing };
}
