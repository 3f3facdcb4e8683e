/** What the snippet of one hit marks, from how each clause matched it. */
import type { Candidate } from "./find";
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
    const asked = (clause.joined ?? clause.words[0]!).term;
    for (const term of match.terms) {
      const weight = weightOf(term, asked);
      // Where the word itself matched, its typo neighbours ("gone" for "zones") are noise.
      if (match.quality !== "typo" && weight === MATCH_WEIGHTS.fuzzy) continue;
      terms.set(term, { clause: index, weight });
    }
  });
  return { terms, phrases };
}

function weightOf(term: string, asked: string): number {
  if (term === asked) return 1;
  return term.startsWith(asked) ? MATCH_WEIGHTS.prefix : MATCH_WEIGHTS.fuzzy;
}
