/**
 * The search artifact: what the build writes and the Worker reads, as static
 * assets under one build folder named by a hash of its contents. An isolate
 * starts from two small files; everything that grows with the vocabulary or
 * with the documents' text is split into blocks read when a query needs them,
 * as Lucene keeps a small terms index in memory over blocks on disk, and
 * Pagefind fetches only the index chunks a query's words fall in.
 *
 *   _artifact/manifest.json                which build is current (written last)
 *   <build>/meta.json                      read at start: counts, block bounds, sources
 *   <build>/documents.bin                  read at start: field lengths and source per document
 *   <build>/dates.bin                      date spans, read for the first date filter or sort
 *   <build>/lexicon/<n>.json               terms of one range: documents, spellings, postings' place
 *   <build>/postings/<n>.bin               the postings of the same range
 *   <build>/spelled/<n>.json               spellings → stems, one range of spellings
 *   <build>/stop-words/<word>.bin          which documents hold a stop word (a bitset)
 *   <build>/records/<n>.json               id, title, date, url, fields and carriers, for the page of hits
 *   <build>/ids/<n>.json                   id → position, one hash bucket of ids
 *   <build>/text/<n>.json                  document texts, for snippets
 *   <build>/positions/<n>.bin              word positions, for phrases
 *   <build>/fields/<n>.json, <n>.bin       a filterable field's values per document
 *   <build>/related/<n>.json               passages shared with other documents, beside records/<n>.json
 *   <build>/copies.bin                     each document's copy group, for collapse=copies
 */

/** What ranking, filters, facets and a hit need of a document: everything but its text. */
export interface DocumentRecord {
  /** Path relative to the corpus root, without extension, "/"-separated. */
  id: string;
  title: string;
  /** The facet value: an outlet, a folder, or "unknown". */
  source: string;
  /** ISO 8601 at the precision the corpus gave ("2017", "2017-05-02", …), or null. */
  date: string | null;
  url: string | null;
  /** Its other metadata (author, tags…), by name in code-unit order; {} when it has none. */
  fields: DocumentFields;
}

/** A metadata field's value: text, a number, or a list of texts (tags). */
export type FieldValue = string | number | string[];

export type DocumentFields = Record<string, FieldValue>;

/** A document as the API returns it. */
export interface StoredDocument extends DocumentRecord {
  text: string;
}

/** Facts about a build, served by /health. */
export interface BuildMeta {
  documents: number;
  /** Documents per source, sorted by source name. */
  sources: Record<string, number>;
  /** SHA-256 over every document file's path and bytes, plus the manifest. */
  contentHash: string;
  /** Version of the package that built the artifact. */
  buildVersion: string;
  artifactFormat: number;
  analysisVersion: number;
}

/** meta.json: what an isolate reads at start, besides documents.bin. Its size grows with the number of blocks, not of documents. */
export interface IndexMeta {
  meta: BuildMeta;
  /** MiniSearch's average unique-term count per field (title, text, fields), as its own addAll computes it. */
  averageFieldLength: [number, number, number];
  /** Source names; documents.bin gives each document's index in this list. */
  sources: string[];
  /** Bytes per value of each column of documents.bin. */
  widths: TableWidths;
  /** The first term of each lexicon (and postings) block, ascending: block n holds terms from terms[n] up to terms[n + 1]. */
  termBlocks: string[];
  /** The first folded spelling of each spelled-from block, ascending. */
  spelledBlocks: string[];
  /** The first document position of each text chunk, ascending from 0. */
  textChunks: number[];
  /** Documents per records file (the last may hold fewer). */
  recordsPerFile: number;
  /** How many hash buckets the id → position files are split into. */
  idBuckets: number;
  /** The first term of each positions shard, ascending. */
  positionBlocks: string[];
  /** The corpus's metadata fields, by name in code-unit order, with what each is for. */
  fields: FieldInfo[];
  /** Every year a document is dated in, ascending: documents.bin's year column numbers them from 1 (0: undated). */
  dateYears: string[];
  /** The years of the oldest and newest dated documents, for the page's date fields. */
  years: { first: string; last: string } | null;
  /** Documents that are near-copies of another (copies.bin gives each its group); 0: collapse=copies has nothing to fold. */
  copies: number;
  /** Where the corpus is split into shards, this one's place (its lexicon and statistics are the corpus's); null for a corpus in one piece. */
  shard: ShardPlace | null;
}

/**
 * A shard's place in its corpus (see corpus/shard-split.ts). A shard holds
 * some of the corpus's documents, and the whole corpus's vocabulary and
 * statistics, so it ranks its documents exactly as one index of the whole
 * corpus would.
 */
export interface ShardPlace {
  /** This shard's number, from 0. */
  shard: number;
  /** How many shards the corpus is split into. */
  shards: number;
  /** Documents in the whole corpus: BM25's N. */
  corpusDocuments: number;
  /** The build of the whole corpus this shard was split from. */
  corpusBuild: string;
}

/** A metadata field of the corpus, and what can be done with it. */
export interface FieldInfo {
  name: string;
  /** Its words find the document. */
  searchable: boolean;
  /** Counted per value in /search's facets. */
  facet: boolean;
  /** /search can filter on it (every facet can). */
  filterable: boolean;
  /**
   * The number n of its table files fields/<n>.json and .bin, when it is
   * filterable; null for the date facet, whose years are documents.bin's
   * year column, read at start.
   */
  table: number | null;
}

/** Bytes per value in documents.bin's columns: 1, 2 or 4 (unsigned). */
export interface TableWidths {
  titleLength: ByteWidth;
  textLength: ByteWidth;
  fieldsLength: ByteWidth;
  source: ByteWidth;
  year: ByteWidth;
  nameLength: ByteWidth;
}

export type ByteWidth = 1 | 2 | 4;

/**
 * A lexicon block: its terms in ascending order, each as
 * [term, documents holding it, postings offset, postings length, spellings?].
 * Spellings (most frequent first) are left out for a term only ever written
 * as itself.
 */
export type LexiconEntry = [term: string, documents: number, offset: number, length: number, spellings?: string[]];

/**
 * A records file: [id, title, date, url, fields, carriers] of consecutive
 * documents; carriers left out when there are none, and then fields too
 * when there are none.
 */
export type RecordEntry = [id: string, title: string, date: string | null, url: string | null, fields?: DocumentFields, carriers?: CarrierEntry[]];

/**
 * A document carrying passages of the one at this place, as a hit names it
 * ("also in"): the documents of its related/<n>.json entry, in the same
 * order, with only the places in this document's text that the other
 * carries, as flat [start, end] UTF-16 offsets, overlapping spans merged
 * (none for a near-copy, which carries the whole story). What a page of
 * hits reads, beside the record it reads anyway: a related entry's spans
 * hold both sides' offsets and words, for /documents/:id and the compare
 * view, and were ten more files and 12 times the bytes of a page's records
 * on the mail corpus.
 */
export type CarrierEntry = [id: string, source: string, title: string, nearCopy: 0 | 1, spans: number[]];

/**
 * A related/<n>.json entry: a document the one at this place shares
 * passages with (corpus/passages.ts). Spans are [start, end, otherStart,
 * otherEnd, words] five numbers each, flat: UTF-16 offsets in this
 * document's text and the other's, and the words they hold.
 */
export type RelatedEntry = [id: string, source: string, title: string, nearCopy: 0 | 1, sharedWords: number, spans: number[]];

/** manifest.json: the current build. */
export interface ArtifactManifest {
  artifactFormat: number;
  /** The build folder's name: a hash of everything in it. */
  build: string;
}

/**
 * router.json: what the Worker in front of a corpus split into shards serves
 * from (in place of an artifact): the whole corpus's facts, and the build
 * each shard must answer with (anything else is a deploy under way: 503).
 */
export interface RouterManifest {
  artifactFormat: number;
  /** The build of the whole corpus the shards were split from. */
  corpusBuild: string;
  /** Each shard's build, by shard number. */
  shards: string[];
  /**
   * Hash buckets of placed/<n>.json: the documents that are not in the
   * shard their id hashes to (near-copies, placed with their copy group),
   * id → shard. 0: every document is where its id hashes.
   */
  placedBuckets: number;
  meta: BuildMeta;
  fields: FieldInfo[];
  years: IndexMeta["years"];
  /** The whole corpus's near-copies (IndexMeta's copies). */
  copies: number;
}

/** The folder of the artifact among the static assets. */
export const ARTIFACT_DIR = "_artifact";

const within = (build: string, file: string) => `/${ARTIFACT_DIR}/${build}/${file}`;

/** Asset paths of an artifact's files (leading "/", as the assets binding takes them). */
export const artifactPaths = {
  manifest: `/${ARTIFACT_DIR}/manifest.json`,
  router: `/${ARTIFACT_DIR}/router.json`,
  meta: (build: string) => within(build, "meta.json"),
  documents: (build: string) => within(build, "documents.bin"),
  dates: (build: string) => within(build, "dates.bin"),
  lexicon: (build: string, block: number) => within(build, `lexicon/${block}.json`),
  postings: (build: string, block: number) => within(build, `postings/${block}.bin`),
  spelled: (build: string, block: number) => within(build, `spelled/${block}.json`),
  stopWord: (build: string, word: string) => within(build, `stop-words/${word}.bin`),
  records: (build: string, file: number) => within(build, `records/${file}.json`),
  ids: (build: string, bucket: number) => within(build, `ids/${bucket}.json`),
  textChunk: (build: string, chunk: number) => within(build, `text/${chunk}.json`),
  positionShard: (build: string, shard: number) => within(build, `positions/${shard}.bin`),
  fieldDictionary: (build: string, table: number) => within(build, `fields/${table}.json`),
  fieldTable: (build: string, table: number) => within(build, `fields/${table}.bin`),
  related: (build: string, file: number) => within(build, `related/${file}.json`),
  copies: (build: string) => within(build, "copies.bin"),
  placed: (corpusBuild: string, bucket: number) => within(corpusBuild, `placed/${bucket}.json`),
} as const;

/** The artifact could not be used: missing, corrupt, or built with other options (a 503, never a 500). */
export class ArtifactError extends Error {
  override name = "ArtifactError";
}
