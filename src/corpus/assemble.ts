/**
 * The artifact's layout and its files beside the merged blocks: which
 * documents go in which batch, text chunk and records file (decided from
 * the documents' metadata and text lengths alone, before any text is
 * indexed), and the files written from per-document facts once every
 * batch is indexed: meta.json, documents.bin, dates.bin, stop-word bitsets,
 * records and id buckets. Deterministic: the same documents always give the
 * same bytes, whatever the number of threads that indexed them.
 */
import { createHash } from "node:crypto";
import type { BuildMeta, DocumentRecord, FieldInfo, IndexMeta, RecordEntry, TableWidths } from "../search/artifact";
import { DATE_FACET, encodeFieldTable, tableValues, yearOf } from "../search/index/field-table";
import { settingOf, type FieldSettings } from "./fields";
import { STOP_WORDS } from "../search/analysis/stop-words";
import { nameLength } from "../search/analysis/word-rank";
import { dateSpan } from "../search/dates";
import { countSources } from "../search/facets";
import { encodeDates, encodeDocumentTable, widthFor } from "../search/index/document-table";
import { bucketOf } from "../search/index/hash";
import { ANALYSIS_VERSION, ARTIFACT_FORMAT } from "../search/options";
import { bitsetBytes } from "../search/stop-words-index";
import { compareStrings } from "../strings";
import type { BatchIndex } from "./batch";
import type { ArtifactSink, BlockSizes, MergedBlocks } from "./merge";

/** A document as the layout needs it: its record and the length of its text. */
export interface DocumentEntry extends DocumentRecord {
  textLength: number;
}

/** How the artifact is cut into files. */
export interface ArtifactLayout {
  blocks: BlockSizes;
  /** Characters of text per chunk: a page of hits fetches a few small chunks (a longer document is a chunk alone). */
  textChunkChars: number;
  /** Most documents per batch, about (batches end where a text chunk ends); small corpora get smaller ones. */
  batchDocuments: number;
}

/** The fewest documents a batch of a small corpus gets: fewer would cost more in run files than they save. */
const MIN_BATCH_DOCUMENTS = 256;

/** Documents per id bucket, about: a lookup by id reads one small file. */
const IDS_PER_BUCKET = 512;

/** Records files aim at this many per build at most, and this many documents each at least. */
const RECORD_FILES = 4096;
const MIN_RECORDS_PER_FILE = 32;

/**
 * Text (in characters) the default layout fits in the free plan's 20,000
 * static-asset files, about: a larger corpus gets proportionally larger
 * chunks and blocks, up to MAX_SCALE, so it still deploys on the free plan;
 * past that, files stay at 4× (a query would read too much otherwise) and
 * the build says the corpus needs a paid plan (capacity.ts).
 * Measured on the mail corpus: 20 MiB of text made 908 files.
 */
const FREE_PLAN_TEXT_CHARS = 300 * 1024 * 1024;
const MAX_SCALE = 4;

/** Which documents go where. */
export interface ArtifactPlan {
  /** The block sizes for this corpus: the layout's, scaled to its size. */
  blocks: BlockSizes;
  /** The first document of each text chunk. */
  textChunks: number[];
  /** Batches of consecutive documents, each a run of whole text chunks. */
  batches: { first: number; count: number; chunks: { number: number; first: number; count: number }[] }[];
  recordsPerFile: number;
  idBuckets: number;
}

/** How much larger than the layout's this corpus's chunks and blocks are, from its text's length. */
export function layoutScale(totalChars: number): number {
  return Math.min(MAX_SCALE, Math.max(1, totalChars / FREE_PLAN_TEXT_CHARS));
}

/** Documents per records file and id buckets, for this many documents. */
export function recordFiles(documents: number): Pick<ArtifactPlan, "recordsPerFile" | "idBuckets"> {
  return { recordsPerFile: Math.max(MIN_RECORDS_PER_FILE, Math.ceil(documents / RECORD_FILES)), idBuckets: Math.max(1, Math.ceil(documents / IDS_PER_BUCKET)) };
}

/** Plans the files for documents in browse order. */
export function planArtifact(documents: readonly DocumentEntry[], layout: ArtifactLayout): ArtifactPlan {
  const totalChars = documents.reduce((sum, { textLength }) => sum + textLength, 0);
  const scale = layoutScale(totalChars);
  const scaled = (bytes: number) => Math.round(bytes * scale);
  const { blocks } = layout;
  const textChunks: number[] = [];
  let size = Infinity;
  documents.forEach(({ textLength }, position) => {
    if (size >= scaled(layout.textChunkChars)) {
      textChunks.push(position);
      size = 0;
    }
    size += textLength;
  });
  // Small corpora get smaller batches, so every thread has some; the artifact is the same whatever the batches.
  const batchDocuments = Math.min(layout.batchDocuments, Math.max(MIN_BATCH_DOCUMENTS, Math.ceil(documents.length / 16)));
  const batches: ArtifactPlan["batches"] = [];
  textChunks.forEach((first, number) => {
    const count = (textChunks[number + 1] ?? documents.length) - first;
    const last = batches[batches.length - 1];
    if (!last || last.count >= batchDocuments) batches.push({ first, count: 0, chunks: [] });
    const batch = batches[batches.length - 1]!;
    batch.chunks.push({ number, first, count });
    batch.count += count;
  });
  return {
    blocks: { ...blocks, postingsBytes: scaled(blocks.postingsBytes), positionsBytes: scaled(blocks.positionsBytes), terms: scaled(blocks.terms) },
    textChunks,
    batches,
    ...recordFiles(documents.length),
  };
}

/**
 * Per-document facts gathered from the batches as they finish, in typed
 * arrays and bitsets (a batch's lists are dropped once copied here).
 */
export class DocumentFacts {
  readonly titleLength: Uint32Array;
  readonly textLength: Uint32Array;
  readonly fieldsLength: Uint32Array;
  /** Stop word → a bit per document. */
  readonly stopWords = new Map<string, Uint8Array>();
  /** Words in all the texts as shared passages read them (see BatchIndex.textWords). */
  textWords = 0;

  constructor(count: number) {
    this.titleLength = new Uint32Array(count);
    this.textLength = new Uint32Array(count);
    this.fieldsLength = new Uint32Array(count);
    for (const word of [...STOP_WORDS].sort()) this.stopWords.set(word, new Uint8Array(bitsetBytes(count)));
  }

  add({ first, fieldLengths, stopWords, textWords }: Pick<BatchIndex, "first" | "fieldLengths" | "textWords"> & { stopWords: Iterable<[string, number[]]> }): void {
    this.textWords += textWords;
    this.titleLength.set(fieldLengths[0], first);
    this.textLength.set(fieldLengths[1], first);
    this.fieldsLength.set(fieldLengths[2], first);
    for (const [word, positions] of stopWords) {
      const bits = this.stopWords.get(word)!;
      for (const position of positions) bits[position >> 3]! |= 1 << (position & 7);
    }
  }
}

/**
 * Writes everything but the merged blocks, the texts and what RecordFiles
 * writes (records, related files, copies.bin: `copies` documents have a
 * copy group), and returns meta.json's contents.
 */
export function finishArtifact(
  documents: readonly DocumentEntry[],
  plan: ArtifactPlan,
  facts: DocumentFacts,
  blocks: MergedBlocks,
  build: { contentHash: string; buildVersion: string },
  sink: ArtifactSink,
  settings: FieldSettings = new Map(),
  copies: number,
): IndexMeta {
  const fields = fieldInfos(documents, settings);
  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  const sourceCounts = Object.fromEntries(
    Object.entries(countSources(documents.map((document) => document.source))).sort(([a], [b]) => compareStrings(a, b)),
  );
  const meta: BuildMeta = {
    documents: documents.length,
    sources: sourceCounts,
    contentHash: build.contentHash,
    buildVersion: build.buildVersion,
    artifactFormat: ARTIFACT_FORMAT,
    analysisVersion: ANALYSIS_VERSION,
  };
  const sources = Object.keys(sourceCounts);
  const dateYears = [...new Set(documents.flatMap((document) => yearOf(document.date)))].sort(compareStrings);
  const yearIds = new Map(dateYears.map((year, id) => [year, id]));
  const sourceIds = new Map(sources.map((source, id) => [source, id]));
  const columns = {
    titleLength: facts.titleLength,
    textLength: facts.textLength,
    fieldsLength: facts.fieldsLength,
    source: documents.map((document) => sourceIds.get(document.source)!),
    year: documents.map((document) => (document.date === null ? 0 : yearIds.get(yearOf(document.date)[0]!)! + 1)),
    nameLength: documents.map((document) => nameLength(document.title)),
  };
  const widths: TableWidths = {
    titleLength: widthFor(columns.titleLength),
    textLength: widthFor(columns.textLength),
    fieldsLength: widthFor(columns.fieldsLength),
    source: widthFor(columns.source),
    year: widthFor(columns.year),
    nameLength: widthFor(columns.nameLength),
  };
  const index: IndexMeta = {
    meta,
    averageFieldLength: [runningAverage(columns.titleLength), runningAverage(columns.textLength), runningAverage(columns.fieldsLength)],
    sources,
    widths,
    termBlocks: blocks.termBlocks,
    spelledBlocks: blocks.spelledBlocks,
    positionBlocks: blocks.positionBlocks,
    textChunks: plan.textChunks,
    recordsPerFile: plan.recordsPerFile,
    idBuckets: plan.idBuckets,
    fields,
    dateYears,
    years: yearsOf(documents),
    copies,
    shard: null,
  };
  sink.write("meta.json", json(index));
  sink.write("documents.bin", encodeDocumentTable(columns, widths));
  sink.write("dates.bin", encodeDates(documents.map((document) => (document.date === null ? null : dateSpan(document.date)))));
  for (const [word, bits] of facts.stopWords) sink.write(`stop-words/${word}.bin`, bits);
  for (const { name, table } of fields) {
    if (table === null) continue;
    // Fields only: the date facet has no table (its years are a column of documents.bin).
    const { dictionary, table: bytes } = encodeFieldTable(documents.map((document) => tableValues(document.fields[name])));
    sink.write(`fields/${table}.json`, json(dictionary));
    sink.write(`fields/${table}.bin`, bytes);
  }
  const ids: Record<string, number>[] = Array.from({ length: plan.idBuckets }, () => ({}));
  documents.forEach(({ id }, position) => (ids[bucketOf(id, plan.idBuckets)]![id] = position));
  ids.forEach((bucket, n) => sink.write(`ids/${n}.json`, json(bucket)));
  return index;
}

/**
 * Every field the documents have or the manifest declares, with its
 * settings, and the date facet (years, from documents.bin's year column)
 * when any document is dated; a table number for each other filterable one.
 */
function fieldInfos(documents: readonly DocumentEntry[], settings: FieldSettings): FieldInfo[] {
  const names = new Set(settings.keys());
  for (const { fields } of documents) for (const name in fields) names.add(name);
  // "date" is a document's own metadata, never a field's name (fields.ts), so the facet cannot collide.
  if (documents.some((document) => document.date !== null)) names.add(DATE_FACET);
  let tables = 0;
  return [...names].sort(compareStrings).map((name): FieldInfo => {
    if (name === DATE_FACET) return { name, searchable: false, facet: true, filterable: true, table: null };
    const setting = settingOf(settings, name);
    return { name, ...setting, table: setting.filterable ? tables++ : null };
  });
}

/** A document's entry in its records file; fields only when it has some. */
export function recordEntry({ id, title, date, url, fields }: DocumentRecord): RecordEntry {
  return Object.keys(fields).length > 0 ? [id, title, date, url, fields] : [id, title, date, url];
}

/** A text chunk's file contents. */
export function textChunkFile(texts: readonly string[]): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(texts));
}

/**
 * MiniSearch's average field length, computed as its addAll does, one
 * document at a time (a float running mean, not sum / count: the last bits
 * differ, and scores must not).
 */
export function runningAverage(lengths: ArrayLike<number>): number {
  let average = 0;
  for (let count = 0; count < lengths.length; count++) average = (average * count + lengths[count]!) / (count + 1);
  return average;
}

function yearsOf(documents: readonly DocumentEntry[]): IndexMeta["years"] {
  let years: { first: string; last: string } | null = null;
  for (const { date } of documents) {
    if (!date) continue;
    const year = date.slice(0, 4);
    if (!years) years = { first: year, last: year };
    else if (year < years.first) years.first = year;
    else if (year > years.last) years.last = year;
  }
  return years;
}

/** A sink that keeps the files in memory, with the digests that name the build. */
export class MemorySink implements ArtifactSink {
  readonly files = new Map<string, Uint8Array>();

  write(name: string, bytes: Uint8Array): void {
    this.files.set(name, bytes);
  }
}

/**
 * The name of a build folder: a hash over its files' paths, sizes and
 * SHA-256 digests, in path order, so equal builds get equal names, a folder
 * can be checked against its name, and a build that streams its files to
 * disk can name itself without holding them.
 */
export function buildName(files: Iterable<readonly [name: string, bytes: number, digest: string]>): string {
  const hash = createHash("sha256");
  for (const [name, bytes, digest] of [...files].sort(([a], [b]) => compareStrings(a, b))) hash.update(`${name}\0${bytes}\0${digest}\0`);
  return hash.digest("hex").slice(0, BUILD_NAME_LENGTH);
}

/** A file's SHA-256, as buildName takes it. */
export function digestOf(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Hex digits of the build's hash in its folder's name. */
const BUILD_NAME_LENGTH = 16;
