/**
 * Typo tolerance, judged on words as people write them. MiniSearch finds
 * index terms a few edits from a stem, but stems are not words: "waterg"
 * (Watergate) is one edit from "water", and "govern" two from "over". So
 * the terms MiniSearch offers are kept only when the word the corpus writes
 * for them is within the budget of the word as typed, as Meilisearch judges
 * typos on words.
 */
import type { SearchIndex } from "./load";
import { ANALYSED } from "./options";
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
 */
export function typoNeighbours(index: SearchIndex, word: QueryWord, budget: number): Map<string, number> {
  const neighbours = new Map<string, number>();
  if (budget === 0 || /^\p{N}+$/u.test(word.word)) return neighbours;
  // MiniSearch counts swapped letters as two edits: ask for one more, then
  // judge each candidate by the words it is written as.
  const results = index.engine.search({ queries: [word.term], prefix: false, fuzzy: budget + 1 }, ANALYSED);
  const verdicts = new Map<string, boolean>();
  for (const result of results) {
    for (const term of result.terms) {
      if (term === word.term) continue;
      let near = verdicts.get(term);
      if (near === undefined) {
        near = index.spellings.folded(term).some((spelling) => editDistance(word.word, spelling) <= budget);
        verdicts.set(term, near);
      }
      if (near) neighbours.set(term, (neighbours.get(term) ?? 0) + 1);
    }
  }
  return neighbours;
}

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
