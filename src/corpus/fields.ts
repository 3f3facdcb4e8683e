/**
 * A document's metadata fields beyond title, source, date and url: what
 * front matter, a manifest entry, an HTML page's <meta> tags or a JSON
 * record gives (author, tags, description…), kept so that no word of it is
 * lost, and settings saying which are searchable, filterable and facets
 * (Meilisearch's searchableAttributes, filterableAttributes and facets are
 * the model).
 */
import { z } from "zod";
import type { DocumentFields, FieldValue } from "../search/artifact";
import { compareStrings } from "../strings";

/** Keys that are a document's own metadata, never one of its fields. */
export const STANDARD_KEYS = new Set(["title", "source", "date", "url"]);

/** What can be done with a field. */
export interface FieldSetting {
  /** Its words find the document (strings, lists and numbers). */
  searchable: boolean;
  /** Counted per value in /search's facets; implies filterable. */
  facet: boolean;
  /** /search can keep only documents with a value (`?tags=solar`). */
  filterable: boolean;
}

/** Settings for some fields by name; the rest get defaultSetting. */
export type FieldSettings = ReadonlyMap<string, FieldSetting>;

/** Fields that are facets unless the manifest says otherwise. */
const DEFAULT_FACETS = new Set(["tags"]);

/** Every field is searchable (as Meilisearch's default `["*"]`); tags are a facet. */
export function defaultSetting(name: string): FieldSetting {
  const facet = DEFAULT_FACETS.has(name);
  return { searchable: true, facet, filterable: facet };
}

export function settingOf(settings: FieldSettings, name: string): FieldSetting {
  return settings.get(name) ?? defaultSetting(name);
}

/** A field's name: it becomes a query parameter (`?tags=solar`) and a facet's key. */
const FIELD_NAME = /^[\p{L}_][\p{L}\p{N}_.-]{0,63}$/u;

/** The manifest's `fields` entry: name → { searchable?, facet?, filterable? }. */
export const fieldSettingsSchema = z.record(
  z.string().regex(FIELD_NAME, { message: "a field name is letters, digits, _ - and . (starting with a letter or _)" }),
  z.strictObject({ searchable: z.boolean().optional(), facet: z.boolean().optional(), filterable: z.boolean().optional() }),
);

/** The manifest's settings, completed with the defaults. */
export function readFieldSettings(raw: z.infer<typeof fieldSettingsSchema>): FieldSettings {
  return new Map(
    Object.entries(raw).map(([name, given]) => {
      const base = defaultSetting(name);
      const facet = given.facet ?? base.facet;
      return [name, { searchable: given.searchable ?? base.searchable, facet, filterable: facet || (given.filterable ?? base.filterable) }];
    }),
  );
}

/**
 * The fields among metadata as front matter or JSON gives them: each value
 * a string, a number or a list of strings; true/false as text; a nested
 * object's keys joined with "." (`author.name`), in a list of objects too
 * (`authors: [{ name }]` → `authors.name: [...]`); null and empty values
 * left out (they hold no word). Two keys that meet under one name (`a.b`,
 * and `b` inside `a`) make a list of both. Keys in `taken` are the
 * document's own metadata.
 */
export function readFields(metadata: Record<string, unknown>, taken: ReadonlySet<string> = STANDARD_KEYS): DocumentFields {
  // A Map, not an object: a key such as "__proto__" is a field like any other.
  const fields = new Map<string, FieldValue>();
  const put = (name: string, value: FieldValue) => {
    const before = fields.get(name);
    if (before === undefined) fields.set(name, value);
    else fields.set(name, [...textsOf(before), ...textsOf(value)]);
  };
  const add = (name: string, raw: unknown) => {
    if (isObject(raw)) {
      for (const [key, value] of Object.entries(raw)) add(`${name}.${key}`, value);
      return;
    }
    if (Array.isArray(raw)) {
      const texts: string[] = [];
      for (const item of raw) {
        if (isObject(item) || Array.isArray(item)) {
          // In the order written: the texts so far first.
          if (texts.length > 0) put(name, texts.splice(0));
          add(name, item);
        } else {
          const text = scalarText(item);
          if (text !== null) texts.push(text);
        }
      }
      if (texts.length > 0) put(name, texts);
      return;
    }
    const value = typeof raw === "number" ? (Number.isFinite(raw) ? raw : String(raw)) : scalarText(raw);
    if (value !== null) put(name, value);
  };
  for (const [name, raw] of Object.entries(metadata)) if (!taken.has(name)) add(name, raw);
  return sortedFields(Object.fromEntries(fields));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date);
}

function textsOf(value: FieldValue): string[] {
  return Array.isArray(value) ? value : [String(value)];
}

function scalarText(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof Date) return raw.toISOString();
  const text = String(raw).trim();
  return text === "" ? null : text;
}

/** Fields in code-unit order of names, so equal metadata gives equal bytes. */
export function sortedFields(fields: DocumentFields): DocumentFields {
  return Object.fromEntries(Object.entries(fields).sort(([a], [b]) => compareStrings(a, b)));
}

/** What the index's `fields` field holds: each searchable field's values, one per line. */
export function searchableText(fields: DocumentFields, settings: FieldSettings): string {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (!settingOf(settings, name).searchable) continue;
    if (Array.isArray(value)) lines.push(...value);
    else lines.push(String(value));
  }
  return lines.join("\n");
}
