/**
 * Where a phrase stands in a text, tokenized exactly as the index tokenizes
 * it: the snippet marks it there. (Whether a document holds the phrase at
 * all is answered from the positional index, positions.ts.) A compound's
 * joined form spans its parts, so "ceasefire agreement" finds "cease-fire
 * agreement" as well.
 */
import type { Token } from "./analysis/tokenize";

/** Where a phrase stands in the text: offsets of its first and last word. */
export interface PhraseOccurrence {
  start: number;
  end: number;
}

/** Every place the terms stand next to each other, in order. */
export function findPhrase(tokens: readonly Token[], terms: readonly string[]): PhraseOccurrence[] {
  if (terms.length === 0) return [];
  const atPosition = byPosition(tokens);
  const found: PhraseOccurrence[] = [];
  for (const first of tokens) {
    if (first.term !== terms[0]) continue;
    const end = matchRest(atPosition, terms, 1, first.position + first.span, first.end);
    if (end !== null) found.push({ start: first.start, end });
  }
  return found;
}

function matchRest(
  atPosition: Map<number, Token[]>,
  terms: readonly string[],
  next: number,
  position: number,
  end: number,
): number | null {
  if (next === terms.length) return end;
  for (const token of atPosition.get(position) ?? []) {
    if (token.term !== terms[next]) continue;
    const rest = matchRest(atPosition, terms, next + 1, position + token.span, token.end);
    if (rest !== null) return rest;
  }
  return null;
}

function byPosition(tokens: readonly Token[]): Map<number, Token[]> {
  const map = new Map<number, Token[]>();
  for (const token of tokens) {
    const list = map.get(token.position);
    if (list) list.push(token);
    else map.set(token.position, [token]);
  }
  return map;
}
