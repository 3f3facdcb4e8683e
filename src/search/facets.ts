import { compareStrings } from "../strings";

/**
 * Matching documents per source, counted over the whole result set before the
 * source filter is applied (disjunctive faceting, as Algolia and Meilisearch
 * do): a user who ticked one source still sees how many the others hold.
 * Keys are inserted most frequent first, then by name; JSON objects put
 * integer-like keys ("2017") first whatever the insertion order, so clients
 * that care about order sort the entries themselves.
 */
export type SourceCounts = Record<string, number>;

/** Counts documents per source, given each document's source. */
export function countSources(sources: Iterable<string>): SourceCounts {
  const counts = new Map<string, number>();
  for (const source of sources) counts.set(source, (counts.get(source) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(byCountThenName));
}

/** Orders [name, count] entries most frequent first, then by name. */
export function byCountThenName([nameA, countA]: [string, number], [nameB, countB]: [string, number]): number {
  return countB - countA || compareStrings(nameA, nameB);
}
