/**
 * "Did you mean": when a query finds few documents or has a word the corpus
 * never uses, and a close spelling of its words finds more, offer it the way
 * web search does. Typo tolerance already finds "Tillerson" for "Tilerson";
 * this tells the user so, and catches typos too short for tolerance.
 */
import { find, type Found } from "./find";
import type { SearchIndex } from "./load";
import type { SearchRequest } from "./query";
import { parseQuery, type Clause, type QueryWord } from "./syntax";
import type { SearchOptions } from "minisearch";

/** At most this many documents counts as "few". */
export const FEW_RESULTS = 2;

const ANALYSED: SearchOptions = { tokenize: (term) => [term], processTerm: (term) => term };

interface Correction {
  word: QueryWord;
  replacement: string;
}

/** The corrected query text, or null when there is nothing better to offer. */
export function correctSpelling(index: SearchIndex, request: SearchRequest, found: Found): string | null {
  const unknownWords = found.clauses.filter((clause, i) => !found.known[i] && isPlainWord(clause));
  if (found.clauses.length === 0 || (found.strictTotal > FEW_RESULTS && unknownWords.length === 0)) return null;
  const corrections = found.clauses.filter(isPlainWord).flatMap((clause) => correctionFor(index, clause.words[0]!));
  if (corrections.length === 0) return null;
  const corrected = applyCorrections(request.q, corrections);
  const correctedQuery = { ...request, q: corrected, query: parseQuery(corrected) };
  const correctedTotal = find(index, correctedQuery).strictTotal;
  const better = correctedTotal > found.strictTotal || (unknownWords.length > 0 && correctedTotal > 0);
  return better ? corrected : null;
}

/** Corrections apply to plain words only: a phrase or an exclusion says what it means. */
function isPlainWord(clause: Clause): boolean {
  return !clause.phrase && !clause.excluded && clause.joined === null && clause.words.length === 1 && !clause.words[0]!.stop;
}

/**
 * The index term closest to the word (fewest edits, then most documents),
 * when it is in more documents than the word itself, at least twice as many.
 * Edits allowed: one from 4 characters, two from 8; never in numbers.
 */
function correctionFor(index: SearchIndex, word: QueryWord): Correction[] {
  const edits = word.word.length >= 8 ? 2 : word.word.length >= 4 ? 1 : 0;
  if (edits === 0 || /^\p{N}+$/u.test(word.word)) return [];
  const documents = new Map<string, number>();
  const results = index.engine.search({ queries: [word.term], fuzzy: edits, prefix: false, combineWith: "OR" }, ANALYSED);
  for (const result of results) {
    for (const term of result.terms) documents.set(term, (documents.get(term) ?? 0) + 1);
  }
  const own = documents.get(word.term) ?? 0;
  let best: { term: string; count: number; distance: number } | null = null;
  for (const [term, count] of documents) {
    if (term === word.term || count < Math.max(1, own * 2)) continue;
    const distance = editDistance(term, word.term);
    if (!best || distance < best.distance || (distance === best.distance && count > best.count)) {
      best = { term, count, distance };
    }
  }
  return best ? [{ word, replacement: index.surfaceOf(best.term) }] : [];
}

function applyCorrections(q: string, corrections: Correction[]): string {
  let corrected = q;
  // From the end, so earlier offsets stay valid.
  for (const { word, replacement } of [...corrections].sort((a, b) => b.word.start - a.word.start)) {
    corrected = corrected.slice(0, word.start) + replacement + corrected.slice(word.end);
  }
  return corrected;
}

/** Levenshtein distance; index terms are at most 40 characters. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}
