/**
 * JSON records: a `.json` file holding an array of objects (or one object),
 * or a `.jsonl`/`.ndjson` file holding one object per line, each record a
 * document. Which of a record's keys are its id, title, text, source, date
 * and url is a mapping (RECORD_MAPPING by default, configurable in the
 * corpus manifest); every other key is a metadata field, so no word of a
 * record is lost.
 */
import { z } from "zod";

/** One record as read, with where it was in its file. */
export interface RawRecord {
  /** "line 3" in JSON Lines, "record 3" in a JSON array (1-based). */
  where: string;
  /** Its number in the file (1-based): the id when it has none. */
  number: number;
  value: Record<string, unknown>;
}

export interface ReadRecords {
  records: RawRecord[];
  /** Records or lines that are not JSON objects, each with where it is. */
  problems: string[];
}

/** Which keys of a record give the document's parts; the first present key of `text` is the text. */
export interface RecordMapping {
  id: string;
  title: string;
  text: readonly string[];
  source: string;
  date: string;
  url: string;
}

export const RECORD_MAPPING: RecordMapping = { id: "id", title: "title", text: ["text", "body", "content"], source: "source", date: "date", url: "url" };

/** The manifest's `records` entry: any of the mapping's keys, each a key name (text: one or a list, tried in order). */
export const recordMappingSchema = z.strictObject({
  id: z.string().min(1).optional(),
  title: z.string().min(1).optional(),
  text: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  source: z.string().min(1).optional(),
  date: z.string().min(1).optional(),
  url: z.string().min(1).optional(),
});

export function readRecordMapping(raw: z.infer<typeof recordMappingSchema> | undefined): RecordMapping {
  const { text, ...rest } = raw ?? {};
  return { ...RECORD_MAPPING, ...rest, text: text === undefined ? RECORD_MAPPING.text : typeof text === "string" ? [text] : text };
}

/** Reads a .json file's records; the whole file is a problem when it is not JSON. */
export function readJsonRecords(text: string): ReadRecords {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new RecordsError(`not valid JSON: ${(error as Error).message}`);
  }
  const values = Array.isArray(parsed) ? parsed : [parsed];
  if (values.length === 0) return { records: [], problems: [] };
  const result: ReadRecords = { records: [], problems: [] };
  values.forEach((value, i) => {
    const where = Array.isArray(parsed) ? `record ${i + 1}` : "the record";
    if (isRecord(value)) result.records.push({ where, number: i + 1, value });
    else result.problems.push(`${where}: expected an object of fields, got ${describe(value)}`);
  });
  return result;
}

/**
 * Reads a JSON Lines file's records, one per non-blank line; a bad line is a
 * problem of its own. With `only`, just those lines (by number) are read.
 */
export function readJsonLines(text: string, only?: ReadonlySet<number>): ReadRecords {
  const result: ReadRecords = { records: [], problems: [] };
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "" || (only && !only.has(i + 1))) return;
    const where = `line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      result.problems.push(`${where}: not valid JSON (${(error as Error).message})`);
      return;
    }
    if (isRecord(value)) result.records.push({ where, number: i + 1, value });
    else result.problems.push(`${where}: expected an object of fields, got ${describe(value)}`);
  });
  return result;
}

/** A records file that cannot be read at all. */
export class RecordsError extends Error {
  override name = "RecordsError";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return Array.isArray(value) ? "an array" : value === null ? "null" : typeof value;
}
