/**
 * A hit as Meilisearch returns one: the document's attributes as stored,
 * and under `_formatted` the same attributes with the query's matches
 * between the client's tags and long ones cropped to the best passage.
 * Meilisearch writes `_formatted` values unescaped (InstantSearch escapes
 * them itself), so they are the text as stored with tags added.
 * See https://www.meilisearch.com/docs/reference/api/search#attributes-to-highlight
 */
import type { DocumentRecord, FieldValue } from "./artifact";
import { crop, markAll, matchPlaces, type Highlight, type Marking } from "./snippet";

/** What a Meilisearch request asks of each hit's attributes (meilisearch/request.ts). */
export interface HitFormat {
  /** The attributes a hit carries, as named; null: every attribute the document has. */
  retrieve: readonly string[] | null;
  /** Attributes whose matches are marked; "*" among them: every attribute retrieved. */
  highlight: readonly string[];
  /** Attributes cropped, each to its number of words; `"*"` stands for every attribute retrieved. */
  crop: readonly (readonly [attribute: string, words: number])[];
  preTag: string;
  postTag: string;
  cropMarker: string;
  /** Give each hit where its attributes' matches are (`_matchesPosition`). */
  matchesPosition: boolean;
}

/** A match's place in an attribute's value, in UTF-16 code units (JavaScript string indices). */
export interface MatchPosition {
  start: number;
  length: number;
}

/** A hit's attributes for a Meilisearch client. */
export interface FormattedHit {
  document: Record<string, FieldValue | null>;
  /** Present when the request highlights or crops any attribute (Meilisearch gives `_formatted` only then). */
  formatted: Record<string, FieldValue | null> | null;
  matchesPosition: Record<string, MatchPosition[]> | null;
}

/** Every attribute of a document, in the order Meilisearch's clients see them: id first, text last. */
export function documentAttributes(record: DocumentRecord, text: string): Record<string, FieldValue | null> {
  const { id, title, source, date, url, fields } = record;
  // The document's own keys win over a metadata field of the same name (only "id" and "text" can be one: corpus/fields.ts).
  const { id: _id, text: _text, ...metadata } = fields;
  return { id, title, source, date, url, ...metadata, text };
}

/** A hit's attributes, formatted as `format` asks. */
export function formatHit(record: DocumentRecord, text: string, highlight: Highlight, format: HitFormat): FormattedHit {
  const all = documentAttributes(record, text);
  const names = format.retrieve === null || format.retrieve.includes("*") ? Object.keys(all) : format.retrieve.filter((name) => name in all);
  const document = Object.fromEntries(names.map((name) => [name, all[name]!]));
  const marked = new Set(format.highlight.filter((name) => name === "*" || names.includes(name)));
  const marksAll = marked.has("*");
  const cropAll = format.crop.find(([name]) => name === "*")?.[1];
  const cropped = new Map(format.crop.filter(([name]) => name !== "*"));
  let formatted: FormattedHit["formatted"] = null;
  if (marked.size > 0 || format.crop.length > 0) {
    const marking: Marking = { pre: format.preTag, post: format.postTag, escape: (value) => value, cutMarker: format.cropMarker };
    const plain: Marking = { ...marking, pre: "", post: "" };
    formatted = {};
    for (const name of names) {
      const words = cropped.get(name) ?? cropAll;
      const how = marksAll || marked.has(name) ? marking : plain;
      const format = (value: string) => (words !== undefined ? crop(value, highlight, words, how) : how === plain ? value : markAll(value, highlight, how));
      formatted[name] = formatValue(all[name]!, format);
    }
  }
  let matchesPosition: FormattedHit["matchesPosition"] = null;
  if (format.matchesPosition) {
    matchesPosition = {};
    for (const name of names) {
      const value = all[name];
      if (typeof value !== "string") continue;
      const places = matchPlaces(value, highlight).map(({ start, end }) => ({ start, length: end - start }));
      if (places.length > 0) matchesPosition[name] = places;
    }
  }
  return { document, formatted, matchesPosition };
}

/** Strings marked or cropped, lists item by item; numbers and null as they are. */
function formatValue(value: FieldValue | null, format: (text: string) => string): FieldValue | null {
  if (typeof value === "string") return format(value);
  if (Array.isArray(value)) return value.map(format);
  return value;
}
