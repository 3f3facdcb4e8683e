/** What the snippet of one hit marks, from how each clause matched it. */
import type { Candidate } from "./candidates";
import type { MatchQuality } from "./clause-matches";
import { MATCH_WEIGHTS } from "./options";
import type { Highlight, TermMatch } from "./snippet";
import type { Clause } from "./syntax";

/**
 * Words are marked as the index matched them (a stem's every spelling, a
 * completion, a typo), weighted so the snippet prefers exact words; phrases
 * and compounds are marked where their words stand together.
 */
export function highlightFor(clauses: readonly Clause[], candidate: Candidate): Highlight {
  const terms = new Map<string, TermMatch>();
  const phrases: Highlight["phrases"][number][] = [];
  clauses.forEach((clause, index) => {
    const match = candidate.matches[index];
    if (!match) return;
    // A phrase in any of its readings; a compound's parts where they stand together.
    for (const words of clause.phrase || clause.joined ? clause.variants : []) {
      phrases.push({ clause: index, terms: words.map((word) => word.term) });
    }
    for (const [term, kind] of match.terms) {
      // Where the word itself matched, its typo neighbours ("gone" for "zones") are noise.
      if (kind === "typo" && match.quality !== "typo") continue;
      terms.set(term, { clause: index, weight: WEIGHTS[kind] });
    }
  });
  return { terms, phrases };
}

// A completion or a typo counts for as much as MiniSearch weighs it in ranking.
const WEIGHTS: Record<MatchQuality, number> = { exact: 1, prefix: MATCH_WEIGHTS.prefix, typo: MATCH_WEIGHTS.fuzzy };
