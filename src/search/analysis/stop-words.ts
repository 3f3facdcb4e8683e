/**
 * English stop words: Lucene's default set (EnglishAnalyzer), 33 words that
 * occur in nearly every English document. They are not indexed, so they cost
 * no postings and never dominate a score; a phrase still matches them in the
 * text, and a query made only of them is answered from per-document flags
 * (see ../stop-words-index.ts). Deliberately short: "us" is not here, because
 * "US" and "U.S." fold to it.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
  "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
  "they", "this", "to", "was", "will", "with",
]);
