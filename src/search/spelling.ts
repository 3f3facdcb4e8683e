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

/**
 * What "did you mean" is decided from, as one index sees it: for each plain
 * word of the query, whether the index knows it and, when it does not, the
 * corpus's closest word; and how many documents match every clause of the
 * query with those words corrected. A router ORs the shards' "known", takes
 * the correction any of them gives (the vocabulary is the corpus's in
 * every shard, so they agree), and adds up the totals.
 */
export interface SpellingFacts {
  /** The query's plain words, in order. */
  words: SpellingWord[];
  /** Documents matching the query with every unknown word here corrected; null when no word is. */
  correctedTotal: number | null;
}

export interface SpellingWord {
  /** Where the word stands in `q`, in UTF-16 units. */
  start: number;
  end: number;
  /** The corpus has the word, or (as it is typed) a completion of it. */
  known: boolean;
  /** The corpus's closest word, for an unknown word; null when none is near enough. */
  replacement: string | null;
}

/** This index's spelling facts for a found query. */
export function spellingFacts(index: IndexView, request: SearchRequest, found: Found, positions: PhrasePositions): SpellingFacts {
  const words = found.clauses.flatMap((clause, i): SpellingWord[] => {
    if (!isPlainWord(clause)) return [];
    const word = clause.words[0]!;
    const known = found.known[i]!;
    // A word typed with an accent (café, Zürich) is spelt on purpose: not a typo to correct.
    const deliberate = hasDiacritics(request.q.slice(word.start, word.end));
    return [{ start: word.start, end: word.end, known, replacement: known || deliberate ? null : correctionFor(index, word) }];
  });
  const corrected = correctedQuery(request.q, words);
  if (corrected === null) return { words, correctedTotal: null };
  // Only plain words change: the phrases, and so the positions they need,
  // stay, and every other clause's matches are the query's own.
  return { words, correctedTotal: strictTotal(index, { ...request, query: parseQuery(corrected) }, { positions, matched: found.matched }) };
}

/** The query with its unknown words corrected, or null when none has a correction. */
export function correctedQuery(q: string, words: readonly SpellingWord[]): string | null {
  const corrections = words.filter((word) => !word.known && word.replacement !== null);
  if (corrections.length === 0) return null;
  let corrected = q;
  // From the end, so earlier offsets stay valid.
  for (const { start, end, replacement } of [...corrections].sort((a, b) => b.start - a.start)) {
    corrected = corrected.slice(0, start) + replacement + corrected.slice(end);
  }
  return corrected;
}

/** The corrected query to offer, or null when there is nothing better: it must find something, and no fewer than the query. */
export function offeredSpelling(q: string, facts: SpellingFacts, strictTotal: number): string | null {
  const corrected = correctedQuery(q, facts.words);
  return corrected !== null && facts.correctedTotal !== null && facts.correctedTotal > 0 && facts.correctedTotal >= strictTotal ? corrected : null;
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
function correctionFor(index: IndexView, word: QueryWord): string | null {
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
  return best ? best.shown : null;
}

/** Whether text has a letter with a diacritic ("é", "ü", or "e" + U+0301). */
function hasDiacritics(text: string): boolean {
  return /\p{M}/u.test(text.normalize("NFD"));
}
