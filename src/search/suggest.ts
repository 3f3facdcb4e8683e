/**
 * Completions for a query as it is typed (`/suggest?q=saf` → "safe",
 * "safety"): the last word completed by prefix (and typo tolerance), among
 * the documents the words before it already find, so every suggestion finds
 * something. Ranked by the documents each completion finds; shown as the
 * corpus spells the word, never as a stem.
 */
import type { SearchIndex } from "./load";
import { find } from "./find";
import { lookUpWord, MIN_PREFIX_LENGTH } from "./match";
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
  // Word shown → documents it finds; completions of what was typed, and
  // apart from them the words one or two typos away.
  const completions = new Map<string, number>();
  const corrections = new Map<string, number>();
  for (const [position, match] of lookUpWord(index, word, true)) {
    if (within && !within.has(position)) continue;
    for (const term of match.terms) {
      const shown = index.surfaceOf(term);
      const counts = shown.startsWith(word.word) || term.startsWith(word.word) ? completions : corrections;
      counts.set(shown, (counts.get(shown) ?? 0) + 1);
    }
  }
  // Typo corrections only when nothing completes what was typed.
  const ranked = [...(completions.size > 0 ? completions : corrections)].sort(
    ([wordA, a], [wordB, b]) => b - a || wordA.length - wordB.length || (wordA < wordB ? -1 : 1),
  );
  const typed = q.slice(0, word.start);
  return ranked.slice(0, limit).map(([shown, documents]) => ({ text: typed + shown, documents }));
}
