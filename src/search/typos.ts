/**
 * Typo tolerance, judged on words as people write them. MiniSearch finds
 * index terms a few edits from a stem, but stems are not words: "waterg"
 * (Watergate) is one edit from "water", and "govern" two from "over". So
 * the terms MiniSearch offers are kept only when the word the corpus writes
 * for them is within the budget of the word as typed, as Meilisearch judges
 * typos on words.
 */
import { LIMITS } from "../limits";
import type { IndexView, TermCount } from "./index/view";
import type { QueryWord } from "./syntax";

/**
 * Typos tolerated in a word of this many characters, as Meilisearch does:
 * none under 5, one from 5, two from 9.
 */
export function typoBudget(length: number): number {
  if (length >= 9) return 2;
  return length >= 5 ? 1 : 0;
}

/**
 * Index terms within `budget` typos of the word, other than its own stem,
 * each with the number of documents holding it. Numbers never have typos:
 * "2016" is not a misspelling of "2017".
 *
 * Candidates come from the vocabulary, without scoring any document,
 * among the terms of the word's own initial (no typo on the first letter,
 * so a word reads only its initial's blocks of the vocabulary), one edit
 * further than the budget: Levenshtein counts swapped
 * letters as two edits, and a misspelt word may stem differently from the
 * word ("wotergote" keeps its ending, "watergate" is "waterg"). Each
 * candidate is then judged by the words it is written as. (Asking the
 * engine's search for them instead scored every document of every
 * candidate: 20 ms a word on a mail archive, against 5 ms for the tree.)
 */
export function typoNeighbours(index: IndexView, word: QueryWord, budget: number): Map<string, number> {
  if (budget === 0 || /^\p{N}+$/u.test(word.word)) return new Map();
  const near: { term: string; typos: number; documents: number }[] = [];
  for (const [term, documents] of nearTerms(index, word.term, budget + 1)) {
    if (term === word.term) continue;
    const typos = Math.min(...index.spellings.folded(term).map((spelling) => editDistance(word.word, spelling)));
    if (typos <= budget) near.push({ term, typos, documents });
  }
  // A counter bounds what one word can add to a query: the closest, most common first.
  near.sort((a, b) => a.typos - b.typos || b.documents - a.documents || (a.term < b.term ? -1 : 1));
  return new Map(near.slice(0, LIMITS.typoNeighbours).map(({ term, documents }) => [term, documents]));
}

/**
 * The vocabulary's terms within `distance` edits of `term`, once per view:
 * a query asks for a misspelt word's neighbours to match it, and again for
 * its "did you mean", and the walk was most of what either cost.
 */
function nearTerms(index: IndexView, term: string, distance: number): readonly TermCount[] {
  let known = walked.get(index);
  if (!known) walked.set(index, (known = new Map()));
  const key = `${distance}\u0000${term}`;
  let terms = known.get(key);
  if (!terms) known.set(key, (terms = index.vocabulary.near(term, distance)));
  return terms;
}

const walked = new WeakMap<IndexView, Map<string, readonly TermCount[]>>();

/**
 * Edits between two words: insertions, deletions, substitutions, and
 * swaps of two neighbouring letters ("zonse" is one typo from "zones").
 */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = distance;
    }
  }
  return rows[a.length]![b.length]!;
}
