/**
 * copies.bin: each document's copy group (corpus/related.ts), one
 * little-endian int32 per position: the whole corpus's position of the
 * group's first document, or -1 for a document that is nobody's copy.
 * Read when a search folds copies (collapse=copies), never at start.
 */

/** copies.bin: one little-endian int32 per position. */
export function encodeCopies(copies: Int32Array): Uint8Array {
  const bytes = new Uint8Array(copies.length * 4);
  const view = new DataView(bytes.buffer);
  copies.forEach((group, position) => view.setInt32(position * 4, group, true));
  return bytes;
}

/** copies.bin's bytes → a group (or -1) per position. */
export function decodeCopies(bytes: Uint8Array, documents: number): Int32Array {
  if (bytes.length !== documents * 4) throw new Error(`copies.bin holds ${bytes.length} bytes for ${documents} documents`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Int32Array.from({ length: documents }, (_, position) => view.getInt32(position * 4, true));
}
