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
  /** Documents of the corpus's other shards holding the term in this field (0 or absent: none). */
  elsewhere?: number;
}

/** The field whose postings carry each term's first place among its words. */
export const TITLE_FIELD = 0;

/** Encodes one term's postings (fields given by id; an empty field is left out). */
export function encodePostings(fields: readonly (FieldPostings | undefined)[], out: ByteWriter): void {
  const present = fields.flatMap((field, id) => (field && field.documents.length > 0 ? [[id, field] as const] : []));
  out.varint(present.length);
  for (const [id, { documents, counts, firstWords, elsewhere = 0 }] of present) {
    if (id === TITLE_FIELD && firstWords?.length !== documents.length) throw new Error("title postings need each document's first word");
    out.varint(id);
    out.varint(documents.length);
    out.varint(elsewhere);
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
    const count = reader.varint();
    reader.varint(); // elsewhere: counting documents here does not need it
    for (let left = count; left > 0; left--) {
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

/** A posting's fields in full, by field id (the build's reading: a shard split re-encodes them). */
export function readPostings(bytes: Uint8Array): (FieldPostings & { field: number })[] {
  const reader = new ByteReader(bytes, "a posting");
  const fields: (FieldPostings & { field: number })[] = [];
  for (let count = reader.varint(); count > 0; count--) {
    const field = reader.varint();
    const matching = reader.varint();
    const elsewhere = reader.varint();
    const read: FieldPostings & { field: number } = { field, documents: [], counts: [], elsewhere };
    if (field === TITLE_FIELD) read.firstWords = [];
    let document = 0;
    for (let n = 0; n < matching; n++) {
      document += reader.varint();
      read.documents.push(document);
      read.counts.push(reader.varint());
      if (field === TITLE_FIELD) read.firstWords!.push(reader.varint());
    }
    fields.push(read);
  }
  if (!reader.done) throw new RangeError("a posting has bytes left over");
  return fields;
}
