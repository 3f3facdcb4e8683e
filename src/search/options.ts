/**
 * THE MiniSearch options, imported by the build and by the Worker.
 *
 * MiniSearch stores no options in its serialized index: loading an index with
 * options other than those it was built with gives silently wrong results. So
 * the options live here, and the artifact carries ANALYSIS_VERSION, which must
 * change whenever these options or anything under src/search/analysis/ change.
 */
import type { Options, SearchOptions } from "minisearch";
import { indexTerms } from "./analysis/tokenize";

/** Version of the artifact's shape (see artifact.ts). */
export const ARTIFACT_FORMAT = 9;

/** Version of the text analysis and index options; bump on any change. */
export const ANALYSIS_VERSION = 5;

/** What the index holds per document: the searchable fields, nothing stored. */
export interface IndexedDocument {
  /** Position of the document in the artifact's document list. */
  id: number;
  title: string;
  text: string;
  /** The values of the document's searchable metadata fields, one per line (see corpus/fields.ts). */
  fields: string;
}

/**
 * Relative weight of a match by prefix completion or by typo, against 1 for
 * the word itself; MiniSearch scales each by how far the matched term is.
 */
export const MATCH_WEIGHTS = { prefix: 0.375, fuzzy: 0.45 } as const;

/** For queries made of analysed terms already: MiniSearch must take them as they are. */
export const ANALYSED: SearchOptions = { tokenize: (term) => [term], processTerm: (term) => term };

export const indexOptions: Options<IndexedDocument> = {
  idField: "id",
  fields: ["title", "text", "fields"],
  storeFields: [],
  // The whole analysis (words, folding, stop words, stems) happens here;
  // queries arrive analysed by the same code (see syntax.ts).
  tokenize: indexTerms,
  processTerm: (term) => term,
  searchOptions: {
    // A word in the title counts twice a word in the body.
    boost: { title: 2 },
    weights: MATCH_WEIGHTS,
    maxFuzzy: 2,
  },
};
