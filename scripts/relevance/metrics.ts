/**
 * How far two rankings agree, and how good one is against graded judgments.
 * Pure functions over lists of ids, best first.
 */
import { TOP_K } from "./ranking";

/**
 * overlap@k: the share of the top k the two lists have in common, out of the
 * most they could have in common. With k' = min(k, max(|a|, |b|)),
 * overlap = |a[:k] ∩ b[:k]| / k'. So identical lists score 1 even when
 * fewer than k documents match, a list against an empty one scores 0, and
 * two empty lists (both engines find nothing) agree: 1.
 */
export function overlapAtK(a: readonly string[], b: readonly string[], k = TOP_K): number {
  const depth = Math.min(k, Math.max(a.length, b.length));
  if (depth === 0) return 1;
  return intersectionSize(a.slice(0, k), b.slice(0, k)) / depth;
}

/**
 * Rank-biased overlap (Webber, Moffat & Zobel 2010), extrapolated form
 * (their eq. 32) evaluated to depth k' = min(k, max(|a|, |b|)):
 *   RBO = (X_k'/k')·p^k' + ((1 − p)/p)·Σ_{d=1..k'} (X_d/d)·p^d,
 * where X_d = |a[:d] ∩ b[:d]|. Unlike overlap it cares about order: an id
 * shared at rank 1 counts at every depth after it. With p = 0.9 the first
 * 10 ranks carry 86% of the weight of the full, unbounded measure.
 * Identical lists score 1, disjoint 0, two empty lists 1.
 */
export function rankBiasedOverlap(a: readonly string[], b: readonly string[], p = 0.9, k = TOP_K): number {
  const depth = Math.min(k, Math.max(a.length, b.length));
  if (depth === 0) return 1;
  let sum = 0;
  let shared = 0;
  for (let d = 1; d <= depth; d++) {
    shared = intersectionSize(a.slice(0, d), b.slice(0, d));
    sum += (shared / d) * p ** d;
  }
  return (shared / depth) * p ** depth + ((1 - p) / p) * sum;
}

/**
 * nDCG@k with linear gains (trec_eval's): DCG = Σ_{i=1..k} grade_i / log2(i + 1),
 * divided by the DCG of the ideal order of all judged documents. Unjudged
 * documents have grade 0. Judgments must hold at least one grade above 0.
 */
export function ndcgAtK(ranked: readonly string[], grades: ReadonlyMap<string, number>, k = TOP_K): number {
  const gains = ranked.slice(0, k).map((id) => grades.get(id) ?? 0);
  const ideal = [...grades.values()].sort((x, y) => y - x).slice(0, k);
  const best = dcg(ideal);
  if (best === 0) throw new Error("nDCG needs at least one document graded above 0");
  return dcg(gains) / best;
}

function dcg(gains: readonly number[]): number {
  return gains.reduce((sum, gain, i) => sum + gain / Math.log2(i + 2), 0);
}

function intersectionSize(a: readonly string[], b: readonly string[]): number {
  const inB = new Set(b);
  return new Set(a.filter((id) => inB.has(id))).size;
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}
