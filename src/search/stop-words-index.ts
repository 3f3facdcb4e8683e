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

/**
 * The positions of the documents whose bit is set, ascending (none at or
 * past `documentCount`): read a byte at a time, skipping empty bytes, each
 * set bit found with clz32 rather than every bit tested.
 */
export function decodeBitset(bytes: Uint8Array, documentCount: number): Int32Array {
  let count = 0;
  for (const byte of bytes) for (let rest = byte; rest !== 0; rest &= rest - 1) count++;
  const positions = new Int32Array(count);
  let next = 0;
  for (let i = 0; i < bytes.length; i++) {
    for (let rest = bytes[i]!; rest !== 0; rest &= rest - 1) {
      const position = i * 8 + 31 - Math.clz32(rest & -rest);
      if (position < documentCount) positions[next++] = position;
    }
  }
  return positions.subarray(0, next);
}
