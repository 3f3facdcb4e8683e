/**
 * The whole related table at once: every position's related entries and
 * copy group, from what passages found (in any order). The simple way,
 * held whole, that the tests hold RecordFiles (which a build uses, a file
 * at a time) and the one-index search to.
 */
import type { DocumentPassages } from "../../src/corpus/passages";
import { CopyGroups, RelatedEntries, type Named } from "../../src/corpus/related";
import type { RelatedEntry } from "../../src/search/artifact";

export interface RelatedTable {
  /** By position: the documents it shares passages with, at most MAX_RELATED, most shared first; null when none. */
  entries: (RelatedEntry[] | null)[];
  /** By position: its copy group (see CopyGroups), or -1. */
  copies: Int32Array;
  /** Documents that have a copy group. */
  inGroups: number;
}

export function relatedTable(documents: readonly Named[], passages: readonly DocumentPassages[]): RelatedTable {
  const byId = new Map(passages.map((found) => [found.id, found]));
  const entries = new RelatedEntries(documents);
  const groups = new CopyGroups(documents.length);
  const table = documents.map(({ id }, position) => {
    const found = byId.get(id) ?? null;
    groups.add(position, found, entries);
    return entries.of(found);
  });
  return { entries: table, ...groups.finish() };
}
