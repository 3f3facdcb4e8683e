/**
 * Completions for a query as it is typed (`/suggest?q=saf` → "safe",
 * "safety"): the last word completed by prefix (and typo tolerance), among
 * the documents the words before it already find, so every suggestion finds
 * something. Ranked by the documents each completion finds; shown as the
 * corpus spells the word, never as a stem.
 */
import type { SearchIndex } from "./load";
import { ANALYSED } from "./options";
import { find } from "./find";
import { foldWord } from "./analysis/fold";
import { MIN_PREFIX_LENGTH, stemsCompleting } from "./match";
import { typoBudget, typoNeighbours } from "./typos";

import { parseQuery } from "./syntax";

export interface Suggestion {
  /** The whole query with its last word completed. */
  text: string;
  /** Documents the suggested query finds. */
  documents: number;
}

/** Up to `limit` completions of the last word of `q`. */
export function suggest(index: SearchIndex, q: string, limit: number): Suggestion[] {
  const { clauses } = parseQuery(q);
  const last = clauses[clauses.length - 1];
  if (!last || !last.prefix || last.joined || last.words.length !== 1) return [];
  const word = last.words[0]!;
  if (word.word.length < MIN_PREFIX_LENGTH) return [];
  const context = clauses.slice(0, -1);
  const noDates = { from: null, to: null };
  const within =
    context.length > 0
      ? new Set(find(index, { query: { clauses: context }, match: "all", dates: noDates }).candidates.map((c) => c.position))
      : null;
  // Word shown → documents it finds, among the completions of what was typed
  // or, when nothing completes it, among the words a typo or two away.
  let counts = count(index, [word.word, ...stemsCompleting(index, word.word)], true, within, (term, shown) =>
    term.startsWith(word.word) || foldWord(shown).startsWith(word.word),
  );
  if (counts.size === 0) {
    const neighbours = [...typoNeighbours(index, word, typoBudget(word.word.length)).keys()];
    counts = count(index, neighbours, false, within, () => true);
  }
  const ranked = [...counts].sort(([wordA, a], [wordB, b]) => b - a || wordA.length - wordB.length || (wordA < wordB ? -1 : 1));
  const typed = q.slice(0, word.start);
  return ranked.slice(0, limit).map(([shown, documents]) => ({ text: typed + shown, documents }));
}

/** Documents per shown word, for the terms a lookup reaches in the documents allowed. */
function count(
  index: SearchIndex,
  queries: string[],
  prefix: boolean,
  within: ReadonlySet<number> | null,
  keep: (term: string, shown: string) => boolean,
): Map<string, number> {
  const counts = new Map<string, number>();
  if (queries.length === 0) return counts;
  for (const result of index.engine.search({ queries, prefix, fuzzy: false, combineWith: "OR" }, ANALYSED)) {
    if (within && !within.has(result.id as number)) continue;
    const shownHere = new Set<string>();
    for (const term of result.terms) {
      const shown = index.surfaceOf(term);
      if (keep(term, shown)) shownHere.add(shown);
    }
    for (const shown of shownHere) counts.set(shown, (counts.get(shown) ?? 0) + 1);
  }
  return counts;
}
