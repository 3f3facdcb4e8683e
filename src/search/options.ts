/**
 * THE MiniSearch options, imported by the build and by the Worker.
 *
 * MiniSearch stores no options in its serialized index: loading an index with
 * options other than those it was built with gives silently wrong results. So
 * the options live here, and the artifact carries ANALYSIS_VERSION, which must
 * change whenever these options or src/search/analysis.ts change.
 */
import type { Options, SearchOptions } from "minisearch";
import { normalizeTerm, splitWords } from "./analysis";

/** Version of the artifact's shape (see artifact.ts). */
export const ARTIFACT_FORMAT = 1;

/** Version of the text analysis and index options; bump on any change. */
export const ANALYSIS_VERSION = 1;

/** What the index holds per document: the searchable fields, nothing stored. */
export interface IndexedDocument {
  /** Position of the document in the artifact's document list. */
  id: number;
  title: string;
  text: string;
}

// Fuzzy matching is bounded by word length, as Meilisearch does: none under
// 5 characters, one edit from 5, two from 9, so short words never expand
// into hundreds of terms.
function fuzzyEdits(term: string): number | false {
  if (term.length >= 9) return 2;
  if (term.length >= 5) return 1;
  return false;
}

/** Default search options: title outranks body, the last word completes as you type. */
export const searchOptions: SearchOptions = {
  boost: { title: 2 },
  prefix: (term, index, terms) => index === terms.length - 1 && term.length >= 3,
  fuzzy: (term) => fuzzyEdits(term),
  maxFuzzy: 2,
  weights: { fuzzy: 0.45, prefix: 0.375 },
};

export const indexOptions: Options<IndexedDocument> = {
  idField: "id",
  fields: ["title", "text"],
  storeFields: [],
  tokenize: splitWords,
  processTerm: normalizeTerm,
  searchOptions,
};
