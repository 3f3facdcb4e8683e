/**
 * One term's postings as bytes: for each field that holds the term (title
 * 0, text 1, ascending), its documents in ascending position with the term's
 * count in each. Varints throughout, positions as gaps:
 *   posting = fieldCount, (fieldId, documentCount, (positionGap, termCount)*)*
 * Decoded into the shape MiniSearch scores from: field → document → count.
 */
import { ByteReader, ByteWriter } from "./bytes";

/** A term's field → document position → count, as MiniSearch keeps it. */
export type Postings = Map<number, Map<number, number>>;

/** A term's documents and counts in one field, ascending by document. */
export interface FieldPostings {
  documents: number[];
  counts: number[];
}

/** Encodes one term's postings (fields given by id; an empty field is left out). */
export function encodePostings(fields: readonly (FieldPostings | undefined)[], out: ByteWriter): void {
  const present = fields.flatMap((field, id) => (field && field.documents.length > 0 ? [[id, field] as const] : []));
  out.varint(present.length);
  for (const [id, { documents, counts }] of present) {
    out.varint(id);
    out.varint(documents.length);
    let previous = 0;
    for (let i = 0; i < documents.length; i++) {
      out.varint(documents[i]! - previous);
      out.varint(counts[i]!);
      previous = documents[i]!;
    }
  }
}

/** Decodes one term's postings; throws RangeError when the bytes are malformed. */
export function decodePostings(bytes: Uint8Array, documentCount: number): Postings {
  const reader = new ByteReader(bytes, "a posting");
  const postings: Postings = new Map();
  for (let fields = reader.varint(); fields > 0; fields--) {
    const field = reader.varint();
    const documents = new Map<number, number>();
    let document = 0;
    for (let count = reader.varint(); count > 0; count--) {
      document += reader.varint();
      if (document >= documentCount) throw new RangeError("a posting names a document past the last");
      documents.set(document, reader.varint());
    }
    postings.set(field, documents);
  }
  if (!reader.done) throw new RangeError("a posting has bytes left over");
  return postings;
}
