/** What each engine answers for one query, in the one shape the metrics read. */

/** The report compares the first this-many results. */
export const TOP_K = 10;

export interface RankedId {
  id: string;
  /** The engine's own score, higher is better (kept for explaining, never compared across engines). */
  score?: number;
}

export interface Ranking {
  /** Every matching document, not only the top. */
  total: number;
  /** The best TOP_K, best first. */
  top: RankedId[];
  /** The engine refused the query (then total is 0 and top empty). */
  error?: string;
}

export function topIds(ranking: Ranking): string[] {
  return ranking.top.map((ranked) => ranked.id);
}
