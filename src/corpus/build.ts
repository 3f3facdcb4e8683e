/**
 * Corpus files → documents → the search artifact. Pure: no file system, and
 * deterministic, so the same corpus always gives byte-identical output.
 */
import { createHash } from "node:crypto";
import { ARTIFACT_DIR, type ArtifactManifest, type IndexMeta, type StoredDocument } from "../search/artifact";
import { codePointLength, compareStrings } from "../strings";
import { LIMITS } from "../limits";
import { browseOrder } from "../search/browse-order";
import { ARTIFACT_FORMAT } from "../search/options";
import { buildName, digestOf, DocumentFacts, finishArtifact, MemorySink, planArtifact, textChunkFile, type ArtifactLayout, type DocumentEntry } from "./assemble";
import { indexBatch } from "./batch";
import { BLOCK_SIZES, mergeBatches } from "./merge";
import {
  MetadataError,
  normalizeDate,
  parseManifest,
  readGivenMetadata,
  sourceFromPath,
  type GivenMetadata,
  type Manifest,
} from "./metadata";
import { readFields, searchableText, sortedFields, type FieldSettings } from "./fields";
import { readJsonLines, readJsonRecords, RECORD_MAPPING, RecordsError, type RawRecord, type ReadRecords, type RecordMapping } from "./formats/records";
import { FrontMatterError, parseText } from "./parse";
import { formatOf, type CorpusFile, type CorpusProblem } from "./read";
import { PassageCorpus } from "./passages";
import { RecordFiles } from "./record-files";
import { RELATED_PASSAGES } from "./related";
import { titleFromBody } from "./title";

export interface DocumentsResult {
  /** Documents in browse order: newest first, undated last, then by id. */
  documents: StoredDocument[];
  /** Files that could not become documents, and why. */
  problems: CorpusProblem[];
  /** Things worth knowing that did not stop a file (empty documents, stale manifest entries). */
  warnings: string[];
  /** What the manifest says each field is for. */
  settings: FieldSettings;
}

/**
 * The id of a file: its path relative to the corpus root without extension,
 * in NFC (macOS file systems hand out names decomposed; URLs rarely are).
 */
export function documentId(relativePath: string): string {
  return relativePath.replace(/\.[^./]+$/, "").normalize("NFC");
}

/** Turns read files into documents, collecting every problem. */
export function documentsFromFiles(files: CorpusFile[], manifestFile: CorpusFile | null): DocumentsResult {
  const collector = new DocumentCollector(manifestFile, (document) => document);
  for (const file of files) collector.add(file);
  return collector.finish();
}

/**
 * Files → documents one file at a time, so a build need not hold every
 * file: each document is kept as `keep` makes it (the streaming build keeps
 * everything but the text), and duplicate ids, stale manifest entries and
 * the browse order are settled at the end.
 */
export class DocumentCollector<D extends Pick<StoredDocument, "id" | "date">> {
  private readonly manifest: Manifest = new Map();
  /** What the manifest says each field is for. */
  readonly settings: FieldSettings = new Map();
  private readonly problems: CorpusProblem[] = [];
  private readonly warnings: string[] = [];
  /** Which keys of a JSON record are its id, title, text… */
  readonly mapping: RecordMapping = RECORD_MAPPING;
  private readonly candidates: D[] = [];
  /** The file each candidate came from. */
  private readonly origins: string[] = [];
  private readonly paths: string[] = [];

  constructor(
    private readonly manifestFile: CorpusFile | null,
    private readonly keep: Keep<D> = (document) => document as unknown as D,
  ) {
    if (!manifestFile) return;
    try {
      const parsed = parseManifest(manifestFile.text);
      this.manifest = parsed.entries;
      this.settings = parsed.settings;
      this.mapping = parsed.mapping;
      for (const error of parsed.errors) this.problems.push({ path: manifestFile.path, reason: `invalid manifest entry: ${error}` });
    } catch (error) {
      this.problems.push({ path: manifestFile.path, reason: `invalid manifest: ${(error as Error).message}` });
    }
  }

  /** What the manifest gives a file. */
  given(path: string): GivenMetadata {
    return this.manifest.get(path.normalize("NFC")) ?? {};
  }

  add(file: CorpusFile): void {
    this.addOutcome(file.path, fileOutcome(file, this.given(file.path), this.keep, this.mapping));
  }

  /** Adds what reading a file gave, where it was read elsewhere (a worker thread, see scan-job.ts). */
  addOutcome(path: string, outcome: FileOutcome<D>): void {
    this.paths.push(path);
    for (const document of outcome.documents) {
      this.candidates.push(document);
      this.origins.push(path);
    }
    for (const reason of outcome.problems) this.problems.push({ path, reason });
    for (const where of outcome.empty) this.warnings.push(where === null ? `${path}: empty document, skipped` : `${path}: ${where} has no text, skipped`);
  }

  finish(): { documents: D[]; problems: CorpusProblem[]; warnings: string[]; settings: FieldSettings } {
    const paths = new Set(this.paths.map((path) => path.normalize("NFC")));
    for (const listed of this.manifest.keys()) {
      if (!paths.has(listed)) this.warnings.push(`${this.manifestFile!.path} lists "${listed}", which is not a document in the corpus`);
    }
    const { unique, duplicates } = rejectDuplicateIds(this.candidates, this.origins);
    const problems = [...this.problems, ...duplicates].sort((a, b) => compareStrings(a.path, b.path));
    return { documents: unique.sort(browseOrder), problems, warnings: this.warnings, settings: this.settings };
  }
}

/** How a collector keeps a document: `record` is its number in a records file, null for a file that is one document. */
export type Keep<D> = (document: StoredDocument, file: CorpusFile, record: number | null) => D;

/**
 * What a read file gives: its documents (a records file gives several),
 * why parts of it could not be documents ("line 3: …", or the whole file's
 * problem), and the parts with no text (null: the whole file).
 */
export interface FileOutcome<D> {
  documents: D[];
  problems: string[];
  empty: (string | null)[];
}

/**
 * A read file → its outcome, each document kept as `keep` makes it. With
 * `only`, a records file gives just those records (by number): the second
 * pass of a build reads a large records file once per batch, and makes
 * documents of the batch's records alone.
 */
export function fileOutcome<D>(
  file: CorpusFile,
  given: GivenMetadata,
  keep: Keep<D>,
  mapping: RecordMapping = RECORD_MAPPING,
  only?: ReadonlySet<number>,
): FileOutcome<D> {
  const outcome: FileOutcome<D> = { documents: [], problems: [], empty: [] };
  const format = formatOf(file.path) ?? "text";
  if (format !== "json" && format !== "jsonl") {
    try {
      const document = toDocument(file, given);
      if (document) outcome.documents.push(keep(document, file, null));
      else outcome.empty.push(null);
    } catch (error) {
      if (!(error instanceof FrontMatterError || error instanceof MetadataError)) throw error;
      outcome.problems.push(error.message);
    }
    return outcome;
  }
  let read: ReadRecords;
  try {
    read = format === "json" ? readJsonRecords(file.text) : readJsonLines(file.text, only);
  } catch (error) {
    if (!(error instanceof RecordsError)) throw error;
    outcome.problems.push(error.message);
    return outcome;
  }
  outcome.problems.push(...read.problems);
  for (const record of read.records) {
    if (only && !only.has(record.number)) continue;
    try {
      const document = recordDocument(file.path, record, mapping, given);
      if (document) outcome.documents.push(keep(document, file, record.number));
      else outcome.empty.push(record.where);
    } catch (error) {
      if (!(error instanceof MetadataError)) throw error;
      outcome.problems.push(`${record.where}: ${error.message}`);
    }
  }
  if (read.records.length === 0 && read.problems.length === 0) outcome.empty.push(null);
  return outcome;
}

/**
 * A JSON record's document: its id under its file's (`products/sku-1`, or
 * the record's number when it has no id), its title, text, source, date
 * and url from the keys the mapping names, and every other key a field.
 * Null when it holds no word at all; throws MetadataError.
 */
export function recordDocument(path: string, record: RawRecord, mapping: RecordMapping, fromManifest: GivenMetadata): StoredDocument | null {
  const { value } = record;
  const rawId = value[mapping.id];
  if (rawId !== undefined && rawId !== null && typeof rawId !== "string" && typeof rawId !== "number") {
    throw new MetadataError(`the id ("${mapping.id}") must be text or a number`);
  }
  const ownId = rawId === undefined || rawId === null || String(rawId).trim() === "" ? String(record.number) : String(rawId).trim();
  // An id is a path in /documents/…: a segment a URL would resolve away could never be looked up.
  if (ownId.split("/").some((segment) => segment === "" || segment === "." || segment === "..")) {
    throw new MetadataError(`the id "${ownId}" has an empty, "." or ".." segment, which a URL cannot keep`);
  }
  const textKey = mapping.text.find((key) => value[key] !== undefined && value[key] !== null);
  const rawText = textKey === undefined ? "" : value[textKey];
  if (typeof rawText !== "string" && typeof rawText !== "number") throw new MetadataError(`the text ("${textKey}") must be text`);
  const text = String(rawText).replace(/\r\n?/g, "\n").trim();
  const taken = new Set([mapping.id, mapping.title, mapping.source, mapping.date, mapping.url, ...(textKey === undefined ? [] : [textKey])]);
  const fromRecord = readGivenMetadata({ title: value[mapping.title], source: value[mapping.source], date: value[mapping.date], url: value[mapping.url] });
  const fields = sortedFields({ ...fromManifest.fields, ...readFields(value, taken) });
  if (INVISIBLE.test(text) && fromRecord.title === undefined && Object.keys(fields).length === 0) return null;
  const given = { ...fromManifest, ...fromRecord };
  const document: StoredDocument = {
    id: `${documentId(path)}/${ownId}`.normalize("NFC"),
    title: given.title ?? (INVISIBLE.test(text) ? ownId : titleFromBody(text)),
    source: given.source ?? sourceFromPath(path),
    date: given.date ?? null,
    url: given.url ?? null,
    text,
    fields,
  };
  checkDocument(document);
  return document;
}

/** A file's document as the corpus gives it, or null when it has no text; throws FrontMatterError or MetadataError. */
export function toDocument(file: CorpusFile, fromManifest: GivenMetadata): StoredDocument | null {
  const format = formatOf(file.path);
  const parsed = parseText(file.text, format === "markdown" || format === "html" ? format : "text");
  if (INVISIBLE.test(parsed.body)) return null;
  const fromFile = readGivenMetadata(parsed.frontMatter);
  const given = { ...fromManifest, ...fromFile };
  // A headline becomes the title only when none is given, and leaves the
  // text only then: a word of the file is never dropped.
  const headline = given.title === undefined ? parsed.headline : null;
  const document: StoredDocument = {
    id: documentId(file.path),
    title: given.title ?? headline?.title ?? titleFromBody(parsed.body),
    source: given.source ?? sourceFromPath(file.path),
    date: given.date ?? (parsed.dateLine === null ? null : normalizeDate(parsed.dateLine)),
    url: given.url ?? null,
    text: headline ? headline.after : parsed.body,
    fields: sortedFields({ ...fromManifest.fields, ...fromFile.fields }),
  };
  checkDocument(document);
  return document;
}

/** What the API would refuse to look up must not get into the index. */
function checkDocument(document: StoredDocument): void {
  if (codePointLength(document.id) > LIMITS.idLength) {
    throw new MetadataError(`the id (the path without extension) is over ${LIMITS.idLength} characters`);
  }
  if (codePointLength(document.source) > LIMITS.sourceLength) {
    throw new MetadataError(`the source "${document.source.slice(0, 40)}…" is over ${LIMITS.sourceLength} characters`);
  }
}

// Nothing but spaces and invisible format characters (zero-width space, BOM…).
const INVISIBLE = /^[\s\p{Cf}]*$/u;

/**
 * Ids must be unique however a file system or a URL treats them, so ids that
 * differ only in case or Unicode normalization (NFC/NFD) collide too.
 */
function rejectDuplicateIds<D extends Pick<StoredDocument, "id">>(documents: D[], origins: readonly string[]): { unique: D[]; duplicates: CorpusProblem[] } {
  const sharingKey = new Map<string, number[]>();
  documents.forEach((document, i) => {
    const key = collisionKey(document.id);
    sharingKey.set(key, [...(sharingKey.get(key) ?? []), i]);
  });
  const duplicates: CorpusProblem[] = [];
  const unique: D[] = [];
  for (const sharing of sharingKey.values()) {
    if (sharing.length === 1) {
      unique.push(documents[sharing[0]!]!);
      continue;
    }
    for (const i of sharing) {
      // Records of one file that share an id name their file once.
      const others = [...new Set(sharing.filter((other) => other !== i).map((other) => origins[other]!))].join(", ");
      duplicates.push({ path: origins[i]!, reason: `duplicate id "${documents[i]!.id}": collides with ${others}` });
    }
  }
  return { unique, duplicates };
}

function collisionKey(id: string): string {
  return id.normalize("NFC").toLowerCase();
}

/** SHA-256 over each used file's path, size and digest, and the manifest's. */
export function contentHash(files: readonly Pick<CorpusFile, "path" | "bytes">[], manifest: Pick<CorpusFile, "path" | "bytes"> | null): string {
  const summary = (file: Pick<CorpusFile, "path" | "bytes">): FileDigest => ({ path: file.path, size: file.bytes.length, digest: digestOf(file.bytes) });
  return contentHashOf(files.map(summary), manifest && summary(manifest));
}

/** A file as the content hash takes it: path, size and SHA-256. */
export interface FileDigest {
  path: string;
  size: number;
  digest: string;
}

/** contentHash from files' digests, for a build that does not keep the files. */
export function contentHashOf(files: readonly FileDigest[], manifest: FileDigest | null): string {
  const hash = createHash("sha256");
  for (const { path, size, digest } of manifest ? [manifest, ...files] : files) hash.update(`${path}\0${size}\0${digest}\0`);
  return hash.digest("hex");
}

/** An artifact ready to publish: its files, and the manifest that makes it current. */
export interface BuiltArtifact {
  /** The build folder's name: a hash of the files, so equal builds get equal names. */
  build: string;
  /** Asset path (see artifactPaths) → bytes; the manifest is not among them. */
  files: Map<string, Uint8Array>;
  manifest: Uint8Array;
  /** What meta.json holds. */
  index: IndexMeta;
}

export const LAYOUT: ArtifactLayout = { blocks: BLOCK_SIZES, textChunkChars: 32 * 1024, batchDocuments: 2048 };

/**
 * Indexes documents (given in browse order) into the artifact's files, in
 * memory: the same batches, merge and files as the streaming build of a
 * folder (run.ts), which tests hold to this.
 */
export function buildArtifact(
  documents: StoredDocument[],
  facts: { contentHash: string; buildVersion: string },
  layout: ArtifactLayout = LAYOUT,
  settings: FieldSettings = new Map(),
): BuiltArtifact {
  const entries = documents.map(({ text, ...record }): DocumentEntry => ({ ...record, textLength: text.length }));
  const plan = planArtifact(entries, layout);
  const sink = new MemorySink();
  const texts = (first: number, count: number) => documents.slice(first, first + count).map((document) => document.text);
  const perDocument = new DocumentFacts(documents.length);
  const batches = plan.batches.map(({ first, count, chunks }) => {
    for (const chunk of chunks) sink.write(`text/${chunk.number}.json`, textChunkFile(texts(chunk.first, chunk.count)));
    const batch = indexBatch(indexedDocuments(documents.slice(first, first + count), settings), first);
    perDocument.add(batch);
    return batch;
  });
  const blocks = mergeBatches(batches.map((batch) => batch.terms), sink, plan.blocks);
  const records = new RecordFiles(entries, plan.recordsPerFile, sink);
  const corpus = new PassageCorpus();
  for (const document of documents) corpus.add(document);
  corpus.forEachDocument(RELATED_PASSAGES, (_, found) => records.add(found));
  return builtArtifact(sink, finishArtifact(entries, plan, perDocument, blocks, facts, sink, settings, records.finish()));
}

/** An artifact's files written to memory, named by their hash, with the manifest that makes it current. */
export function builtArtifact(sink: MemorySink, index: IndexMeta): BuiltArtifact {
  const build = buildName([...sink.files].map(([name, bytes]) => [name, bytes.length, digestOf(bytes)] as const));
  const manifest: ArtifactManifest = { artifactFormat: ARTIFACT_FORMAT, build };
  return {
    build,
    files: new Map([...sink.files].map(([name, bytes]) => [`/${ARTIFACT_DIR}/${build}/${name}`, bytes])),
    manifest: new TextEncoder().encode(JSON.stringify(manifest)),
    index,
  };
}

/** Documents as the index takes them: title, text, and the searchable fields' words. */
export function indexedDocuments(documents: readonly StoredDocument[], settings: FieldSettings): { title: string; text: string; fields: string }[] {
  return documents.map(({ title, text, fields }) => ({ title, text, fields: searchableText(fields, settings) }));
}
