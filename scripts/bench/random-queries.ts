/**
 * The random-query class: queries as people type them, drawn with a fixed
 * seed from the corpus's own text, through every part of the query
 * language: a run of words from one document, each kept, misspelt (a
 * letter dropped, doubled or two swapped), cut short as if still being
 * typed, or excluded, a stretch of them quoted as a phrase, in any case,
 * with up to LIMITS.queryTerms words. Unlike the classes, nothing is chosen
 * to be typical: the point is the tail, and the worst query is printed.
 */
import { LIMITS } from "../../src/limits";
import type { CorpusDocument } from "./documents";
import { mulberry32, wordsOf } from "./queries";

/** Queries drawn by default, as in the issue that asked for them. */
export const RANDOM_QUERIES = 1_500;

export function randomQueries(documents: readonly CorpusDocument[], count = RANDOM_QUERIES, seed = 7): string[] {
  const random = mulberry32(seed);
  const below = (n: number) => Math.floor(random() * n);
  const queries: string[] = [];
  for (let attempts = 0; queries.length < count && attempts < count * 10 && documents.length > 0; attempts++) {
    const document = documents[below(documents.length)]!;
    const words = wordsOf(`${document.title}\n${document.text}`);
    if (words.length === 0) continue;
    const length = 1 + below(Math.min(LIMITS.queryTerms, words.length));
    const from = below(words.length - length + 1);
    const parts = words.slice(from, from + length).map((word) => typed(word, random));
    // Now and then a stretch of them quoted, as a phrase.
    if (parts.length >= 2 && random() < 0.2) {
      const start = below(parts.length - 1);
      const end = start + 2 + below(Math.min(3, parts.length - start - 1));
      parts.splice(start, end - start, `"${words.slice(from + start, from + end).join(" ")}"`);
    }
    // The last word, as a user still typing it.
    if (random() < 0.3) {
      const last = parts[parts.length - 1]!;
      if (/^[a-z]{5,}$/i.test(last)) parts[parts.length - 1] = last.slice(0, 3 + below(last.length - 3));
    }
    queries.push(parts.join(" "));
  }
  return queries;
}

/** One word as a user may type it: as written, misspelt, capitalised or excluded. */
function typed(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * Math.max(1, word.length - 2));
  const roll = random();
  if (roll < 0.12 && word.length >= 5) return word.slice(0, at) + word.slice(at + 1); // a letter dropped
  if (roll < 0.18 && word.length >= 5) return word.slice(0, at) + word[at] + word.slice(at); // a letter doubled
  if (roll < 0.24 && word.length >= 5 && at + 1 < word.length) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2); // two swapped
  if (roll < 0.3) return `-${word}`;
  if (roll < 0.4) return word.toUpperCase();
  if (roll < 0.5) return word[0]!.toUpperCase() + word.slice(1);
  return word;
}
