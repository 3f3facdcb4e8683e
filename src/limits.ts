/** The API's limits, in one place; the README's "Limits and errors" table mirrors it. */
export const LIMITS = {
  /** Longest accepted `q`, in UTF-8 bytes. */
  queryBytes: 256,
  /** Most words `q` may look up (stop words not counted). */
  queryTerms: 10,
  /** The last word completes from this many characters, so "a" never expands to every word. */
  prefixLength: 3,
  /** Most index terms the word being typed completes to (the most common first). */
  completions: 50,
  /** Most words a typo away that one word of a query also looks up (the closest, most common first). */
  typoNeighbours: 20,
  /**
   * A word found as written in at least this many documents is not looked
   * up with typos (Typesense's typo_tokens_threshold, 1 by default there too).
   */
  typoThreshold: 1,
  /** Most stems a word completes to through their spellings ("durin" → "dure"). */
  completedStems: 20,
  /** Largest page size. */
  limit: 100,
  /** Default page size. */
  defaultLimit: 10,
  /** How deep paging may go: `offset + limit` at most this (Elasticsearch's result window). */
  resultWindow: 1000,
  /** Most suggestions /suggest returns. */
  suggestions: 10,
  /** Suggestions returned by default. */
  defaultSuggestions: 5,
  /** Most field filters (different fields) in one request. */
  fieldFilters: 10,
  /** Most values a field's facet counts: the most frequent (Meilisearch's maxValuesPerFacet). */
  facetValues: 100,
  /** Most `source` values in one request, and most values of one field filter. */
  sources: 10,
  /** Longest `source` value, in characters. */
  sourceLength: 200,
  /** Longest document id, in characters. */
  idLength: 1024,
} as const;
