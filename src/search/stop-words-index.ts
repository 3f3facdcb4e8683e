/**
 * Which documents hold each stop word. Stop words are not in the MiniSearch
 * index (they would cost a posting in nearly every document and score
 * nothing), yet a query made only of them ("the who", "to be or not to be")
 * must still find something. A bit per document per stop word answers it:
 * 33 bits a document, a few kilobytes for thousands of documents.
 */

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
