/**
 * documents.bin: what scoring and facets need of every document, as columns
 * of unsigned integers (a few bytes a document), read once per isolate:
 * MiniSearch's unique-term count of the title, the text and the searchable
 * metadata fields, and the
 * document's source as an index into meta.json's source names. Each column
 * starts on a 4-byte boundary, so it is read in place as a typed array.
 */
import type { ByteWidth, TableWidths } from "../artifact";

type Column = Uint8Array | Uint16Array | Uint32Array;

/** The per-document columns, by document position. */
export interface DocumentTable {
  titleLength: Column;
  textLength: Column;
  fieldsLength: Column;
  source: Column;
  /** The document's year, as 1 + its place in meta.json's dateYears; 0 when undated. */
  year: Column;
  /** The words of the title's name (analysis/word-rank.ts), for the rule that puts the thing named first. */
  nameLength: Column;
}

const COLUMNS = ["titleLength", "textLength", "fieldsLength", "source", "year", "nameLength"] as const;

/** The narrowest width that holds every value. */
export function widthFor(values: ArrayLike<number>): ByteWidth {
  let largest = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > largest) largest = values[i]!;
  return largest < 0x100 ? 1 : largest < 0x10000 ? 2 : 4;
}

/** Encodes the columns at the given widths. */
export function encodeDocumentTable(columns: Record<keyof TableWidths, ArrayLike<number>>, widths: TableWidths): Uint8Array {
  const count = columns.source.length;
  const bytes = new Uint8Array(tableBytes(count, widths));
  let offset = 0;
  for (const name of COLUMNS) {
    const column = view(bytes.buffer, offset, count, widths[name]);
    column.set(columns[name]);
    offset += padded(count * widths[name]);
  }
  return bytes;
}

/** Reads the columns in place; throws RangeError when the size does not match. */
export function decodeDocumentTable(bytes: Uint8Array, count: number, widths: TableWidths): DocumentTable {
  if (bytes.length !== tableBytes(count, widths) || bytes.byteOffset % 4 !== 0) {
    throw new RangeError(`the document table holds ${bytes.length} bytes, not the ${tableBytes(count, widths)} its metadata says`);
  }
  const table: Partial<DocumentTable> = {};
  let offset = bytes.byteOffset;
  for (const name of COLUMNS) {
    table[name] = view(bytes.buffer, offset, count, widths[name]);
    offset += padded(count * widths[name]);
  }
  return table as DocumentTable;
}

function tableBytes(count: number, widths: TableWidths): number {
  return COLUMNS.reduce((sum, name) => sum + padded(count * widths[name]), 0);
}

function padded(bytes: number): number {
  return Math.ceil(bytes / 4) * 4;
}

function view(buffer: ArrayBufferLike, offset: number, count: number, width: ByteWidth): Column {
  if (width === 1) return new Uint8Array(buffer, offset, count);
  if (width === 2) return new Uint16Array(buffer, offset, count);
  return new Uint32Array(buffer, offset, count);
}

/**
 * dates.bin: each document's date as the span of time it covers, in
 * milliseconds since 1970 (start, end), NaN for an undated document. Read on
 * the first date filter or date sort only.
 */
export function encodeDates(spans: readonly ({ start: string; end: string } | null)[]): Uint8Array {
  const values = new Float64Array(spans.length * 2);
  spans.forEach((span, position) => {
    values[2 * position] = span ? Date.parse(span.start) : NaN;
    values[2 * position + 1] = span ? Date.parse(span.end) : NaN;
  });
  return new Uint8Array(values.buffer);
}

/** Reads dates.bin in place (copied when its bytes are not 8-aligned). */
export function decodeDates(bytes: Uint8Array, count: number): Float64Array {
  if (bytes.length !== count * 16) throw new RangeError(`the date table holds ${bytes.length} bytes, not ${count * 16}`);
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  return new Float64Array(aligned.buffer, aligned.byteOffset, count * 2);
}
