/**
 * Where a term first stands among a field's words, stop words not counted:
 * "The Beatles" has "beatl" at 0, as "Beatles for Sale" does. The ranking
 * rule for the thing named (rank.ts) reads it for titles: a title that
 * begins with the query's words is what the query names.
 */
import { tokenize, type Token } from "./tokenize";

/** Each indexed term of a field (stop words aside) → its first place among the field's words. */
export function firstWordRanks(tokens: readonly Token[]): Map<string, number> {
  const ranks = new Map<string, number>();
  let stops = 0;
  let lastStop = -1;
  // Tokens come in order of position (a compound's joined form before its parts).
  for (const token of tokens) {
    if (token.term === null) continue;
    if (token.stop) {
      if (token.position !== lastStop) [stops, lastStop] = [stops + 1, token.position];
      continue;
    }
    if (!ranks.has(token.term)) ranks.set(token.term, token.position - stops);
  }
  return ranks;
}

/**
 * Where a title's name ends: catalogues, documentation and shops title
 * things "name: synopsis", "Name | Site", "Name - tagline", "Name (2nd ed.)".
 * A comma does not end one ("Trump, Putin discuss…" names no Trump).
 */
const NAME_END = /[:|([\]]|\s[-\u2010-\u2015]\s|[\u2013\u2014]/u;

/**
 * The words of a title's name, stop words aside: what precedes its first
 * separator, or the whole title ("esbuild: An extremely fast bundler" → 1,
 * "@esbuild/linux-x64: …" → 3, "nginx-dev" → 2).
 */
export function nameLength(title: string): number {
  const end = title.search(NAME_END);
  const name = end === -1 ? title : title.slice(0, end);
  const words = new Set<number>();
  for (const token of tokenize(name)) if (token.term !== null && !token.stop && token.span === 1) words.add(token.position);
  return words.size;
}
