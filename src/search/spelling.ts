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
import { foldWord } from "./analysis/fold";
import { editDistance, typoNeighbours } from "./typos";

/** At most this many documents counts as "few". */
export const FEW_RESULTS = 2;

interface Correction {
  word: QueryWord;
  replacement: string;
}

/** The corrected query text, or null when there is nothing better to offer. */
export function correctSpelling(index: SearchIndex, request: SearchRequest, found: Found): string | null {
  const unknownWords = found.clauses.filter((clause, i) => !found.known[i] && isPlainWord(clause));
  if (found.clauses.length === 0 || (found.strictTotal > FEW_RESULTS && unknownWords.length === 0)) return null;
  // The word being typed is left alone while something completes it.
  const corrections = found.clauses.flatMap((clause, i) =>
    isPlainWord(clause) && !(clause.prefix && found.known[i]) ? correctionFor(index, clause.words[0]!, found.exactCounts[i]!) : [],
  );
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
 * The word closest to the one typed (fewest edits, then most documents),
 * when it is in more documents than the word itself, at least twice as many.
 * Edits allowed: one from 4 characters, two from 8, a little more than the
 * search tolerates, since here the user chooses.
 */
function correctionFor(index: SearchIndex, word: QueryWord, own: number): Correction[] {
  const edits = word.word.length >= 8 ? 2 : word.word.length >= 4 ? 1 : 0;
  let best: { shown: string; count: number; distance: number } | null = null;
  for (const [term, count] of typoNeighbours(index, word, edits)) {
    if (count < Math.max(1, own * 2)) continue;
    const shown = index.surfaceOf(term);
    const distance = editDistance(word.word, foldWord(shown));
    if (!best || distance < best.distance || (distance === best.distance && count > best.count)) {
      best = { shown, count, distance };
    }
  }
  return best ? [{ word, replacement: best.shown }] : [];
}

function applyCorrections(q: string, corrections: Correction[]): string {
  let corrected = q;
  // From the end, so earlier offsets stay valid.
  for (const { word, replacement } of [...corrections].sort((a, b) => b.word.start - a.word.start)) {
    corrected = corrected.slice(0, word.start) + replacement + corrected.slice(word.end);
  }
  return corrected;
}
