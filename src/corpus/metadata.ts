/**
 * Where a document's metadata comes from, in order: its front matter, then
 * the corpus manifest, then what its own text shows (date line, headline),
 * then its folder (for the source), else defaults.
 */
import { z } from "zod";
import type { DocumentFields } from "../search/artifact";
import { canonicalDate } from "../search/dates";
import { PART_PARAMETER } from "../page/reading";
import { SEARCH_PARAMETERS } from "../search/query";
import { readRecordMapping, recordMappingSchema, type RecordMapping } from "./formats/records";
import { fieldSettingsSchema, readFieldSettings, readFields, STANDARD_KEYS, type FieldSettings } from "./fields";

/** Metadata a front matter block or a manifest entry may give. */
export interface GivenMetadata {
  title?: string;
  source?: string;
  date?: string;
  url?: string;
  /** Every other key (author, tags…), as fields.ts reads them. */
  fields?: DocumentFields;
}

/** A metadata value is unusable; the message names the field. */
export class MetadataError extends Error {
  override name = "MetadataError";
}

export const UNKNOWN_SOURCE = "unknown";

/**
 * An ISO 8601 date at the precision it was given: "2017", "2017-05",
 * "2017-05-02" or a full timestamp ("2017-05-02T10:00:00Z"). Front matter is
 * parsed with YAML's core schema (see parse.ts), so an unquoted date arrives
 * here as the text it was written as, never as a Date at midnight UTC.
 */
export function normalizeDate(value: unknown): string {
  if (typeof value === "number" && Number.isInteger(value)) value = String(value);
  if (typeof value !== "string") throw new MetadataError(`date must be an ISO 8601 date, got ${JSON.stringify(value)}`);
  const date = canonicalDate(value.trim());
  if (date === null) throw new MetadataError(`date must be an ISO 8601 date such as 2017-05-02, got "${value.trim()}"`);
  return date;
}

// YAML reads `title: 1984` as a number; a number is a fine title or source.
const text = (field: string) =>
  z
    .union([z.string(), z.number()], { message: `${field} must be text` })
    .transform(String)
    .pipe(z.string().trim().min(1, { message: `${field} must not be empty` }));

const metadataSchema = z.object({
  title: text("title").optional(),
  source: text("source").optional(),
  date: z.unknown().optional(),
  url: z.url({ protocol: /^https?$/, message: "url must be an http(s) URL" }).optional(),
});

/** Validates front matter or a manifest entry; keys beyond title, source, date and url are its fields. */
export function readGivenMetadata(raw: Record<string, unknown>): GivenMetadata {
  // `url:` with nothing after it is YAML's null: treat it as not given.
  const given = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== null));
  const parsed = metadataSchema.safeParse(given);
  if (!parsed.success) throw new MetadataError(parsed.error.issues.map((issue) => issue.message).join("; "));
  const { title, source, date, url } = parsed.data;
  const metadata: GivenMetadata = {};
  if (title !== undefined) metadata.title = title;
  if (source !== undefined) metadata.source = source;
  if (date !== undefined) metadata.date = normalizeDate(date);
  if (url !== undefined) metadata.url = url;
  const fields = readFields(given);
  if (Object.keys(fields).length > 0) metadata.fields = fields;
  return metadata;
}

const manifestSchema = z.strictObject({
  documents: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  fields: fieldSettingsSchema.optional(),
  records: recordMappingSchema.optional(),
});

/** The manifest's usable entries: file path (relative to the corpus root) → metadata. */
export type Manifest = Map<string, GivenMetadata>;

export interface ParsedManifest {
  entries: Manifest;
  /** What each declared field is for (searchable, facet, filterable). */
  settings: FieldSettings;
  /** Which keys of a JSON record are its id, title, text, source, date and url. */
  mapping: RecordMapping;
  /** One message per bad entry, naming its file; good entries are kept. */
  errors: string[];
}

/**
 * Parses manifest.json: `{ "documents": { "path/file.txt": { "source": … } },
 * "fields": { "author": { "facet": true } } }`.
 * Throws MetadataError when the file as a whole is unusable.
 */
export function parseManifest(json: string): ParsedManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new MetadataError(`not valid JSON: ${(error as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = ` (${issue.path.length > 0 ? `at ${issue.path.join(".")}: ` : ""}${issue.message})`;
    throw new MetadataError(
      `expected { "documents": { "<file path>": { "title", "source", "date", "url", other fields } }, "fields": { "<name>": { "searchable", "facet", "filterable" } }, "records": { "id", "title", "text", "source", "date", "url" } }${where}`,
    );
  }
  const entries: Manifest = new Map();
  const errors: string[] = [];
  const settings = readFieldSettings(parsed.data.fields ?? {});
  for (const [name, setting] of settings) {
    if (STANDARD_KEYS.has(name)) throw new MetadataError(`"${name}" is a document's own metadata, not a field: it cannot be given settings`);
    if (setting.filterable && SEARCH_PARAMETERS.has(name)) {
      throw new MetadataError(`the field "${name}" cannot be filterable or a facet: /search takes "${name}" as a parameter of its own`);
    }
    if (setting.filterable && name === PART_PARAMETER) {
      throw new MetadataError(`the field "${name}" cannot be filterable or a facet: the reading view takes "${name}" as a parameter of its own`);
    }
  }
  for (const [file, fields] of Object.entries(parsed.data.documents ?? {})) {
    try {
      entries.set(file.normalize("NFC"), readGivenMetadata(fields));
    } catch (error) {
      errors.push(`${file}: ${(error as Error).message}`);
    }
  }
  return { entries, settings, mapping: readRecordMapping(parsed.data.records), errors };
}

/** The facet for a file with no source given: its first-level folder, else "unknown". */
export function sourceFromPath(relativePath: string): string {
  const slash = relativePath.indexOf("/");
  return slash === -1 ? UNKNOWN_SOURCE : relativePath.slice(0, slash);
}
