/**
 * Opens the paged artifact, once per isolate: the manifest, meta.json and
 * documents.bin, whose sizes grow with the number of blocks and a few bytes
 * a document. Everything else (lexicon and postings blocks, spellings, stop
 * words, dates, records, ids, texts, positions) is read when a query asks
 * for it, and kept in size-bounded caches.
 */
import {
  ArtifactError,
  artifactPaths,
  type ArtifactManifest,
  type BuildMeta,
  type DocumentRecord,
  type FieldInfo,
  type IndexMeta,
  type ShardPlace,
  type LexiconEntry,
  type RecordEntry,
  type RelatedEntry,
} from "./artifact";
import { ColumnFacetTable, DATE_FACET, FieldTable, type FacetTable } from "./index/field-table";
import { SizeBoundedCache } from "./cache";
import { canonicalDate } from "./dates";
import { blockOf, LexiconBlock, SpelledBlock, upperBound } from "./index/blocks";
import { decodeDates, decodeDocumentTable, type DocumentTable } from "./index/document-table";
import { PagedView, type Loaded, type Pinned } from "./index/paged-view";
import type { IndexView } from "./index/view";
import { ANALYSIS_VERSION, ARTIFACT_FORMAT } from "./options";
import { bucketOf } from "./index/hash";
import { PositionsCursor, PositionsShard } from "./positions";
import { bitsetBytes, decodeBitset } from "./stop-words-index";
import { STOP_WORDS } from "./analysis/stop-words";
import { decodeCopies } from "./index/copies";
import { carrierOf, isCarrierEntry, isRelatedEntry, relatedOf, type Carrier, type Related } from "./related";

export { ArtifactError };

/** Reads one file of the artifact by its asset path; throws ArtifactError when it cannot. */
export type ArtifactReader = (path: string) => Promise<Uint8Array>;

/** The opened index: build facts, and what a query reads, when it asks. */
export interface SearchIndex {
  meta: BuildMeta;
  /** The build's name: changes whenever anything in the artifact does. */
  build: string;
  documentCount: number;
  /** This artifact's place in a corpus split into shards; null for a whole corpus. */
  shard: ShardPlace | null;
  /** The years of the oldest and newest dated documents, or null when none has a date. */
  years: { first: string; last: string } | null;
  /** The corpus's metadata fields and what each is for. */
  fields: readonly FieldInfo[];
  /** The tables of these filterable fields (by name), for filters and facet counts. */
  fieldTables(names: Iterable<string>): Promise<Map<string, FacetTable>>;
  /**
   * Runs a synchronous step of a query against the index, reading first
   * whatever the step turns out to need; returns what the step returns.
   */
  run<T>(step: (view: IndexView) => T): Promise<T>;
  /** Id, title, source, date and url of these documents. */
  records(positions: Iterable<number>): Promise<Map<number, DocumentRecord>>;
  /** A document's position by its public id, or undefined. */
  positionOf(id: string): Promise<number | undefined>;
  /** The documents each of these shares passages with (empty: none), most shared first. */
  related(positions: Iterable<number>): Promise<Map<number, Related[]>>;
  /** The same documents as related gives, as a hit names them: read with the records, only this side's places (empty: none). */
  carriers(positions: Iterable<number>): Promise<Map<number, Carrier[]>>;
  /** Documents that are near-copies of another: 0 when there is nothing to fold. */
  copies: number;
  /** Each document's copy group (the whole corpus's position of its first document), -1 for none: read once, on the first search that folds copies. */
  copyGroups(): Promise<Int32Array>;
  /** The texts of these documents (fetched by chunk, kept while memory allows). */
  texts(positions: Iterable<number>): Promise<Map<number, string>>;
  /** Where these terms stand in every document (fetched by shard), for phrases. */
  positions(terms: Iterable<string>): Promise<PhrasePositions>;
}

/** Loaded positions of some terms. */
export interface PhrasePositions {
  /** Where `term` stands, document by document upwards; throws for a term not asked for. */
  cursor(term: string): PositionsCursor;
}

/**
 * Memory kept per isolate for pieces read on demand, in bytes of the V8 heap
 * they take, about: what was read is counted as its size on the wire times
 * what parsing it costs (JSON arrays and strings take several times their
 * text; typed data about its bytes; a text twice its characters, in UTF-16).
 * About 40 MiB in all, so an isolate stays well within 128 MB beside the
 * start-up tables.
 */
const CACHE_BUDGET = {
  text: 8 * 1024 * 1024,
  positions: 8 * 1024 * 1024,
  lexicon: 12 * 1024 * 1024,
  postings: 8 * 1024 * 1024,
  small: 2 * 1024 * 1024,
  // A page of hits reads up to ten records files, which list each document's carriers (16 KiB each on mail, 2.5 without).
  records: 8 * 1024 * 1024,
  // A document's page and the compare view read one related file (30 KiB on mail, up to 430 KiB at 250,000 e-mails).
  related: 2 * 1024 * 1024,
} as const;

/**
 * Heap bytes per byte of parsed JSON, about: measured in Node (V8) on the
 * mail corpus, lexicon blocks took 5.2× their text once parsed, records
 * files 2.9× (2.2× before they listed carriers), related files 2.3× as
 * parsed (3.7× once made Related objects, which they no longer are in the
 * cache); a lexicon block also keeps a Map of its terms.
 */
const HEAP_PER_JSON_BYTE = { lexicon: 6, records: 3, related: 3 } as const;

/** A records or related file, read: what it holds, by place, and its size (what its cache weighs). */
interface ReadFile<T> {
  entries: T;
  byteLength: number;
}

/** A query step that still asks for more after this many reads is a bug, not a slow query. */
const MAX_READS = 8;

const REBUILD = "rebuild it with `npm run build:index`";
const DAMAGED = "the search artifact is damaged";

/** Reads the manifest, then the start-up files of the build it names. */
export async function openSearchIndex(read: ArtifactReader): Promise<SearchIndex> {
  const manifest = parseJson<ArtifactManifest>(await read(artifactPaths.manifest), "manifest");
  if (!isObject(manifest) || typeof manifest.build !== "string" || !/^[0-9a-f]+$/.test(manifest.build)) {
    throw new ArtifactError(`the search artifact's manifest is damaged; ${REBUILD}`);
  }
  if (manifest.artifactFormat !== ARTIFACT_FORMAT) throw otherVersion(manifest.artifactFormat, "?");
  const build = manifest.build;
  const [metaBytes, tableBytes] = await Promise.all([read(artifactPaths.meta(build)), read(artifactPaths.documents(build))]);
  const meta = checkMeta(parseJson<IndexMeta>(metaBytes, "metadata"));
  let table: DocumentTable;
  try {
    table = decodeDocumentTable(tableBytes, meta.meta.documents, meta.widths);
  } catch (error) {
    throw new ArtifactError(`${DAMAGED} (${(error as Error).message}); ${REBUILD}`);
  }
  checkTable(meta, table);
  return new PagedIndex(build, meta, table, read);
}

class PagedIndex implements SearchIndex {
  readonly meta: BuildMeta;
  readonly documentCount: number;
  readonly years: { first: string; last: string } | null;
  readonly fields: readonly FieldInfo[];
  readonly shard: ShardPlace | null;
  // Kept once read, as dates are: a few bytes a document, asked for by every query that filters or counts on the field.
  private readonly tables = new Map<string, Promise<FacetTable>>();
  private readonly lexicons = new SizeBoundedCache<number, LexiconBlock>(CACHE_BUDGET.lexicon, (block) => HEAP_PER_JSON_BYTE.lexicon * block.byteLength);
  private readonly postings = new SizeBoundedCache<number, Uint8Array>(CACHE_BUDGET.postings, (bytes) => bytes.length);
  private readonly spelled = new SizeBoundedCache<number, SpelledBlock>(CACHE_BUDGET.small, (block) => HEAP_PER_JSON_BYTE.lexicon * block.byteLength);
  // Kept as read (a bit per document: 31 KiB at 250,000 documents), decoded per query.
  private readonly stopWords = new SizeBoundedCache<string, Uint8Array>(CACHE_BUDGET.small, (bitset) => bitset.length);
  // Weighed by the bytes read, not by stringifying what was parsed: for related files that took a fifth of a warm query's time.
  private readonly recordFiles = new SizeBoundedCache<number, ReadFile<RecordEntry[]>>(CACHE_BUDGET.records, (file) => HEAP_PER_JSON_BYTE.records * file.byteLength);
  // Kept as parsed: a page reads one document of a file, made Related objects when asked for.
  private readonly relatedFiles = new SizeBoundedCache<number, ReadFile<(RelatedEntry[] | null)[]>>(CACHE_BUDGET.related, (file) => HEAP_PER_JSON_BYTE.related * file.byteLength);
  private groups: Promise<Int32Array> | undefined;
  private readonly idBuckets = new SizeBoundedCache<number, Record<string, number>>(CACHE_BUDGET.small, (ids) => 64 * Object.keys(ids).length);
  private readonly textChunks = new SizeBoundedCache<number, readonly string[]>(CACHE_BUDGET.text, (texts) => 2 * texts.reduce((sum, text) => sum + text.length, 0));
  private readonly positionShards = new SizeBoundedCache<number, PositionsShard>(CACHE_BUDGET.positions, (shard) => shard.byteLength);
  // Kept once read: 16 bytes a document, asked for by every date filter or sort.
  private dates: Promise<Float64Array> | undefined;
  private loadedDates: Float64Array | undefined;
  /** What the caches hold already, for a query step that cannot wait. */
  private readonly loaded: Loaded = {
    lexicon: (block) => this.lexicons.peek(block),
    postings: (block) => this.postings.peek(block),
    spelled: (block) => this.spelled.peek(block),
    stopWord: (word) => {
      const bitset = this.stopWords.peek(word);
      return bitset && decodeBitset(bitset, this.documentCount);
    },
    dates: () => this.loadedDates,
  };

  constructor(
    readonly build: string,
    private readonly index: IndexMeta,
    private readonly table: DocumentTable,
    private readonly read: ArtifactReader,
  ) {
    this.meta = index.meta;
    this.documentCount = index.meta.documents;
    this.years = index.years;
    this.fields = index.fields;
    this.shard = index.shard;
  }

  async fieldTables(names: Iterable<string>): Promise<Map<string, FacetTable>> {
    const wanted = [...new Set(names)];
    const tables = await Promise.all(wanted.map((name) => this.fieldTable(name)));
    return new Map(wanted.map((name, i) => [name, tables[i]!]));
  }

  private fieldTable(name: string): Promise<FacetTable> {
    let table = this.tables.get(name);
    if (!table && name === DATE_FACET) {
      // The years are documents.bin's column, read at start: nothing to fetch.
      table = Promise.resolve(new ColumnFacetTable(this.index.dateYears, this.table.year));
      this.tables.set(name, table);
    }
    if (!table) {
      const field = this.fields.find((one) => one.name === name);
      if (field?.table == null) throw new Error(`the field "${name}" has no table`);
      const n = field.table;
      table = Promise.all([this.read(artifactPaths.fieldDictionary(this.build, n)), this.read(artifactPaths.fieldTable(this.build, n))]).then(
        ([dictionaryBytes, bytes]) => {
          const dictionary = parseJson<unknown>(dictionaryBytes, `the values of field ${name}`);
          if (!Array.isArray(dictionary) || !dictionary.every((value) => typeof value === "string")) throw damaged(`the values of field ${name} are malformed`);
          try {
            return new FieldTable(dictionary, bytes, this.documentCount);
          } catch (error) {
            throw damaged(`the table of field ${name} is malformed (${(error as Error).message})`);
          }
        },
      );
      // A failed read is not kept: the next query tries again.
      table.catch(() => this.tables.delete(name));
      this.tables.set(name, table);
    }
    return table;
  }

  async run<T>(step: (view: IndexView) => T): Promise<T> {
    const pinned: Pinned = { lexicons: new Map(), postings: new Map(), spelled: new Map(), stopWords: new Map(), dates: null };
    for (let reads = 0; ; reads++) {
      const view = new PagedView(this.index, this.table, pinned, this.loaded);
      const result = step(view);
      const { missing } = view;
      if (missing.isEmpty()) return result;
      if (reads === MAX_READS) throw new Error(`a query step still asks for more after ${MAX_READS} reads`);
      await Promise.all([
        ...[...missing.lexicons].map(async (block) => pinned.lexicons.set(block, await this.lexicon(block))),
        ...[...missing.postings].map(async (block) => pinned.postings.set(block, await this.postingsBlock(block))),
        ...[...missing.spelled].map(async (block) => pinned.spelled.set(block, await this.spelledBlock(block))),
        ...[...missing.stopWords].map(async (word) => pinned.stopWords.set(word, decodeBitset(await this.stopWord(word), this.documentCount))),
        missing.dates ? this.dateTable().then((dates) => (pinned.dates = dates)) : null,
      ]);
    }
  }

  async records(positions: Iterable<number>): Promise<Map<number, DocumentRecord>> {
    const perFile = this.index.recordsPerFile;
    const wanted = [...new Set(positions)];
    const files = await Promise.all(wanted.map((position) => this.recordFile(Math.floor(position / perFile))));
    const result = new Map<number, DocumentRecord>();
    wanted.forEach((position, i) => {
      const entry = files[i]!.entries[position % perFile];
      if (!entry) throw damaged(`the records of document ${position} are missing`);
      const [id, title, date, url, fields = {}] = entry;
      result.set(position, { id, title, source: this.index.sources[this.table.source[position]!]!, date, url, fields });
    });
    return result;
  }

  async related(positions: Iterable<number>): Promise<Map<number, Related[]>> {
    const perFile = this.index.recordsPerFile;
    const wanted = [...new Set(positions)];
    const files = await Promise.all(wanted.map((position) => this.relatedFile(Math.floor(position / perFile))));
    return new Map(wanted.map((position, i) => [position, (files[i]!.entries[position % perFile] ?? []).map(relatedOf)]));
  }

  async carriers(positions: Iterable<number>): Promise<Map<number, Carrier[]>> {
    const perFile = this.index.recordsPerFile;
    const wanted = [...new Set(positions)];
    const files = await Promise.all(wanted.map((position) => this.recordFile(Math.floor(position / perFile))));
    return new Map(wanted.map((position, i) => [position, (files[i]!.entries[position % perFile]?.[5] ?? []).map(carrierOf)]));
  }

  get copies(): number {
    return this.index.copies;
  }

  copyGroups(): Promise<Int32Array> {
    this.groups ??= this.read(artifactPaths.copies(this.build)).then(
      (bytes) => {
        try {
          return decodeCopies(bytes, this.documentCount);
        } catch (error) {
          throw damaged((error as Error).message);
        }
      },
      (error: unknown) => {
        this.groups = undefined;
        throw error;
      },
    );
    return this.groups;
  }

  async positionOf(id: string): Promise<number | undefined> {
    // Ids are stored in NFC; a client may send the same name decomposed.
    const normalized = id.normalize("NFC");
    const bucket = bucketOf(normalized, this.index.idBuckets);
    const ids = await this.idBuckets.get(bucket, async () => {
      const parsed = parseJson<unknown>(await this.read(artifactPaths.ids(this.build, bucket)), `id bucket ${bucket}`);
      if (!isObject(parsed)) throw damaged(`id bucket ${bucket} is malformed`);
      return parsed as Record<string, number>;
    });
    const position = Object.hasOwn(ids, normalized) ? ids[normalized] : undefined;
    if (position !== undefined && !(Number.isInteger(position) && position >= 0 && position < this.documentCount)) {
      throw damaged(`id bucket ${bucket} points past the documents`);
    }
    return position;
  }

  async texts(positions: Iterable<number>): Promise<Map<number, string>> {
    const firstOfChunk = this.index.textChunks;
    const chunkOf = (position: number) => upperBound(firstOfChunk, position) - 1;
    const wanted = [...new Set(positions)];
    const chunks = await Promise.all(wanted.map((position) => this.textChunk(chunkOf(position))));
    const result = new Map<number, string>();
    wanted.forEach((position, i) => result.set(position, chunks[i]![position - firstOfChunk[chunkOf(position)]!]!));
    return result;
  }

  async positions(terms: Iterable<string>): Promise<PhrasePositions> {
    // A corpus of nothing but stop words has no positions shard; no term is then found anywhere.
    const unique = this.index.positionBlocks.length === 0 ? [] : [...new Set(terms)];
    const loaded = await Promise.all(unique.map((term) => this.positionShard(blockOf(this.index.positionBlocks, term))));
    const wanted = new Map(unique.map((term, i) => [term, loaded[i]!]));
    return {
      cursor(term) {
        const shard = wanted.get(term);
        if (!shard) {
          if (unique.length === 0) return PositionsCursor.empty();
          throw new Error(`positions of "${term}" were not loaded`);
        }
        return shard.cursor(term, () => damaged("the positions of a word are malformed"));
      },
    };
  }

  // ------------------------------------------------------------ blocks, read on demand

  private lexicon(block: number): Promise<LexiconBlock> {
    return this.lexicons.get(block, async () => {
      const bytes = await this.read(artifactPaths.lexicon(this.build, block));
      const entries = parseJson<unknown>(bytes, `lexicon block ${block}`);
      if (!Array.isArray(entries) || !entries.every(isLexiconEntry)) throw damaged(`lexicon block ${block} is malformed`);
      return new LexiconBlock(entries, bytes.length);
    });
  }

  private postingsBlock(block: number): Promise<Uint8Array> {
    return this.postings.get(block, () => this.read(artifactPaths.postings(this.build, block)));
  }

  private spelledBlock(block: number): Promise<SpelledBlock> {
    return this.spelled.get(block, async () => {
      const bytes = await this.read(artifactPaths.spelled(this.build, block));
      const entries = parseJson<unknown>(bytes, `spellings block ${block}`);
      const valid = (entry: unknown) => Array.isArray(entry) && typeof entry[0] === "string" && typeof entry[1] === "string";
      if (!Array.isArray(entries) || !entries.every(valid)) throw damaged(`spellings block ${block} is malformed`);
      return new SpelledBlock(entries as [string, string][], bytes.length);
    });
  }

  private stopWord(word: string): Promise<Uint8Array> {
    return this.stopWords.get(word, async () => {
      if (!STOP_WORDS.has(word)) return new Uint8Array(0);
      const bytes = await this.read(artifactPaths.stopWord(this.build, word));
      if (bytes.length !== bitsetBytes(this.documentCount)) throw damaged(`the stop word bitset of "${word}" is malformed`);
      return bytes;
    });
  }

  private dateTable(): Promise<Float64Array> {
    this.dates ??= this.read(artifactPaths.dates(this.build)).then(
      (bytes) => {
        try {
          return (this.loadedDates = decodeDates(bytes, this.documentCount));
        } catch (error) {
          throw damaged((error as Error).message);
        }
      },
      (error: unknown) => {
        this.dates = undefined;
        throw error;
      },
    );
    return this.dates;
  }

  private recordFile(file: number): Promise<ReadFile<RecordEntry[]>> {
    return this.recordFiles.get(file, async () => {
      const bytes = await this.read(artifactPaths.records(this.build, file));
      const entries = parseJson<unknown>(bytes, `records file ${file}`);
      if (!Array.isArray(entries) || !entries.every(isRecordEntry)) throw damaged(`records file ${file} is malformed`);
      return { entries, byteLength: bytes.byteLength };
    });
  }

  private relatedFile(file: number): Promise<ReadFile<(RelatedEntry[] | null)[]>> {
    return this.relatedFiles.get(file, async () => {
      const bytes = await this.read(artifactPaths.related(this.build, file));
      const entries = parseJson<unknown>(bytes, `related file ${file}`);
      const expected = Math.min(this.index.recordsPerFile, this.documentCount - file * this.index.recordsPerFile);
      const valid = Array.isArray(entries) && entries.length === expected && entries.every((entry) => entry === null || (Array.isArray(entry) && entry.every(isRelatedEntry)));
      if (!valid) throw damaged(`related file ${file} is malformed`);
      return { entries: entries as (RelatedEntry[] | null)[], byteLength: bytes.byteLength };
    });
  }

  private textChunk(chunk: number): Promise<readonly string[]> {
    return this.textChunks.get(chunk, async () => {
      const texts = parseJson<unknown>(await this.read(artifactPaths.textChunk(this.build, chunk)), `text chunk ${chunk}`);
      const first = this.index.textChunks;
      const expected = (first[chunk + 1] ?? this.documentCount) - first[chunk]!;
      if (!Array.isArray(texts) || texts.length !== expected || !texts.every((text) => typeof text === "string")) {
        throw damaged(`text chunk ${chunk} is malformed`);
      }
      return texts as string[];
    });
  }

  private positionShard(shard: number): Promise<PositionsShard> {
    return this.positionShards.get(shard, async () => {
      const bytes = await this.read(artifactPaths.positionShard(this.build, shard));
      try {
        return new PositionsShard(bytes);
      } catch {
        throw damaged(`positions shard ${shard} is malformed`);
      }
    });
  }
}

function damaged(what: string): ArtifactError {
  return new ArtifactError(`${DAMAGED} (${what}); ${REBUILD}`);
}

function otherVersion(format: unknown, analysis: unknown): ArtifactError {
  return new ArtifactError(
    `the search artifact was built by another version (format ${format}, analysis ${analysis}; ` +
      `this Worker needs ${ARTIFACT_FORMAT} and ${ANALYSIS_VERSION}); ${REBUILD}`,
  );
}

function parseJson<T>(bytes: Uint8Array, what: string): T {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch {
    throw new ArtifactError(`the search artifact's ${what} is not valid JSON; ${REBUILD}`);
  }
}

/**
 * Checks once, at start, what every request then relies on: the versions,
 * the counts agreeing with each other, the blocks in order. A damaged
 * artifact is a 503, never a 500 later.
 */
function checkMeta(index: IndexMeta): IndexMeta {
  const incomplete = () => new ArtifactError(`the search artifact is incomplete; ${REBUILD}`);
  const meta = isObject(index) ? index.meta : undefined;
  if (!isObject(meta) || !("artifactFormat" in meta)) throw incomplete();
  if (meta.artifactFormat !== ARTIFACT_FORMAT || meta.analysisVersion !== ANALYSIS_VERSION) {
    throw otherVersion(meta.artifactFormat, meta.analysisVersion);
  }
  const count = meta.documents;
  const widths = index.widths;
  const ascending = (values: unknown, kind: "string" | "number") =>
    Array.isArray(values) && values.every((value, i) => typeof value === kind && (i === 0 || (values[i - 1] as string | number) < (value as string | number)));
  if (
    !Number.isInteger(count) ||
    // A shard may hold none of a small corpus's documents; a whole corpus holds some.
    count < (index.shard ? 0 : 1) ||
    !(index.shard === null || isShardPlace(index.shard)) ||
    !Array.isArray(index.averageFieldLength) ||
    index.averageFieldLength.length !== 3 ||
    !index.averageFieldLength.every((length) => typeof length === "number" && length >= 0) ||
    !Array.isArray(index.sources) ||
    !index.sources.every((source) => typeof source === "string") ||
    !isObject(widths) ||
    ![widths.titleLength, widths.textLength, widths.fieldsLength, widths.source, widths.year, widths.nameLength].every((width) => width === 1 || width === 2 || width === 4) ||
    !Array.isArray(index.termBlocks) ||
    !Array.isArray(index.spelledBlocks) ||
    !Array.isArray(index.textChunks) ||
    !Number.isInteger(index.recordsPerFile) ||
    index.recordsPerFile < 1 ||
    !Number.isInteger(index.idBuckets) ||
    index.idBuckets < 1 ||
    !Array.isArray(index.positionBlocks) ||
    !Array.isArray(index.fields) ||
    !index.fields.every(isFieldInfo) ||
    !Array.isArray(index.dateYears) ||
    !(Number.isInteger(index.copies) && index.copies >= 0 && index.copies <= count)
  ) {
    throw incomplete();
  }
  if (!ascending(index.termBlocks, "string") || !ascending(index.spelledBlocks, "string") || !ascending(index.positionBlocks, "string")) {
    throw damaged("its blocks are out of order");
  }
  const chunksCover = count === 0 ? index.textChunks.length === 0 : index.textChunks[0] === 0 && index.textChunks[index.textChunks.length - 1]! < count;
  if (!ascending(index.textChunks, "number") || !chunksCover) {
    throw damaged("its text chunks do not cover the documents");
  }
  if (!isObject(meta.sources) || Object.keys(meta.sources).length !== index.sources.length || !index.sources.every((source) => Object.hasOwn(meta.sources, source))) {
    throw damaged("source counts do not match the source names");
  }
  if (Object.values(meta.sources).reduce((sum, n) => sum + (Number.isInteger(n) ? n : NaN), 0) !== count) {
    throw damaged("source counts do not add up to the documents");
  }
  return index;
}

/** Every document's source must name one of the sources, and its year one of the years. */
function checkTable(index: IndexMeta, table: DocumentTable): void {
  for (const source of table.source) if (source >= index.sources.length) throw damaged("a document's source is not among the sources");
  for (const year of table.year) if (year > index.dateYears.length) throw damaged("a document's year is not among the years");
}

function isShardPlace(value: unknown): value is ShardPlace {
  if (!isObject(value)) return false;
  const { shard, shards, corpusDocuments, corpusBuild } = value;
  return (
    Number.isInteger(shards) &&
    shards >= 1 &&
    Number.isInteger(shard) &&
    shard >= 0 &&
    shard < shards &&
    Number.isInteger(corpusDocuments) &&
    corpusDocuments >= 1 &&
    typeof corpusBuild === "string"
  );
}

function isFieldInfo(value: unknown): value is FieldInfo {
  if (!isObject(value)) return false;
  const { name, searchable, facet, filterable, table } = value;
  const flags = [searchable, facet, filterable].every((flag) => typeof flag === "boolean");
  // The date facet is filterable without a table of its own (documents.bin's year column).
  const tableFits = filterable && name !== DATE_FACET ? Number.isInteger(table) && table >= 0 : table === null;
  return typeof name === "string" && flags && tableFits;
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === "object" && value !== null;
}

function isLexiconEntry(value: unknown): value is LexiconEntry {
  if (!Array.isArray(value) || value.length < 4 || value.length > 5) return false;
  const [term, documents, offset, length, spellings] = value as unknown[];
  return (
    typeof term === "string" &&
    Number.isInteger(documents) &&
    Number.isInteger(offset) &&
    Number.isInteger(length) &&
    (spellings === undefined || (Array.isArray(spellings) && spellings.length > 0 && spellings.every((spelling) => typeof spelling === "string")))
  );
}

function isRecordEntry(value: unknown): value is RecordEntry {
  if (!Array.isArray(value) || value.length < 4 || value.length > 6) return false;
  const [id, title, date, url, fields, carriers] = value as unknown[];
  const optionalText = (field: unknown) => field === null || typeof field === "string";
  return (
    typeof id === "string" &&
    typeof title === "string" &&
    (date === null || (typeof date === "string" && canonicalDate(date) === date)) &&
    optionalText(url) &&
    (fields === undefined || isFields(fields)) &&
    (carriers === undefined || (Array.isArray(carriers) && carriers.every(isCarrierEntry)))
  );
}

function isFields(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  return Object.values(value).every(
    (field) => typeof field === "string" || typeof field === "number" || (Array.isArray(field) && field.every((item) => typeof item === "string")),
  );
}
