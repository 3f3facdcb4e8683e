/**
 * One term's postings as bytes: for each field that holds the term (title
 * 0, text 1, metadata fields 2, ascending), its documents in ascending
 * position with the term's count in each, and in the title also where the
 * term first stands among its words (analysis/word-rank.ts), for the
 * ranking rule that puts the thing named first. Varints throughout,
 * positions as gaps:
 *   posting = fieldCount, (fieldId, documentCount, (positionGap, termCount, [firstWord])*)*
 *   firstWord only in field 0 (the title)
 * Decoded into the shape MiniSearch scores from: field → document → count.
 */
import { ByteReader, ByteWriter } from "./bytes";

/** A term's field → document position → count, as MiniSearch keeps it. */
export type Postings = Map<number, Map<number, number>>;

/** A term's documents and counts in one field, ascending by document. */
export interface FieldPostings {
  documents: number[];
  counts: number[];
  /** In the title only: where the term first stands among its words, per document. */
  firstWords?: number[];
}

/** The field whose postings carry each term's first place among its words. */
export const TITLE_FIELD = 0;

/** Encodes one term's postings (fields given by id; an empty field is left out). */
export function encodePostings(fields: readonly (FieldPostings | undefined)[], out: ByteWriter): void {
  const present = fields.flatMap((field, id) => (field && field.documents.length > 0 ? [[id, field] as const] : []));
  out.varint(present.length);
  for (const [id, { documents, counts, firstWords }] of present) {
    if (id === TITLE_FIELD && firstWords?.length !== documents.length) throw new Error("title postings need each document's first word");
    out.varint(id);
    out.varint(documents.length);
    let previous = 0;
    for (let i = 0; i < documents.length; i++) {
      out.varint(documents[i]! - previous);
      out.varint(counts[i]!);
      if (id === TITLE_FIELD) out.varint(firstWords![i]!);
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
      if (field === TITLE_FIELD) reader.varint();
    }
    postings.set(field, documents);
  }
  if (!reader.done) throw new RangeError("a posting has bytes left over");
  return postings;
}
