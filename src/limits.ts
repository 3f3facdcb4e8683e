/** The API's limits, in one place; the README's "Limits" table mirrors it. */
export const LIMITS = {
  /** Longest accepted `q`, in characters. */
  queryLength: 256,
  /** Most words `q` may look up (stop words not counted). */
  queryTerms: 10,
  /** The last word completes from this many characters, so "a" never expands to every word. */
  prefixLength: 3,
  /** Most stems a word completes to through their spellings ("durin" → "dure"). */
  completedStems: 20,
  /** Largest page size. */
  limit: 100,
  /** Default page size. */
  defaultLimit: 10,
  /** Largest `offset`. */
  offset: 1000,
  /** Most suggestions /suggest returns. */
  suggestions: 10,
  /** Suggestions returned by default. */
  defaultSuggestions: 5,
  /** Most `source` values in one request. */
  sources: 10,
  /** Longest `source` value, in characters. */
  sourceLength: 200,
  /** Longest document id, in characters. */
  idLength: 1024,
} as const;
