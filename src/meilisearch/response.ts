/**
 * Our search result → a Meilisearch search answer: its hits (document
 * attributes, `_formatted`, `_matchesPosition`, `_rankingScore`), its
 * paging fields, and facetDistribution/facetStats for the facets asked for.
 * Which fields its clients need, and what breaks without each:
 * ../shared/research/meilisearch-clients.md ("Responses").
 */
import type { FieldValue } from "../search/artifact";
import type { Facets } from "../search/filters";
import type { SearchResult } from "../search/search";
import type { MatchPosition } from "../search/format";
import { LIMITS } from "../limits";
import type { MeilisearchSearch } from "./request";

export type MeilisearchHit = Record<string, FieldValue | null> & {
  _formatted?: Record<string, FieldValue | null>;
  _matchesPosition?: Record<string, MatchPosition[]>;
  _rankingScore?: number;
};

export interface MeilisearchSearchAnswer {
  hits: MeilisearchHit[];
  query: string;
  processingTimeMs: number;
  limit?: number;
  offset?: number;
  estimatedTotalHits?: number;
  hitsPerPage?: number;
  page?: number;
  totalHits?: number;
  totalPages?: number;
  facetDistribution?: Record<string, Record<string, number>>;
  facetStats?: Record<string, { min: number; max: number }>;
}

/** A search's answer as Meilisearch shapes it. */
export function meilisearchAnswer(search: MeilisearchSearch, result: SearchResult, processingTimeMs: number): MeilisearchSearchAnswer {
  // matchingStrategy "all": partial matches are no answer.
  const none = search.strict && result.relaxed;
  const total = none ? 0 : result.total;
  const hits = none ? [] : result.hits.map((hit): MeilisearchHit => {
    const formatted = hit.formatted!;
    const shaped: MeilisearchHit = { ...formatted.document };
    if (formatted.formatted) shaped._formatted = formatted.formatted;
    if (formatted.matchesPosition) shaped._matchesPosition = formatted.matchesPosition;
    if (search.showRankingScore) shaped._rankingScore = rankingScore(search.request.q, hit.score);
    return shaped;
  });
  const { paging } = search;
  const answer: MeilisearchSearchAnswer =
    paging.mode === "offset"
      ? { hits, query: search.query, processingTimeMs, limit: paging.limit, offset: paging.offset, estimatedTotalHits: total }
      : {
          hits,
          query: search.query,
          processingTimeMs,
          hitsPerPage: paging.hitsPerPage,
          page: paging.page,
          // Pages past the result window (Meilisearch's maxTotalHits) would be empty: they are not counted.
          totalPages: paging.hitsPerPage === 0 ? 0 : Math.ceil(Math.min(total, LIMITS.resultWindow) / paging.hitsPerPage),
          totalHits: total,
        };
  if (search.facets) {
    // Counted in full (routes/meilisearch.ts), most frequent first: the stats see every value, the distribution lists the first 100, as Meilisearch's maxValuesPerFacet.
    const facets: Facets = none ? { source: {} } : result.facets;
    const counted = Object.fromEntries(search.facets.map((name) => [name, facets[name] ?? {}]));
    answer.facetDistribution = Object.fromEntries(Object.entries(counted).map(([name, counts]) => [name, Object.fromEntries(Object.entries(counts).slice(0, LIMITS.facetValues))]));
    answer.facetStats = facetStats(counted);
  }
  return answer;
}

/**
 * Meilisearch's `_rankingScore` is from 0 to 1; ours (BM25) has no upper
 * bound, so it is mapped as score / (score + 1): the order is the same,
 * and a browse (no words) scores 1, as Meilisearch's placeholder search does.
 */
export function rankingScore(q: string, score: number): number {
  if (q === "") return 1;
  return Math.round((score / (score + 1)) * 10_000) / 10_000;
}

/** Min and max of each facet whose counted values are all numbers (a year, a page count), as Meilisearch gives for numeric facets. */
function facetStats(distribution: Record<string, Record<string, number>>): Record<string, { min: number; max: number }> {
  const stats: Record<string, { min: number; max: number }> = {};
  for (const [name, counts] of Object.entries(distribution)) {
    const values = Object.keys(counts);
    if (values.length === 0 || !values.every((value) => /^-?\d+(?:\.\d+)?$/.test(value))) continue;
    const numbers = values.map(Number);
    stats[name] = { min: Math.min(...numbers), max: Math.max(...numbers) };
  }
  return stats;
}
