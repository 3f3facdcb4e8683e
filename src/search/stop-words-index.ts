/**
 * Which documents hold each stop word. Stop words are not in the MiniSearch
 * index (they would cost a posting in nearly every document and score
 * nothing), yet a query made only of them ("the who", "to be or not to be")
 * must still find something. A bit per document per stop word answers it:
 * 33 bits a document, a few kilobytes for thousands of documents.
 */
import { STOP_WORDS } from "./analysis/stop-words";
import type { Token } from "./analysis/tokenize";

/** Collects, at build time, a bitset per stop word over document positions (bit i = document i). */
export class StopWordBitsetsBuilder {
  private readonly bits = new Map<string, Uint8Array>();

  constructor(documentCount: number) {
    for (const word of [...STOP_WORDS].sort()) this.bits.set(word, new Uint8Array(bitsetBytes(documentCount)));
  }

  /** Records the stop words among a document's tokens (title and text). */
  add(position: number, tokens: Iterable<Token>): void {
    for (const token of tokens) {
      if (token.stop) this.bits.get(token.term!)![position >> 3]! |= 1 << (position & 7);
    }
  }

  /** Every stop word's bitset, in alphabetical order. */
  build(): Map<string, Uint8Array> {
    return this.bits;
  }
}

/** Bytes of a bitset over `documentCount` documents. */
export function bitsetBytes(documentCount: number): number {
  return Math.ceil(documentCount / 8);
}

/** The positions of the documents whose bit is set, ascending. */
export function decodeBitset(bytes: Uint8Array, documentCount: number): number[] {
  const positions: number[] = [];
  for (let position = 0; position < documentCount; position++) {
    if (bytes[position >> 3]! & (1 << (position & 7))) positions.push(position);
  }
  return positions;
}
