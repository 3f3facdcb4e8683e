/**
 * Which query word each matched index term answers. MiniSearch reports the
 * index terms a document matched (after prefix and fuzzy expansion) and the
 * query terms that matched, but not which went with which; the snippet needs
 * that to prefer a passage holding different query words over one holding
 * two spellings of the same word ("korea", "korean").
 */

/** Index term → the query term it matched. */
export type TermOrigins = ReadonlyMap<string, string>;

/** Attributes each matched index term to the query term it most likely came from. */
export function termOrigins(matchedTerms: readonly string[], queryTerms: readonly string[]): TermOrigins {
  const origins = new Map<string, string>();
  for (const term of matchedTerms) {
    const origin =
      queryTerms.find((query) => query === term) ??
      longestPrefixOf(term, queryTerms) ??
      closest(term, queryTerms) ??
      term;
    origins.set(term, origin);
  }
  return origins;
}

// "statements" answers "statement" rather than "state" when both were asked.
function longestPrefixOf(term: string, queryTerms: readonly string[]): string | undefined {
  let longest: string | undefined;
  for (const query of queryTerms) {
    if (term.startsWith(query) && query.length > (longest?.length ?? 0)) longest = query;
  }
  return longest;
}

function closest(term: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(term, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** Levenshtein distance; the words are index terms, at most 40 characters. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}
