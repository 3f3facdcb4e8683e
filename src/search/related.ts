/**
 * Documents that share passages (found at build time: corpus/passages.ts),
 * as the API gives them: a document's relatives with the shared spans,
 * and a hit's "also in", the documents that carry what its snippet shows.
 */
import type { CarrierEntry, RelatedEntry } from "./artifact";

/** A passage two documents share: where it stands in this one and in the other. */
export interface SharedSpan {
  /** UTF-16 offset of its first word in this document's text. */
  start: number;
  /** UTF-16 offset just past its last word in this document's text. */
  end: number;
  /** The same in the other document's text. */
  otherStart: number;
  otherEnd: number;
  /** Words in it, as the index reads words. */
  words: number;
}

/** A document sharing passages with another. */
export interface Related {
  id: string;
  source: string;
  title: string;
  /** Most of one of the two is in the other (half of either's words): versions of one text. */
  nearCopy: boolean;
  /** Words of this document inside a shared passage. */
  sharedWords: number;
  /** The shared passages, by where they start in this document (the longest kept, see corpus/related.ts). */
  spans: SharedSpan[];
}

/** A document carrying passages of another, as a hit reads it (a records file's carriers). */
export interface Carrier {
  id: string;
  source: string;
  title: string;
  nearCopy: boolean;
  /** Where in this document's text the other carries a passage: [start, end] UTF-16 offsets, flat, by start, disjoint. */
  spans: readonly number[];
}

/** What a hit says of the documents that carry it too. */
export interface AlsoIn {
  id: string;
  source: string;
  title: string;
}

/**
 * Other documents named on a hit: a hit is a line in a list, and three
 * outlets say "this was widely carried" as well as thirty would.
 */
export const MAX_ALSO_IN = 3;

/** A related/<n>.json entry, read. */
export function relatedOf([id, source, title, nearCopy, sharedWords, flat]: RelatedEntry): Related {
  const spans: SharedSpan[] = [];
  for (let i = 0; i + 4 < flat.length; i += 5) spans.push({ start: flat[i]!, end: flat[i + 1]!, otherStart: flat[i + 2]!, otherEnd: flat[i + 3]!, words: flat[i + 4]! });
  return { id, source, title, nearCopy: nearCopy === 1, sharedWords, spans };
}

/** True when `value` has the shape of a related/<n>.json entry. */
export function isRelatedEntry(value: unknown): value is RelatedEntry {
  if (!Array.isArray(value) || value.length !== 6) return false;
  const [id, source, title, nearCopy, sharedWords, spans] = value as unknown[];
  return namesDocument(id, source, title, nearCopy) && Number.isInteger(sharedWords) && isOffsetList(spans, 5);
}

/** A records file's carrier, read. */
export function carrierOf([id, source, title, nearCopy, spans]: CarrierEntry): Carrier {
  return { id, source, title, nearCopy: nearCopy === 1, spans };
}

/** True when `value` has the shape of a records file's carrier. */
export function isCarrierEntry(value: unknown): value is CarrierEntry {
  if (!Array.isArray(value) || value.length !== 5) return false;
  const [id, source, title, nearCopy, spans] = value as unknown[];
  return namesDocument(id, source, title, nearCopy) && isOffsetList(spans, 2);
}

/** The other document's id, source and title, and whether it is a near-copy (0 or 1), as related and carrier entries begin. */
function namesDocument(id: unknown, source: unknown, title: unknown, nearCopy: unknown): boolean {
  return typeof id === "string" && typeof source === "string" && typeof title === "string" && (nearCopy === 0 || nearCopy === 1);
}

/** A flat list of records of `width` non-negative integers each. */
function isOffsetList(values: unknown, width: number): boolean {
  return Array.isArray(values) && values.length % width === 0 && values.every((n) => Number.isInteger(n) && (n as number) >= 0);
}

/**
 * The documents a hit names as carrying it too: its near-copies (they carry
 * the whole story) and the documents carrying a passage that overlaps the
 * part of the text its snippet shows, `shown` (UTF-16 offsets), at most
 * MAX_ALSO_IN, in the order carriers are kept (most shared words first).
 */
export function alsoIn(carriers: readonly Carrier[], shown: { start: number; end: number }): AlsoIn[] {
  return carriers
    .filter(({ nearCopy, spans }) => nearCopy || overlaps(spans, shown))
    .slice(0, MAX_ALSO_IN)
    .map(({ id, source, title }) => ({ id, source, title }));
}

/** True when one of the flat [start, end] spans overlaps `shown`. */
function overlaps(spans: readonly number[], shown: { start: number; end: number }): boolean {
  for (let i = 0; i + 1 < spans.length; i += 2) if (spans[i]! < shown.end && shown.start < spans[i + 1]!) return true;
  return false;
}
