import type { StoredDocument } from "./artifact";

/**
 * Matching documents per source, counted over the whole result set before the
 * source filter is applied (disjunctive faceting, as Algolia and Meilisearch
 * do): a user who ticked one source still sees how many the others hold.
 * Keys are ordered by count, most first, then by name.
 */
export type SourceCounts = Record<string, number>;

/** Counts documents per source, in facet order. */
export function countSources(documents: Iterable<Pick<StoredDocument, "source">>): SourceCounts {
  const counts = new Map<string, number>();
  for (const { source } of documents) counts.set(source, (counts.get(source) ?? 0) + 1);
  const ordered = [...counts].sort(([a, countA], [b, countB]) => countB - countA || compareStrings(a, b));
  return Object.fromEntries(ordered);
}

/** Code-unit order: the same on every machine, whatever its locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
