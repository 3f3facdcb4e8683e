/**
 * Which documents hold each stop word. Stop words are not in the MiniSearch
 * index (they would cost a posting in nearly every document and score
 * nothing), yet a query made only of them ("the who", "to be or not to be")
 * must still find something. A bit per document per stop word answers it:
 * 33 bits a document, a few kilobytes for thousands of documents.
 */
import { STOP_WORDS } from "./analysis/stop-words";
import type { Token } from "./analysis/tokenize";

/** Stop word → base64 bitset over document positions (bit i = document i). */
export type StopWordBitsets = Record<string, string>;

/** Collects the bitsets at build time, one document at a time. */
export class StopWordBitsetsBuilder {
  private readonly bits = new Map<string, Uint8Array>();

  constructor(documentCount: number) {
    for (const word of [...STOP_WORDS].sort()) this.bits.set(word, new Uint8Array(Math.ceil(documentCount / 8)));
  }

  /** Records the stop words among a document's tokens (title and text). */
  add(position: number, tokens: Iterable<Token>): void {
    for (const token of tokens) {
      if (token.stop) this.bits.get(token.term!)![position >> 3]! |= 1 << (position & 7);
    }
  }

  build(): StopWordBitsets {
    const bitsets: StopWordBitsets = {};
    for (const [word, bytes] of this.bits) bitsets[word] = toBase64(bytes);
    return bitsets;
  }
}

/** The positions of the documents whose bit is set, ascending. */
export function decodeBitset(base64: string, documentCount: number): number[] {
  const bytes = atob(base64);
  const positions: number[] = [];
  for (let position = 0; position < documentCount; position++) {
    if (bytes.charCodeAt(position >> 3) & (1 << (position & 7))) positions.push(position);
  }
  return positions;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
