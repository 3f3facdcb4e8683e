/**
 * "Did you mean": when a query has a word the corpus never uses (so it finds
 * nothing, or only what typo tolerance reaches) and its closest spelling in
 * the corpus finds documents, offer the query with that spelling, the way
 * web search does. Typo tolerance already finds "Tillerson" for "Tilerson";
 * this tells the user so, and catches typos too short for tolerance
 * ("trmp"). A word the corpus does use is never "corrected", however rare:
 * "Jones" is a name, not a misspelling of "zones".
 */
import { strictTotal, type Found } from "./find";
import type { IndexView } from "./index/view";
import type { PhrasePositions } from "./load";
import type { SearchRequest } from "./query";
import { parseQuery, type Clause, type QueryWord } from "./syntax";
import { compareStrings } from "../strings";
import { editDistance, typoNeighbours } from "./typos";

interface Correction {
  word: QueryWord;
  replacement: string;
}

/** The corrected query text, or null when there is nothing better to offer. */
export function correctSpelling(index: IndexView, request: SearchRequest, found: Found, positions: PhrasePositions): string | null {
  // "Known": the corpus has the word, or (as it is typed) a completion of it.
  const corrections = found.clauses.flatMap((clause, i) => (isPlainWord(clause) && !found.known[i] ? correctionFor(index, clause.words[0]!) : []));
  if (corrections.length === 0) return null;
  const corrected = applyCorrections(request.q, corrections);
  // Only plain words change: the phrases, and so the positions they need,
  // stay, and every other clause's matches are the query's own.
  const correctedTotal = strictTotal(index, { ...request, query: parseQuery(corrected) }, { positions, matched: found.matched });
  return correctedTotal > 0 && correctedTotal >= found.strictTotal ? corrected : null;
}

/** Corrections apply to plain words only: a phrase or an exclusion says what it means. */
function isPlainWord(clause: Clause): boolean {
  return !clause.phrase && !clause.excluded && clause.joined === null && clause.words.length === 1 && !clause.words[0]!.stop;
}

/**
 * The corpus's word closest to the one typed (fewest edits, then most
 * documents, then the first spelling in code-unit order). Edits allowed: one from 4 characters, two from 8, a little
 * more than the search tolerates, since here the user chooses.
 */
function correctionFor(index: IndexView, word: QueryWord): Correction[] {
  const edits = word.word.length >= 8 ? 2 : word.word.length >= 4 ? 1 : 0;
  let best: { shown: string; count: number; distance: number } | null = null;
  for (const [term, count] of typoNeighbours(index, word, edits)) {
    // The spelling of the term closest to what was typed.
    const spellings = index.spellings.all(term);
    const folded = index.spellings.folded(term);
    for (let i = 0; i < spellings.length; i++) {
      const distance = editDistance(word.word, folded[i]!);
      const closer = !best || distance < best.distance || (distance === best.distance && count > best.count);
      // Ties go to the first in code-unit order, whatever order the vocabulary was walked in.
      const tie = best !== null && distance === best.distance && count === best.count && compareStrings(spellings[i]!, best.shown) < 0;
      if (closer || tie) {
        best = { shown: spellings[i]!, count, distance };
      }
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
