/**
 * A filterable field's values per document, for filters and facet counts
 * without reading a document's record: the field's distinct values (a
 * dictionary, in code-unit order) and, per document, the numbers of its
 * values in that dictionary (a list of tags is several). Two files per
 * field, read on the first query that filters or counts on it:
 *   fields/<n>.json   the dictionary: ["policy", "solar", …]
 *   fields/<n>.bin    Uint32 offsets (documents + 1), then Uint32 value numbers
 * Document p's values are numbers[offsets[p] .. offsets[p + 1]).
 */
import { compareStrings } from "../../strings";
import type { FieldValue } from "../artifact";

/** The values a field's table counts: text as is, a number as its text, each item of a list. */
export function tableValues(value: FieldValue | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...new Set(value)] : [String(value)];
}

/** Encodes one field's table for documents in position order. */
export function encodeFieldTable(values: readonly (readonly string[])[]): { dictionary: string[]; table: Uint8Array } {
  const dictionary = [...new Set(values.flat())].sort(compareStrings);
  const numbers = new Map(dictionary.map((value, n) => [value, n]));
  const total = values.reduce((sum, list) => sum + list.length, 0);
  const words = new Uint32Array(values.length + 1 + total);
  let at = values.length + 1;
  values.forEach((list, position) => {
    words[position] = at - (values.length + 1);
    for (const value of list) words[at++] = numbers.get(value)!;
  });
  words[values.length] = total;
  return { dictionary, table: new Uint8Array(words.buffer) };
}

/** One field's table, read. */
export class FieldTable {
  private readonly offsets: Uint32Array;
  private readonly numbers: Uint32Array;

  /** Throws RangeError when the bytes do not fit the document count or the dictionary. */
  constructor(
    readonly dictionary: readonly string[],
    bytes: Uint8Array,
    documentCount: number,
  ) {
    const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
    if (aligned.length % 4 !== 0 || aligned.length < 4 * (documentCount + 1)) throw new RangeError("a field table is shorter than its documents");
    const words = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length / 4);
    this.offsets = words.subarray(0, documentCount + 1);
    this.numbers = words.subarray(documentCount + 1);
    if (this.offsets[documentCount] !== this.numbers.length) throw new RangeError("a field table's offsets do not match its values");
    for (let i = 0; i < this.numbers.length; i++) if (this.numbers[i]! >= dictionary.length) throw new RangeError("a field table names a value past its dictionary");
  }

  /** The dictionary numbers of a document's values (none when it has no value). */
  valuesOf(position: number): Uint32Array {
    return this.numbers.subarray(this.offsets[position]!, this.offsets[position + 1]!);
  }

  /** The dictionary number of a value, or -1 when no document has it. */
  numberOf(value: string): number {
    let [low, high] = [0, this.dictionary.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.dictionary[middle]! < value) low = middle + 1;
      else high = middle;
    }
    return this.dictionary[low] === value ? low : -1;
  }

  /** Heap bytes it takes, about. */
  get byteLength(): number {
    return 4 * (this.offsets.length + this.numbers.length) + this.dictionary.reduce((sum, value) => sum + 2 * value.length + 32, 0);
  }
}
