/**
 * Result order. Relevance is a chain of rules, each deciding only the ties
 * of the one before, as Meilisearch's ranking rules do:
 *   1. more clauses matched (only partial matches differ here);
 *   2. fewer clauses matched only through a typo;
 *   3. fewer clauses matched only by completing the word being typed:
 *      so exact matches come first, then completions, then typos;
 *   4. more clauses matched in the title;
 *   5. the title nearer to beginning with the query's words (Meilisearch's
 *      attribute rule: a match early in the title beats a late one);
 *   6. the title whose name is the query's words (its exactness rule): the
 *      thing the query names ("nginx: …" before "nginx-dev: …");
 *   7. higher BM25+ score (title words weigh twice as much);
 *   8. browse order (newest first, then by id).
 * Date order sorts by each document's date, undated documents last, and
 * keeps relevance order among equal dates.
 */
import type { Candidates, RankedFields } from "./candidates";
import type { IndexView } from "./index/view";
import type { SortOrder } from "./query";

/** Sorts candidates in place in the requested order: the simple way, which topCandidates must equal. */
export function sortCandidates<C extends RankedFields>(index: IndexView, candidates: C[], order: SortOrder): C[] {
  return candidates.sort(orderOf(index, order, byRelevance));
}

/**
 * The rows of the first `count` candidates among `rows`, in the requested
 * order, as sortCandidates would give them, without sorting the rest: a
 * heap of `count` (at most the result window) over all of them, n log count
 * instead of n log n, comparing the candidates' columns in place. The
 * order is total (position breaks the last tie), so the two cannot differ.
 */
export function topCandidates(index: IndexView, candidates: Candidates, rows: Int32Array, order: SortOrder, count: number): number[] {
  const compare = rowOrder(index, candidates, order);
  if (rows.length <= 2 * count) return [...rows].sort(compare).slice(0, count);
  // A max-heap by the order: its root is the worst of the best `count` so far.
  const heap: number[] = [];
  const worse = (i: number, j: number) => compare(heap[i]!, heap[j]!) > 0;
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j]!, heap[i]!]);
  const down = (from: number) => {
    for (let i = from; ; ) {
      const [left, right] = [2 * i + 1, 2 * i + 2];
      let largest = i;
      if (left < heap.length && worse(left, largest)) largest = left;
      if (right < heap.length && worse(right, largest)) largest = right;
      if (largest === i) return;
      swap(i, largest);
      i = largest;
    }
  };
  for (const row of rows) {
    if (heap.length < count) {
      heap.push(row);
      for (let i = heap.length - 1; i > 0 && worse(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    } else if (count > 0 && compare(row, heap[0]!) < 0) {
      heap[0] = row;
      down(0);
    }
  }
  return heap.sort(compare);
}

/** The order topCandidates puts rows of the candidates in: total, the position breaking the last tie. */
export function rowOrder(index: IndexView, candidates: Candidates, order: SortOrder): (a: number, b: number) => number {
  return orderOf(index, order, rowsByRelevance(candidates), (row) => candidates.positions[row]!);
}

/** The requested order as one comparator: by date (undated last), then by relevance. */
function orderOf<T>(index: IndexView, order: SortOrder, relevance: (a: T, b: T) => number, positionOf: (candidate: T) => number = (candidate) => (candidate as RankedFields).position): (a: T, b: T) => number {
  if (order === "relevance") return relevance;
  const direction = order === "date" ? 1 : -1;
  const start = (candidate: T) => index.dateSpanOf(positionOf(candidate))?.start ?? null;
  return (a, b) => {
    const [dateA, dateB] = [start(a), start(b)];
    if (dateA === dateB) return relevance(a, b);
    if (dateA === null) return 1;
    if (dateB === null) return -1;
    return dateA < dateB ? -direction : direction;
  };
}

function byRelevance(a: RankedFields, b: RankedFields): number {
  return byRankingRules(a, b) || a.position - b.position;
}

/**
 * Rules 1 to 7, without the last tie breaker: a router merging shards'
 * hits (shards/merge.ts) breaks the ties with browse order from each hit's
 * date and id, as positions break them here.
 */
export function byRankingRules(a: Omit<RankedFields, "position">, b: Omit<RankedFields, "position">): number {
  return (
    b.matched - a.matched ||
    a.typos - b.typos ||
    a.completions - b.completions ||
    b.inTitle - a.inTitle ||
    a.titleDistance - b.titleDistance ||
    Number(b.isNamed) - Number(a.isNamed) ||
    b.score - a.score
  );
}

/** byRelevance, on rows of the candidates' columns. */
function rowsByRelevance({ matched, typos, completions, inTitle, titleDistance, isNamed, scores, positions }: Candidates): (a: number, b: number) => number {
  return (a, b) =>
    matched[b]! - matched[a]! ||
    typos[a]! - typos[b]! ||
    completions[a]! - completions[b]! ||
    inTitle[b]! - inTitle[a]! ||
    titleDistance[a]! - titleDistance[b]! ||
    isNamed[b]! - isNamed[a]! ||
    scores[b]! - scores[a]! ||
    positions[a]! - positions[b]!;
}
