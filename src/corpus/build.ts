/**
 * Corpus files → documents → the search artifact. Pure: no file system, and
 * deterministic, so the same corpus always gives byte-identical output.
 */
import { createHash } from "node:crypto";
import { ARTIFACT_DIR, type ArtifactManifest, type BuildMeta, type IndexMeta, type RecordEntry, type StoredDocument, type TableWidths } from "../search/artifact";
import { codePointLength, compareStrings } from "../strings";
import { LIMITS } from "../limits";
import { tokenize, type Token } from "../search/analysis/tokenize";
import { encodeDates, encodeDocumentTable, widthFor } from "../search/index/document-table";
import { dateSpan } from "../search/dates";
import { countSources } from "../search/facets";
import { StopWordBitsetsBuilder } from "../search/stop-words-index";
import { SpellingsBuilder } from "../search/spellings";
import { PositionsBuilder, shardOf } from "../search/positions";
import { ANALYSIS_VERSION, ARTIFACT_FORMAT } from "../search/options";
import { BLOCK_SIZES, LexiconBuilder, type BlockSizes } from "./lexicon";
import {
  MetadataError,
  normalizeDate,
  parseManifest,
  readGivenMetadata,
  sourceFromPath,
  type GivenMetadata,
  type Manifest,
} from "./metadata";
import { FrontMatterError, parseText } from "./parse";
import type { CorpusFile, CorpusProblem } from "./read";
import { titleFromBody } from "./title";

export interface DocumentsResult {
  /** Documents in browse order: newest first, undated last, then by id. */
  documents: StoredDocument[];
  /** Files that could not become documents, and why. */
  problems: CorpusProblem[];
  /** Things worth knowing that did not stop a file (empty documents, stale manifest entries). */
  warnings: string[];
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
  const problems: CorpusProblem[] = [];
  const warnings: string[] = [];
  let manifest: Manifest = new Map();
  if (manifestFile) {
    try {
      const parsed = parseManifest(manifestFile.text);
      manifest = parsed.entries;
      for (const error of parsed.errors) problems.push({ path: manifestFile.path, reason: `invalid manifest entry: ${error}` });
    } catch (error) {
      problems.push({ path: manifestFile.path, reason: `invalid manifest: ${(error as Error).message}` });
    }
  }
  const paths = new Set(files.map((file) => file.path.normalize("NFC")));
  for (const listed of manifest.keys()) {
    if (!paths.has(listed)) warnings.push(`${manifestFile!.path} lists "${listed}", which is not a document in the corpus`);
  }

  const candidates: StoredDocument[] = [];
  for (const file of files) {
    try {
      const document = toDocument(file, manifest.get(file.path.normalize("NFC")) ?? {});
      if (document) candidates.push(document);
      else warnings.push(`${file.path}: empty document, skipped`);
    } catch (error) {
      if (!(error instanceof FrontMatterError || error instanceof MetadataError)) throw error;
      problems.push({ path: file.path, reason: error.message });
    }
  }
  const { unique, duplicates } = rejectDuplicateIds(candidates, files);
  problems.push(...duplicates);
  problems.sort((a, b) => compareStrings(a.path, b.path));
  return { documents: unique.sort(browseOrder), problems, warnings };
}

function toDocument(file: CorpusFile, fromManifest: GivenMetadata): StoredDocument | null {
  const isMarkdown = file.path.toLowerCase().endsWith(".md");
  const parsed = parseText(file.text, isMarkdown);
  if (INVISIBLE.test(parsed.body)) return null;
  const given = { ...fromManifest, ...readGivenMetadata(parsed.frontMatter) };
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
  };
  // What the API would refuse to look up must not get into the index.
  if (codePointLength(document.id) > LIMITS.idLength) {
    throw new MetadataError(`the id (the path without extension) is over ${LIMITS.idLength} characters`);
  }
  if (codePointLength(document.source) > LIMITS.sourceLength) {
    throw new MetadataError(`the source "${document.source.slice(0, 40)}…" is over ${LIMITS.sourceLength} characters`);
  }
  return document;
}

// Nothing but spaces and invisible format characters (zero-width space, BOM…).
const INVISIBLE = /^[\s\p{Cf}]*$/u;

/**
 * Ids must be unique however a file system or a URL treats them, so ids that
 * differ only in case or Unicode normalization (NFC/NFD) collide too.
 */
function rejectDuplicateIds(
  documents: StoredDocument[],
  files: CorpusFile[],
): { unique: StoredDocument[]; duplicates: CorpusProblem[] } {
  const pathsByKey = new Map<string, string[]>();
  for (const file of files) {
    const key = collisionKey(documentId(file.path));
    pathsByKey.set(key, [...(pathsByKey.get(key) ?? []), file.path]);
  }
  const duplicates: CorpusProblem[] = [];
  const unique: StoredDocument[] = [];
  const reported = new Set<string>();
  for (const document of documents) {
    const key = collisionKey(document.id);
    const paths = pathsByKey.get(key)!;
    if (paths.length === 1) {
      unique.push(document);
    } else if (!reported.has(key)) {
      reported.add(key);
      for (const path of paths) {
        const others = paths.filter((other) => other !== path).join(", ");
        duplicates.push({ path, reason: `duplicate id "${documentId(path)}": collides with ${others}` });
      }
    }
  }
  return { unique, duplicates };
}

function collisionKey(id: string): string {
  return id.normalize("NFC").toLowerCase();
}

function browseOrder(a: StoredDocument, b: StoredDocument): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    const order = compareStrings(dateSpan(b.date).start, dateSpan(a.date).start);
    if (order !== 0) return order;
  }
  return compareStrings(a.id, b.id);
}

/** SHA-256 over each used file's path and bytes, and the manifest's. */
export function contentHash(files: CorpusFile[], manifest: CorpusFile | null): string {
  const hash = createHash("sha256");
  for (const file of manifest ? [manifest, ...files] : files) {
    hash.update(`${file.path}\0${file.bytes.length}\0`);
    hash.update(file.bytes);
  }
  return hash.digest("hex");
}

/** Characters of text per chunk: a page of hits fetches a few small chunks. */
export const TEXT_CHUNK_CHARS = 64 * 1024;

/** Documents per id bucket, about: a lookup by id reads one small file. */
const IDS_PER_BUCKET = 512;

/** Records files aim at this many per build at most, and this many documents each at least. */
const RECORD_FILES = 4096;
const MIN_RECORDS_PER_FILE = 32;

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

/** How the artifact is cut into files; tests cut small corpora into many blocks. */
export interface ArtifactLayout {
  blocks: BlockSizes;
  /** Spellings → stems entries per spelled-from block. */
  spelledEntries: number;
}

const LAYOUT: ArtifactLayout = { blocks: BLOCK_SIZES, spelledEntries: 2048 };

/** Indexes documents (given in browse order) into the artifact's files. */
export function buildArtifact(
  documents: StoredDocument[],
  facts: { contentHash: string; buildVersion: string },
  layout: ArtifactLayout = LAYOUT,
): BuiltArtifact {
  const lexicon = new LexiconBuilder();
  const stopWords = new StopWordBitsetsBuilder(documents.length);
  const spellings = new SpellingsBuilder();
  const positions = new PositionsBuilder();
  for (const [position, { title, text }] of documents.entries()) {
    const [titleTokens, textTokens] = [tokenize(title), tokenize(text)];
    lexicon.add([indexed(titleTokens), indexed(textTokens)]);
    stopWords.add(position, [...titleTokens, ...textTokens]);
    spellings.add(title, titleTokens);
    spellings.add(text, textTokens);
    positions.add(position, titleTokens, textTokens);
  }
  const sourceCounts = Object.fromEntries(
    Object.entries(countSources(documents.map((document) => document.source))).sort(([a], [b]) => compareStrings(a, b)),
  );
  const meta: BuildMeta = {
    documents: documents.length,
    sources: sourceCounts,
    contentHash: facts.contentHash,
    buildVersion: facts.buildVersion,
    artifactFormat: ARTIFACT_FORMAT,
    analysisVersion: ANALYSIS_VERSION,
  };
  const { spellings: spelled, spelledFrom } = spellings.build();
  const blocks = lexicon.build(spelled, layout.blocks);
  const spelledBlocks = chunksOf(spelledFrom, layout.spelledEntries);
  const chunks = textChunks(documents);
  const shards = positions.build();
  const sources = Object.keys(sourceCounts);
  const sourceIds = new Map(sources.map((source, id) => [source, id]));
  const columns = {
    titleLength: lexicon.fieldLengths[0],
    textLength: lexicon.fieldLengths[1],
    source: documents.map((document) => sourceIds.get(document.source)!),
  };
  const widths: TableWidths = { titleLength: widthFor(columns.titleLength), textLength: widthFor(columns.textLength), source: widthFor(columns.source) };
  const recordsPerFile = Math.max(MIN_RECORDS_PER_FILE, Math.ceil(documents.length / RECORD_FILES));
  const idBuckets = Math.max(1, Math.ceil(documents.length / IDS_PER_BUCKET));
  const index: IndexMeta = {
    meta,
    averageFieldLength: lexicon.averageFieldLength,
    sources,
    widths,
    termBlocks: blocks.firstTerms,
    spelledBlocks: spelledBlocks.map((block) => block[0]![0]),
    textChunks: chunks.map((chunk) => chunk.first),
    recordsPerFile,
    idBuckets,
    positionShards: shards.length,
    years: yearsOf(documents),
  };
  const encoder = new TextEncoder();
  const json = (value: unknown) => encoder.encode(JSON.stringify(value));
  const named: [string, Uint8Array][] = [
    ["meta.json", json(index)],
    ["documents.bin", encodeDocumentTable(columns, widths)],
    ["dates.bin", encodeDates(documents.map((document) => (document.date === null ? null : dateSpan(document.date))))],
    ...blocks.lexicons.map((entries, n): [string, Uint8Array] => [`lexicon/${n}.json`, json(entries)]),
    ...blocks.postings.map((bytes, n): [string, Uint8Array] => [`postings/${n}.bin`, bytes]),
    ...spelledBlocks.map((entries, n): [string, Uint8Array] => [`spelled/${n}.json`, json(entries)]),
    ...[...stopWords.build()].map(([word, bits]): [string, Uint8Array] => [`stop-words/${word}.bin`, bits]),
    ...chunksOf(documents, recordsPerFile).map((chunk, n): [string, Uint8Array] => [
      `records/${n}.json`,
      json(chunk.map(({ id, title, date, url }): RecordEntry => [id, title, date, url])),
    ]),
    ...idBucketsOf(documents, idBuckets).map((ids, n): [string, Uint8Array] => [`ids/${n}.json`, json(ids)]),
    ...chunks.map((chunk, n): [string, Uint8Array] => [`text/${n}.json`, json(chunk.texts)]),
    ...shards.map((shard, n): [string, Uint8Array] => [`positions/${n}.bin`, shard]),
  ];
  const build = buildName(named);
  const manifest: ArtifactManifest = { artifactFormat: ARTIFACT_FORMAT, build };
  return {
    build,
    files: new Map(named.map(([name, bytes]) => [`/${ARTIFACT_DIR}/${build}/${name}`, bytes])),
    manifest: encoder.encode(JSON.stringify(manifest)),
    index,
  };
}

/** The terms MiniSearch indexes from a field's tokens: no stop words, no dropped words (see indexTerms). */
function indexed(tokens: readonly Token[]): string[] {
  const terms: string[] = [];
  for (const { term, stop } of tokens) if (term !== null && !stop) terms.push(term);
  return terms;
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let first = 0; first < items.length; first += size) chunks.push(items.slice(first, first + size));
  return chunks;
}

/** Id → position, split into buckets by the hash the Worker looks ids up with. */
function idBucketsOf(documents: readonly StoredDocument[], buckets: number): Record<string, number>[] {
  const ids: Record<string, number>[] = Array.from({ length: buckets }, () => ({}));
  documents.forEach(({ id }, position) => (ids[shardOf(id, buckets)]![id] = position));
  return ids;
}

function yearsOf(documents: readonly StoredDocument[]): IndexMeta["years"] {
  const years = documents.flatMap((document) => (document.date ? [document.date.slice(0, 4)] : [])).sort();
  return years.length > 0 ? { first: years[0]!, last: years[years.length - 1]! } : null;
}

/**
 * The name of a build folder: a hash of its files (path within the folder
 * and bytes, in path order), so equal builds get equal names and a folder
 * can be checked against its name.
 */
export function buildName(files: readonly (readonly [string, Uint8Array])[]): string {
  const hash = createHash("sha256");
  const sorted = [...files].sort(([a], [b]) => compareStrings(a, b));
  for (const [name, bytes] of sorted) hash.update(`${name}\0${bytes.length}\0`).update(bytes);
  return hash.digest("hex").slice(0, BUILD_NAME_LENGTH);
}

/** Hex digits of the build's hash in its folder's name. */
const BUILD_NAME_LENGTH = 16;

/** Consecutive documents' texts, about TEXT_CHUNK_CHARS a chunk (a longer document is a chunk alone). */
function textChunks(documents: readonly StoredDocument[]): { first: number; texts: string[] }[] {
  const chunks: { first: number; texts: string[] }[] = [];
  let size = Infinity;
  for (const [position, { text }] of documents.entries()) {
    if (size >= TEXT_CHUNK_CHARS) {
      chunks.push({ first: position, texts: [] });
      size = 0;
    }
    chunks[chunks.length - 1]!.texts.push(text);
    size += text.length;
  }
  return chunks;
}
