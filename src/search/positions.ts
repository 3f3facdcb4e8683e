/**
 * Where each term stands in each document, for phrases. MiniSearch keeps no
 * positions, and checking a phrase by re-reading the text of every document
 * holding its words cost 0.7 s on a mail archive; so the build writes a
 * positional index, cut into shards by ranges of the sorted terms (like the
 * lexicon's blocks), that the Worker fetches only when a query has a phrase
 * in it, as Lucene keeps positions apart from postings.
 *
 * A shard is bytes: a table of its terms, sorted, then each term's
 * postings. All numbers are unsigned LEB128 varints.
 *   shard   = termCount, (termByteLength, termUtf8, postingByteLength)*, posting*
 *   posting = documentCount, (documentDelta, field, field)*   (title, then text)
 *   field   = count, (positionDelta << 1 | hasSpan, [span])*
 * A compound's joined form spans its parts (span > 1); every other word spans 1.
 */
import { ByteReader, ByteWriter } from "./index/bytes";

/** Terms per shard aim at this many bytes, so a phrase fetches little. */
export const TARGET_SHARD_BYTES = 256 * 1024;

/** Occurrences of a term in one field of one document, by position. */
export interface FieldPositions {
  positions: readonly number[];
  /** Positions covered from each one on (1 but for a compound's joined form). */
  spans: readonly number[];
}

/** Where a term stands in one document. */
export interface DocumentPositions {
  title: FieldPositions;
  text: FieldPositions;
}

/** A term's postings: document position → where it stands there. */
export type TermPositions = ReadonlyMap<number, DocumentPositions>;

// ---------------------------------------------------------------- building

/**
 * Joins postings of one term from consecutive ranges of documents (each
 * coded from document 0, so its first gap is its first document) into one.
 */
export function concatPostings(parts: readonly { posting: Uint8Array; lastDocument: number }[]): Uint8Array {
  if (parts.length === 1) return parts[0]!.posting;
  const out = new ByteWriter();
  const read = parts.map(({ posting }) => {
    const reader = new ByteReader(posting, "a positions posting");
    return { count: reader.varint(), first: reader.varint(), rest: posting.subarray(reader.offset) };
  });
  out.varint(read.reduce((sum, part) => sum + part.count, 0));
  let previous = 0;
  read.forEach((part, i) => {
    out.varint(part.first - previous);
    out.bytes(part.rest);
    previous = parts[i]!.lastDocument;
  });
  return out.finish();
}

/** A positions shard: a table of its terms (given sorted) and their postings. */
export function encodePositionsShard(entries: readonly (readonly [string, Uint8Array])[]): Uint8Array {
  const encoder = new TextEncoder();
  const out = new ByteWriter();
  out.varint(entries.length);
  for (const [term, posting] of entries) {
    const name = encoder.encode(term);
    out.varint(name.length);
    out.bytes(name);
    out.varint(posting.length);
  }
  for (const [, posting] of entries) out.bytes(posting);
  return out.finish();
}

/** Writes a field's entries (position, span, position, span…) as varints, positions delta-coded. */
export function encodeField(entries: readonly number[], out: ByteWriter): void {
  out.varint(entries.length / 2);
  let previous = 0;
  for (let i = 0; i < entries.length; i += 2) {
    const [position, span] = [entries[i]!, entries[i + 1]!];
    out.varint((position - previous) * 2 + (span > 1 ? 1 : 0));
    if (span > 1) out.varint(span);
    previous = position;
  }
}

// ---------------------------------------------------------------- reading

/** One shard, read: its terms and where each one's postings are. */
export class PositionsShard {
  private readonly table = new Map<string, { start: number; end: number }>();

  constructor(private readonly bytes: Uint8Array) {
    const reader = new ByteReader(bytes, "a positions shard");
    const count = reader.varint();
    const decoder = new TextDecoder();
    const entries: [string, number][] = [];
    for (let i = 0; i < count; i++) {
      const name = decoder.decode(reader.take(reader.varint()));
      entries.push([name, reader.varint()]);
    }
    let start = reader.offset;
    for (const [name, length] of entries) {
      this.table.set(name, { start, end: start + length });
      start += length;
    }
    if (start !== bytes.length) throw new RangeError("a positions shard does not add up");
  }

  get byteLength(): number {
    return this.bytes.length;
  }

  /** Each term with its posting's bytes, in term order. */
  *entries(): Generator<[term: string, posting: Uint8Array]> {
    for (const [term, { start, end }] of this.table) yield [term, this.bytes.subarray(start, end)];
  }

  /** A cursor over where `term` stands, document by document (none when the shard has no such term). */
  cursor(term: string, damaged?: (error: RangeError) => Error): PositionsCursor {
    const range = this.table.get(term);
    return range ? new PositionsCursor(this.bytes.subarray(range.start, range.end), damaged) : PositionsCursor.empty();
  }

  /** Where `term` stands, in the documents `wanted` accepts (all when omitted). */
  positions(term: string, wanted?: (document: number) => boolean): TermPositions {
    const result = new Map<number, DocumentPositions>();
    const range = this.table.get(term);
    if (!range) return result;
    const reader = new ByteReader(this.bytes.subarray(range.start, range.end), "a positions posting");
    let document = 0;
    for (let count = reader.varint(); count > 0; count--) {
      document += reader.varint();
      if (wanted && !wanted(document)) {
        skipField(reader);
        skipField(reader);
        continue;
      }
      const title = readField(reader);
      const text = readField(reader);
      result.set(document, { title, text });
    }
    return result;
  }
}

/**
 * One term's positions, read document by document in ascending order: a
 * phrase walks its candidates upwards, so each word's posting is read once,
 * the documents between candidates skipped without decoding, and a
 * candidate's positions decoded into arrays reused from one to the next
 * (an array per document per field was most of a phrase's garbage).
 */
export class PositionsCursor {
  private readonly reader: ByteReader;
  private remaining: number;
  private document = 0;
  /** Whether the current document's fields are still unread. */
  private pending = false;
  /** The current document's fields, once decoded (valid until the next seek). */
  readonly title: FieldPositions = { positions: [], spans: [] };
  readonly text: FieldPositions = { positions: [], spans: [] };

  /** `damaged` makes the error a malformed posting is reported as (load.ts: the artifact is damaged). */
  constructor(
    posting: Uint8Array,
    private readonly damaged: (error: RangeError) => Error = (error) => error,
  ) {
    this.reader = new ByteReader(posting, "a positions posting");
    this.remaining = this.guarded(() => this.reader.varint());
  }

  /** A term found nowhere. */
  static empty(): PositionsCursor {
    return new PositionsCursor(new Uint8Array([0]));
  }

  /**
   * Moves to `target` (at or after the document last sought) and decodes
   * where the term stands there; false when the term is not in it.
   */
  seek(target: number): boolean {
    return this.guarded(() => this.seekUnguarded(target));
  }

  private guarded<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      // A posting is decoded only when a phrase reads it: its damage shows here, not at load.
      throw error instanceof RangeError ? this.damaged(error) : error;
    }
  }

  private seekUnguarded(target: number): boolean {
    while (this.pending ? this.document < target : this.remaining > 0) {
      if (this.pending) {
        skipField(this.reader);
        skipField(this.reader);
        this.pending = false;
        continue;
      }
      this.document += this.reader.varint();
      this.remaining--;
      this.pending = true;
      if (this.document >= target) break;
    }
    if (!this.pending || this.document !== target) return false;
    decodeField(this.reader, this.title);
    decodeField(this.reader, this.text);
    this.pending = false;
    return true;
  }
}

/**
 * A term's posting cut by shard: document d goes to shard shardOf[d] as its
 * document localOf[d] (ascending with d within a shard); each field's
 * bytes are copied as they are. A shard with none of the documents gets null.
 */
export function splitPositionsPosting(posting: Uint8Array, shards: number, shardOf: ArrayLike<number>, localOf: ArrayLike<number>): (Uint8Array | null)[] {
  const reader = new ByteReader(posting, "a positions posting");
  const parts = Array.from({ length: shards }, () => ({ documents: [] as number[], fields: [] as Uint8Array[] }));
  let document = 0;
  for (let count = reader.varint(); count > 0; count--) {
    document += reader.varint();
    const start = reader.offset;
    skipField(reader);
    skipField(reader);
    const part = parts[shardOf[document]!]!;
    part.documents.push(localOf[document]!);
    part.fields.push(posting.subarray(start, reader.offset));
  }
  if (!reader.done) throw new RangeError("a positions posting has bytes left over");
  return parts.map(({ documents, fields }) => {
    if (documents.length === 0) return null;
    const out = new ByteWriter();
    out.varint(documents.length);
    let previous = 0;
    documents.forEach((local, i) => {
      out.varint(local - previous);
      out.bytes(fields[i]!);
      previous = local;
    });
    return out.finish();
  });
}

/** Decodes a field into `into`'s arrays, replacing what they held. */
function decodeField(reader: ByteReader, into: FieldPositions): void {
  const count = reader.varint();
  const positions = into.positions as number[];
  const spans = into.spans as number[];
  positions.length = count;
  spans.length = count;
  let position = 0;
  for (let i = 0; i < count; i++) {
    const value = reader.varint();
    position += Math.floor(value / 2);
    positions[i] = position;
    spans[i] = value & 1 ? reader.varint() : 1;
  }
}

/** Reads past a field, decoding nothing: most documents holding a phrase's words are not candidates for it. */
function skipField(reader: ByteReader): void {
  for (let count = reader.varint(); count > 0; count--) if (reader.varint() & 1) reader.varint();
}

function readField(reader: ByteReader): FieldPositions {
  const field: FieldPositions = { positions: [], spans: [] };
  decodeField(reader, field);
  return field;
}

// ---------------------------------------------------------------- matching

/**
 * Whether the terms stand side by side, in order, in one field: each next
 * term where the previous one ends (a joined compound ends after its parts).
 */
export function fieldHasPhrase(fields: readonly FieldPositions[]): boolean {
  const [first, ...rest] = fields;
  if (!first) return false;
  outer: for (let i = 0; i < first.positions.length; i++) {
    let next = first.positions[i]! + first.spans[i]!;
    for (const field of rest) {
      const at = indexOf(field.positions, next);
      if (at < 0) continue outer;
      next += field.spans[at]!;
    }
    return true;
  }
  return false;
}

/** Binary search in ascending positions; -1 when absent. */
function indexOf(sorted: readonly number[], value: number): number {
  let [low, high] = [0, sorted.length - 1];
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = sorted[middle]!;
    if (found === value) return middle;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
