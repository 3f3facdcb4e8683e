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
import { checkQuery, lookupCount } from "./query";
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
  return rankSuggestions(q, await suggestionCounts(index, q), limit);
}

/**
 * Documents per word shown, for the completions of the last word of a
 * query (`completions`) and, only when none completes it, for the words a
 * typo or two away (`typos`, else null). A router adds up its shards':
 * the completions when any shard has one, else the typos, which every
 * shard then counted. Null for a query that gets no suggestions.
 */
export interface SuggestionCounts {
  completions: [shown: string, documents: number][];
  typos: [shown: string, documents: number][] | null;
}

/** The last word of `q`, when it is one to complete: long enough, in a query /search would take. */
function wordToComplete(q: string) {
  const query = parseQuery(q);
  const { clauses } = query;
  const last = clauses[clauses.length - 1];
  if (!last || !last.prefix || last.joined || last.words.length !== 1) return null;
  const word = last.words[0]!;
  if (codePointLength(word.word) < LIMITS.prefixLength) return null;
  // A word /search would ignore, or a query it would refuse, gets no suggestions either.
  if (lookupCount(query) > LIMITS.queryTerms) return null;
  try {
    checkQuery(query);
  } catch {
    return null;
  }
  return { word, context: clauses.slice(0, -1) };
}

/** This index's counts for the suggestions of `q` (see SuggestionCounts); null when it gets none. */
export async function suggestionCounts(index: SearchIndex, q: string): Promise<SuggestionCounts | null> {
  const completing = wordToComplete(q);
  if (!completing) return null;
  const { word, context } = completing;
  const positions = context.length > 0 ? await index.positions(termsToPlace(context)) : undefined;
  return index.run((view) => {
    let within: ReadonlySet<number> | null = null;
    if (context.length > 0) {
      const found = find(view, { query: { clauses: context }, match: "all", dates: { from: null, to: null } }, { positions });
      // Suggestions must find something with every word, as /search does.
      within = new Set(found.relaxed ? [] : found.candidates.positions);
    }
    // Word shown → documents it finds, among the completions of what was typed
    // or, when nothing completes it, among the words a typo or two away.
    const isCompletion = (spelling: string) => foldWord(spelling).startsWith(word.word);
    const completions = count(view, within, [
      { queries: completionsOf(view, word.word), prefix: false, fuzzy: false },
      { queries: view.spellings.stemsSpelledFrom(word.word, LIMITS.completedStems), prefix: false, fuzzy: false },
    ], isCompletion);
    if (completions.size > 0) return { completions: [...completions], typos: null };
    const neighbours = [...typoNeighbours(view, word, typoBudget(word.word.length)).keys()];
    return { completions: [], typos: [...count(view, within, [{ queries: neighbours, prefix: false, fuzzy: false }], () => true)] };
  });
}

/** The suggestions from the counts: most documents first, then the shorter word, then code-unit order. */
export function rankSuggestions(q: string, counts: SuggestionCounts | null, limit: number): Suggestion[] {
  const completing = counts && wordToComplete(q);
  if (!counts || !completing) return [];
  const ranked = [...(counts.completions.length > 0 ? counts.completions : (counts.typos ?? []))].sort(
    ([wordA, a], [wordB, b]) => b - a || wordA.length - wordB.length || compareStrings(wordA, wordB),
  );
  // The words before and after the one completed stay as typed.
  const { word } = completing;
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
