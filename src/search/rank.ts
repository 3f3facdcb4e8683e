/**
 * Result order. Relevance is a chain of rules, each deciding only the ties
 * of the one before, as Meilisearch's ranking rules do:
 *   1. more clauses matched (only partial matches differ here);
 *   2. fewer clauses matched only through a typo;
 *   3. fewer clauses matched only by completing the word being typed:
 *      so exact matches come first, then completions, then typos;
 *   4. more clauses matched in the title;
 *   5. higher BM25+ score (title words weigh twice as much);
 *   6. browse order (newest first, then by id).
 * Date order sorts by each document's date, undated documents last, and
 * keeps relevance order among equal dates.
 */
import type { IndexView } from "./index/view";
import type { Candidate } from "./find";
import type { SortOrder } from "./query";

/** Sorts candidates in place in the requested order. */
export function sortCandidates(index: IndexView, candidates: Candidate[], order: SortOrder): Candidate[] {
  candidates.sort(byRelevance);
  if (order === "relevance") return candidates;
  const direction = order === "date" ? 1 : -1;
  const start = (candidate: Candidate) => index.dateSpanOf(candidate.position)?.start ?? null;
  // Array#sort is stable, so equal dates keep their relevance order.
  return candidates.sort((a, b) => {
    const [dateA, dateB] = [start(a), start(b)];
    if (dateA === dateB) return 0;
    if (dateA === null) return 1;
    if (dateB === null) return -1;
    return dateA < dateB ? -direction : direction;
  });
}

function byRelevance(a: Candidate, b: Candidate): number {
  return (
    b.matched - a.matched ||
    a.typos - b.typos ||
    a.completions - b.completions ||
    b.inTitle - a.inTitle ||
    b.score - a.score ||
    a.position - b.position
  );
}
