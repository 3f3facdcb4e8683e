/**
 * A filterable field's values per document, for filters and facet counts
 * without reading a document's record: the field's distinct values (a
 * dictionary, in code-unit order) and, per document, the numbers of its
 * values in that dictionary (a list of tags is several), at the narrowest
 * width that holds them, as documents.bin's columns are. Two files per
 * field, read on the first query that filters or counts on it:
 *   fields/<n>.json   the dictionary: ["policy", "solar", …]
 *   fields/<n>.bin    header (count width, value width, 0, 0), then each
 *                     document's value count, padded to 4 bytes, then the
 *                     value numbers of every document in turn
 * An isolate sums the counts into offsets once, when it reads the table.
 */
import { compareStrings } from "../../strings";
import type { ByteWidth, DocumentRecord, FieldValue } from "../artifact";
import { widthFor } from "./document-table";

type Column = Uint8Array | Uint16Array | Uint32Array;

/** The values a field's table counts: text as is, a number as its text, each item of a list. */
export function tableValues(value: FieldValue | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...new Set(value)] : [String(value)];
}

/**
 * The `date` facet: a document's year, from its date (undated: none). A
 * table like a field's, so counting years reads 2–3 bytes a document, not
 * the 16 of dates.bin, and `date=2017` filters as `tags=solar` does.
 */
export const DATE_FACET = "date";

export function yearOf(date: string | null): string[] {
  return date === null ? [] : [date.slice(0, 4)];
}

/** The values a document has in a facet table: its year for the date facet, else the field's. */
export function facetValues(document: Pick<DocumentRecord, "date" | "fields">, name: string): string[] {
  return name === DATE_FACET ? yearOf(document.date) : tableValues(document.fields[name]);
}

/** Encodes one field's table for documents in position order. */
export function encodeFieldTable(values: readonly (readonly string[])[]): { dictionary: string[]; table: Uint8Array } {
  const dictionary = [...new Set(values.flat())].sort(compareStrings);
  const numbers = new Map(dictionary.map((value, n) => [value, n]));
  const counts = values.map((list) => list.length);
  const flat = values.flatMap((list) => list.map((value) => numbers.get(value)!));
  const countWidth = widthFor(counts);
  const valueWidth = widthFor(flat);
  const countsBytes = padded(counts.length * countWidth);
  const table = new Uint8Array(4 + countsBytes + flat.length * valueWidth);
  table.set([countWidth, valueWidth, 0, 0]);
  column(table.buffer, 4, counts.length, countWidth).set(counts);
  column(table.buffer, 4 + countsBytes, flat.length, valueWidth).set(flat);
  return { dictionary, table };
}

/** What filters and facet counts read of a facet: its values, and each document's. */
export interface FacetTable {
  readonly dictionary: readonly string[];
  /** The dictionary numbers of a document's values (none when it has none). */
  valuesOf(position: number): ArrayLike<number>;
  /** The dictionary number of a value, or -1 when no document has it. */
  numberOf(value: string): number;
}

/**
 * A facet of one value or none per document, from a column read at start
 * (documents.bin's year: 0 for none, else 1 + the value's number).
 */
export class ColumnFacetTable implements FacetTable {
  private readonly single: Uint32Array[];
  private static readonly NONE = new Uint32Array(0);

  constructor(
    readonly dictionary: readonly string[],
    private readonly column: ArrayLike<number>,
  ) {
    // One array per value, made once: reading a document's value allocates nothing.
    this.single = dictionary.map((_, n) => Uint32Array.of(n));
  }

  valuesOf(position: number): Uint32Array {
    const value = this.column[position]!;
    return value === 0 ? ColumnFacetTable.NONE : this.single[value - 1]!;
  }

  numberOf(value: string): number {
    return numberIn(this.dictionary, value);
  }
}

/** A value's place in a dictionary in code-unit order, or -1. */
function numberIn(dictionary: readonly string[], value: string): number {
  let [low, high] = [0, dictionary.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareStrings(dictionary[middle]!, value) < 0) low = middle + 1;
    else high = middle;
  }
  return dictionary[low] === value ? low : -1;
}

/** One field's table, read. */
export class FieldTable implements FacetTable {
  private readonly offsets: Uint32Array;
  private readonly numbers: Column;

  /** Throws RangeError when the bytes do not fit the document count or the dictionary. */
  constructor(
    readonly dictionary: readonly string[],
    bytes: Uint8Array,
    documentCount: number,
  ) {
    const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
    const [countWidth, valueWidth] = [aligned[0], aligned[1]];
    if (!isWidth(countWidth) || !isWidth(valueWidth)) throw new RangeError("a field table's header is malformed");
    const countsBytes = padded(documentCount * countWidth);
    if (aligned.length < 4 + countsBytes) throw new RangeError("a field table is shorter than its documents");
    const counts = column(aligned.buffer, aligned.byteOffset + 4, documentCount, countWidth);
    this.offsets = new Uint32Array(documentCount + 1);
    for (let position = 0; position < documentCount; position++) this.offsets[position + 1] = this.offsets[position]! + counts[position]!;
    const total = this.offsets[documentCount]!;
    if (aligned.length !== 4 + countsBytes + total * valueWidth) throw new RangeError("a field table's counts do not match its values");
    this.numbers = column(aligned.buffer, aligned.byteOffset + 4 + countsBytes, total, valueWidth);
    for (let i = 0; i < total; i++) if (this.numbers[i]! >= dictionary.length) throw new RangeError("a field table names a value past its dictionary");
  }

  /** The dictionary numbers of a document's values (none when it has no value). */
  valuesOf(position: number): Column {
    return this.numbers.subarray(this.offsets[position]!, this.offsets[position + 1]!);
  }

  /** The dictionary number of a value, or -1 when no document has it. */
  numberOf(value: string): number {
    return numberIn(this.dictionary, value);
  }

  /** Heap bytes it takes, about. */
  get byteLength(): number {
    return 4 * this.offsets.length + this.numbers.byteLength + this.dictionary.reduce((sum, value) => sum + 2 * value.length + 32, 0);
  }
}

function isWidth(value: number | undefined): value is ByteWidth {
  return value === 1 || value === 2 || value === 4;
}

function padded(bytes: number): number {
  return Math.ceil(bytes / 4) * 4;
}

/** A typed-array view; a 2- or 4-byte column copied out when its offset is not aligned to its width. */
function column(buffer: ArrayBufferLike, offset: number, count: number, width: ByteWidth): Column {
  if (width === 1) return new Uint8Array(buffer, offset, count);
  if (offset % width !== 0) {
    const copy = new Uint8Array(buffer, offset, count * width).slice();
    return width === 2 ? new Uint16Array(copy.buffer) : new Uint32Array(copy.buffer);
  }
  return width === 2 ? new Uint16Array(buffer, offset, count) : new Uint32Array(buffer, offset, count);
}
