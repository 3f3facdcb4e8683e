/**
 * MiniSearch, scoring postings it does not hold. MiniSearch's search reads a
 * handful of private fields (checked against minisearch 7.2.0's source:
 * executeQuerySpec, termResults, search): `_index.get(term)` for a term's
 * postings, `_documentIds` and `_fieldLength` per document, and the
 * corpus-wide `_documentCount`, `_avgFieldLength` and `_fieldIds`. Given
 * those as one whole index would hold them, it answers exactly as that
 * index does, with only the asked terms' postings read. Queries are scored
 * by score.ts, which does MiniSearch's arithmetic without its per-document
 * objects; suggestions still count documents with this engine. The
 * version is pinned in package.json, and the equivalence test fails if a
 * MiniSearch release changes what these mean.
 */
import MiniSearch from "minisearch";
import type { DocumentTable } from "./document-table";
import type { Postings } from "./postings";
import { indexOptions, type IndexedDocument } from "../options";

/** The corpus-wide statistics MiniSearch's BM25+ needs. */
export interface CorpusStatistics {
  documentCount: number;
  /** Per field id (title 0, text 1, fields 2). */
  averageFieldLength: readonly number[];
}

/** A MiniSearch that finds a term's postings with `postingsOf` and field lengths in `table`. */
export function engineOver(
  postingsOf: (term: string) => Postings | undefined,
  table: Pick<DocumentTable, "titleLength" | "textLength" | "fieldsLength">,
  statistics: CorpusStatistics,
): MiniSearch<IndexedDocument> {
  const engine = new MiniSearch<IndexedDocument>(indexOptions);
  const { documentCount } = statistics;
  // termResults reads a document's lengths at once and keeps nothing: one array serves every call.
  const lengths = [0, 0, 0];
  const fields: Record<string, unknown> = {
    _index: { get: postingsOf },
    _documentIds: { has: (position: number) => position >= 0 && position < documentCount, get: (position: number) => position },
    _fieldLength: {
      get(position: number) {
        lengths[0] = table.titleLength[position]!;
        lengths[1] = table.textLength[position]!;
        lengths[2] = table.fieldsLength[position]!;
        return lengths;
      },
    },
    _storedFields: { get: () => undefined },
    _documentCount: documentCount,
    _avgFieldLength: statistics.averageFieldLength,
  };
  const internals = engine as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(fields)) {
    if (!(name in internals)) throw new Error(`MiniSearch no longer has ${name}: check engine.ts against its source`);
    internals[name] = value;
  }
  const fieldIds = internals._fieldIds as Record<string, number>;
  if (fieldIds.title !== 0 || fieldIds.text !== 1 || fieldIds.fields !== 2) throw new Error("MiniSearch numbers the fields differently: check engine.ts");
  return engine;
}
