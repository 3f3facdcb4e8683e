/**
 * Completions for a query as it is typed (`/suggest?q=saf` → "safe",
 * "safety"): the last word completed by prefix (and typo tolerance), among
 * the documents the words before it already find, so every suggestion finds
 * something. Ranked by the documents each completion finds; shown as the
 * corpus spells the word, never as a stem.
 */
import type { Query } from "minisearch";
import { LIMITS } from "../limits";
import { codePointLength, compareStrings } from "../strings";
import { foldWord } from "./analysis/fold";
import { find } from "./find";
import type { IndexView } from "./index/view";
import type { SearchIndex } from "./load";
import { completionsOf, termsToPlace } from "./match";
import { ANALYSED } from "./options";
import { checkQuery } from "./query";
import { parseQuery } from "./syntax";
import { typoBudget, typoNeighbours } from "./typos";

export interface Suggestion {
  /** The whole query with its last word completed. */
  text: string;
  /** Documents the suggested query finds. */
  documents: number;
}

/** Up to `limit` completions of the last word of `q`. */
export async function suggest(index: SearchIndex, q: string, limit: number): Promise<Suggestion[]> {
  const query = parseQuery(q);
  const { clauses } = query;
  const last = clauses[clauses.length - 1];
  if (!last || !last.prefix || last.joined || last.words.length !== 1) return [];
  const word = last.words[0]!;
  if (codePointLength(word.word) < LIMITS.prefixLength) return [];
  // A query /search would refuse gets no suggestions either.
  try {
    checkQuery(query);
  } catch {
    return [];
  }
  const context = clauses.slice(0, -1);
  const positions = context.length > 0 ? await index.positions(termsToPlace(context)) : undefined;
  const ranked = await index.run((view) => {
    let within: ReadonlySet<number> | null = null;
    if (context.length > 0) {
      const found = find(view, { query: { clauses: context }, match: "all", dates: { from: null, to: null } }, { positions });
      // Suggestions must find something with every word, as /search does.
      within = new Set(found.relaxed ? [] : found.candidates.positions);
    }
    // Word shown → documents it finds, among the completions of what was typed
    // or, when nothing completes it, among the words a typo or two away.
    const completing = (spelling: string) => foldWord(spelling).startsWith(word.word);
    let counts = count(view, within, [
      { queries: completionsOf(view, word.word), prefix: false, fuzzy: false },
      { queries: view.spellings.stemsSpelledFrom(word.word, LIMITS.completedStems), prefix: false, fuzzy: false },
    ], completing);
    if (counts.size === 0) {
      const neighbours = [...typoNeighbours(view, word, typoBudget(word.word.length)).keys()];
      counts = count(view, within, [{ queries: neighbours, prefix: false, fuzzy: false }], () => true);
    }
    return [...counts].sort(([wordA, a], [wordB, b]) => b - a || wordA.length - wordB.length || compareStrings(wordA, wordB));
  });
  // The words before and after the one completed stay as typed.
  const [before, after] = [q.slice(0, word.start), q.slice(word.end)];
  return ranked.slice(0, limit).map(([shown, documents]) => ({ text: before + shown + after, documents }));
}

/**
 * Documents per word shown, for the terms the lookups reach in the documents
 * allowed; each term is shown as its most frequent spelling that `fits`.
 */
function count(
  index: IndexView,
  within: ReadonlySet<number> | null,
  lookups: Query[],
  fits: (spelling: string) => boolean,
): Map<string, number> {
  const counts = new Map<string, number>();
  const queries = lookups.filter((lookup) => typeof lookup === "object" && "queries" in lookup && lookup.queries.length > 0);
  if (queries.length === 0) return counts;
  for (const result of index.engine.search({ queries, combineWith: "OR" }, ANALYSED)) {
    if (within && !within.has(result.id as number)) continue;
    const shownHere = new Set<string>();
    for (const term of result.terms) {
      const shown = index.spellings.all(term).find(fits);
      if (shown !== undefined) shownHere.add(shown);
    }
    for (const shown of shownHere) counts.set(shown, (counts.get(shown) ?? 0) + 1);
  }
  return counts;
}
