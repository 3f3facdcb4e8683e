/**
 * A batch's term records on disk, between the thread that indexed the batch
 * and the merge (Lucene's and tantivy's segments play this part): written
 * once, read back in term order a buffer at a time, so the merge holds one
 * record per batch, not the batches. Each record is its byte length (4
 * bytes, little-endian) and then varints and UTF-8:
 *   record = term, field, field, positionsLength, positions, lastDocument, spellingCount, (spelling, count)*
 *   field  = documentCount, (documentGap, count, [firstWord])*      (gaps from document 0; firstWord in the title only)
 *   term, spelling = byteLength, utf8
 */
import { closeSync, openSync, readSync } from "node:fs";
import { ByteReader, ByteWriter } from "../search/index/bytes";
import { TITLE_FIELD, type FieldPostings } from "../search/index/postings";
import type { TermRecord } from "./batch";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The records as a run file's bytes. */
export function encodeRun(records: readonly TermRecord[]): Uint8Array {
  const out = new ByteWriter();
  for (const { term, fields, positions, lastDocument, spellings } of records) {
    const body = new ByteWriter();
    text(body, term);
    fields.forEach((field, id) => {
      const documents = field?.documents ?? [];
      body.varint(documents.length);
      let previous = 0;
      documents.forEach((document, i) => {
        body.varint(document - previous);
        body.varint(field!.counts[i]!);
        if (id === TITLE_FIELD) body.varint(field!.firstWords![i]!);
        previous = document;
      });
    });
    body.varint(positions.length);
    body.bytes(positions);
    body.varint(lastDocument);
    body.varint(spellings.length);
    for (const [spelling, count] of spellings) {
      text(body, spelling);
      body.varint(count);
    }
    const bytes = body.finish();
    out.bytes(uint32(bytes.length));
    out.bytes(bytes);
  }
  return out.finish();
}

/** Reads a run file's records in order, a buffer at a time. */
export function* readRun(file: string, bufferBytes = 256 * 1024): Generator<TermRecord> {
  const handle = openSync(file, "r");
  let buffer = new Uint8Array(bufferBytes);
  let [start, end, eof] = [0, 0, false];
  /** Makes `bytes` bytes available from `start`; false at the end of the file. */
  const fill = (bytes: number): boolean => {
    if (end - start >= bytes) return true;
    if (start > 0) {
      buffer.copyWithin(0, start, end);
      [end, start] = [end - start, 0];
    }
    if (bytes > buffer.length) {
      const grown = new Uint8Array(Math.max(bytes, buffer.length * 2));
      grown.set(buffer.subarray(0, end));
      buffer = grown;
    }
    while (end < bytes && !eof) {
      const read = readSync(handle, buffer, end, buffer.length - end, null);
      if (read === 0) eof = true;
      end += read;
    }
    return end - start >= bytes;
  };
  try {
    while (fill(4)) {
      const length = buffer[start]! | (buffer[start + 1]! << 8) | (buffer[start + 2]! << 16) | (buffer[start + 3]! * 2 ** 24);
      start += 4;
      if (!fill(length)) throw new RangeError(`${file} ends inside a record`);
      const record = decodeRecord(buffer.subarray(start, start + length));
      start += length;
      yield record;
    }
    if (end > start) throw new RangeError(`${file} ends inside a record's length`);
  } finally {
    closeSync(handle);
  }
}

function decodeRecord(bytes: Uint8Array): TermRecord {
  const reader = new ByteReader(bytes, "a run record");
  const term = readText(reader);
  const fields = [readField(reader, true), readField(reader, false), readField(reader, false)] as TermRecord["fields"];
  // Copied: the buffer it was read into is reused for the next records.
  const positions = reader.take(reader.varint()).slice();
  const lastDocument = reader.varint();
  const spellings: [string, number][] = [];
  for (let count = reader.varint(); count > 0; count--) spellings.push([readText(reader), reader.varint()]);
  return { term, fields, positions, lastDocument, spellings };
}

function readField(reader: ByteReader, title: boolean): FieldPostings | undefined {
  const count = reader.varint();
  if (count === 0) return undefined;
  const documents: number[] = new Array(count);
  const counts: number[] = new Array(count);
  const firstWords: number[] | undefined = title ? new Array(count) : undefined;
  let document = 0;
  for (let i = 0; i < count; i++) {
    document += reader.varint();
    documents[i] = document;
    counts[i] = reader.varint();
    if (firstWords) firstWords[i] = reader.varint();
  }
  return { documents, counts, firstWords };
}

function text(out: ByteWriter, value: string): void {
  const bytes = encoder.encode(value);
  out.varint(bytes.length);
  out.bytes(bytes);
}

function readText(reader: ByteReader): string {
  return decoder.decode(reader.take(reader.varint()));
}

function uint32(value: number): Uint8Array {
  return Uint8Array.of(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff);
}
