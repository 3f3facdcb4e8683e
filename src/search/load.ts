/**
 * Turns the artifact into a searchable index, once per isolate: index.json
 * is parsed and MiniSearch rebuilt at once; texts and positions are fetched
 * later, piece by piece, as queries need them.
 *
 * How the index gets into the isolate was chosen by measurement (npm run
 * bench, "load methods"): fetching index.json from the static assets and
 * JSON.parse + MiniSearch.loadJS was as fast as MiniSearch.loadJSON on the
 * string, and a JSON module would count against the Worker's script size.
 */
import MiniSearch from "minisearch";
import type SearchableMap from "minisearch/SearchableMap";
import { artifactPaths, type ArtifactManifest, type BuildMeta, type DocumentRecord, type SearchArtifact } from "./artifact";
import { SizeBoundedCache } from "./cache";
import { canonicalDate, dateSpan, type DateSpan } from "./dates";
import { ANALYSIS_VERSION, ARTIFACT_FORMAT, indexOptions, type IndexedDocument } from "./options";
import { PositionsShard, shardOf, type TermPositions } from "./positions";
import { SpellingIndex } from "./spellings";
import { decodeBitset } from "./stop-words-index";

/** Reads one file of the artifact by its asset path; throws ArtifactError when it cannot. */
export type ArtifactReader = (path: string) => Promise<Uint8Array>;

/** A term's field → document → count, as MiniSearch keeps it. */
export type Postings = Map<number, Map<number, number>>;

/** The loaded index: the engine, the documents it points into, and build facts. */
export interface SearchIndex {
  engine: MiniSearch<IndexedDocument>;
  /** Every index term, for typo and prefix lookups without scoring documents. */
  vocabulary: SearchableMap<Postings>;
  documents: readonly DocumentRecord[];
  meta: BuildMeta;
  /** The build's name: changes whenever anything in the artifact does. */
  build: string;
  /** A document's position (its index id), by its public id. */
  positionOf(id: string): number | undefined;
  /** Positions of the documents holding a stop word, ascending. */
  documentsWithStopWord(word: string): readonly number[];
  /** The span of time a document's date covers, or null when it has none. */
  dateSpanOf(position: number): DateSpan | null;
  /** How the corpus spells each index term ("president" for "presid"). */
  spellings: SpellingIndex;
  /** The texts of these documents (fetched by chunk, kept while memory allows). */
  texts(positions: Iterable<number>): Promise<Map<number, string>>;
  /** Where these terms stand in every document (fetched by shard), for phrases. */
  positions(terms: Iterable<string>): Promise<PhrasePositions>;
}

/** Loaded positions of some terms. */
export interface PhrasePositions {
  /** Where `term` stands, in the documents `wanted` accepts; throws for a term not asked for. */
  of(term: string, wanted?: (document: number) => boolean): TermPositions;
}

/** The artifact could not be used: missing, corrupt, or built with other options. */
export class ArtifactError extends Error {
  override name = "ArtifactError";
}

/** Memory kept for fetched text chunks and position shards, per isolate. */
const TEXT_CACHE_CHARS = 8 * 1024 * 1024;
const POSITIONS_CACHE_BYTES = 16 * 1024 * 1024;

const REBUILD = "rebuild it with `npm run build:index`";

/** Reads the manifest, then the build it names. */
export async function openSearchIndex(read: ArtifactReader): Promise<SearchIndex> {
  const manifest = parseJson<ArtifactManifest>(await read(artifactPaths.manifest), "manifest");
  if (!isObject(manifest) || typeof manifest.build !== "string" || !/^[0-9a-f]+$/.test(manifest.build)) {
    throw new ArtifactError(`the search artifact's manifest is damaged; ${REBUILD}`);
  }
  if (manifest.artifactFormat !== ARTIFACT_FORMAT) throw otherVersion(manifest.artifactFormat, "?");
  const json = new TextDecoder().decode(await read(artifactPaths.index(manifest.build)));
  return loadSearchIndex(json, manifest.build, read);
}

/** Parses and checks index.json; throws ArtifactError naming the fix. */
export function loadSearchIndex(json: string, build: string, read: ArtifactReader): SearchIndex {
  let artifact: SearchArtifact;
  try {
    artifact = JSON.parse(json) as SearchArtifact;
  } catch {
    throw new ArtifactError(`the search artifact is not valid JSON; ${REBUILD}`);
  }
  const meta = artifact?.meta;
  const incomplete = () => new ArtifactError(`the search artifact is incomplete; ${REBUILD}`);
  if (!isObject(meta) || !("artifactFormat" in meta)) throw incomplete();
  if (meta.artifactFormat !== ARTIFACT_FORMAT || meta.analysisVersion !== ANALYSIS_VERSION) {
    throw otherVersion(meta.artifactFormat, meta.analysisVersion);
  }
  if (
    !Array.isArray(artifact.documents) ||
    !isObject(artifact.index) ||
    !isObject(artifact.stopWords) ||
    !isObject(artifact.spellings) ||
    !Array.isArray(artifact.spelledFrom) ||
    !Array.isArray(artifact.textChunks) ||
    !Number.isInteger(artifact.positionShards) ||
    artifact.positionShards < 1
  ) {
    throw incomplete();
  }
  let engine: MiniSearch<IndexedDocument>;
  try {
    engine = MiniSearch.loadJS<IndexedDocument>(artifact.index, indexOptions);
  } catch (error) {
    throw new ArtifactError(`the search artifact's index is damaged (${(error as Error).message}); ${REBUILD}`);
  }
  const documents = artifact.documents;
  checkConsistent(meta, documents, engine);
  checkStopWords(artifact.stopWords, documents.length);
  checkChunks(artifact.textChunks, documents.length);
  if (!artifact.spelledFrom.every((entry) => Array.isArray(entry) && typeof entry[0] === "string" && typeof entry[1] === "string")) {
    throw new ArtifactError(`${DAMAGED} (its spellings are malformed); ${REBUILD}`);
  }
  const { stopWords, textChunks, positionShards } = artifact;
  let positions: Map<string, number> | undefined;
  const positionOf = (id: string) => {
    // Built on first lookup: searches never need it.
    positions ??= new Map(documents.map((document, position) => [document.id, position]));
    // Ids are stored in NFC; a client may send the same name decomposed.
    return positions.get(id.normalize("NFC"));
  };
  const stopWordDocuments = new Map<string, readonly number[]>();
  let dateSpans: (DateSpan | null)[] | undefined;
  const texts = textStore(build, textChunks, documents.length, read);
  const shards = new SizeBoundedCache<number, PositionsShard>(POSITIONS_CACHE_BYTES, (shard) => shard.byteLength);
  const loadShard = (shard: number) =>
    shards.get(shard, async () => {
      const bytes = await read(artifactPaths.positionShard(build, shard));
      try {
        return new PositionsShard(bytes);
      } catch {
        throw new ArtifactError(`${DAMAGED} (positions shard ${shard} is malformed); ${REBUILD}`);
      }
    });
  return {
    engine,
    vocabulary: vocabularyOf(engine),
    documents,
    meta,
    build,
    positionOf,
    documentsWithStopWord(word) {
      let positions = stopWordDocuments.get(word);
      if (!positions) {
        const bitset = stopWords[word];
        positions = typeof bitset === "string" ? decodeBitset(bitset, documents.length) : [];
        stopWordDocuments.set(word, positions);
      }
      return positions;
    },
    dateSpanOf(position) {
      // Computed on the first date filter or sort, once for all documents.
      dateSpans ??= documents.map((document) => (document.date === null ? null : dateSpan(document.date)));
      return dateSpans[position] ?? null;
    },
    spellings: new SpellingIndex(artifact.spellings, artifact.spelledFrom),
    texts,
    async positions(terms) {
      const wanted = new Map<string, PositionsShard>();
      const unique = [...new Set(terms)];
      const loaded = await Promise.all(unique.map((term) => loadShard(shardOf(term, positionShards))));
      unique.forEach((term, i) => wanted.set(term, loaded[i]!));
      return {
        of(term, accept) {
          const shard = wanted.get(term);
          if (!shard) throw new Error(`positions of "${term}" were not loaded`);
          try {
            return shard.positions(term, accept);
          } catch (error) {
            // A posting is decoded only when asked for: its damage shows here, not at load.
            if (error instanceof RangeError) throw new ArtifactError(`${DAMAGED} (the positions of a word are malformed); ${REBUILD}`);
            throw error;
          }
        },
      };
    },
  };
}

/** Texts by document position, fetched a chunk at a time. */
function textStore(build: string, firstOfChunk: readonly number[], documentCount: number, read: ArtifactReader) {
  const chunks = new SizeBoundedCache<number, readonly string[]>(TEXT_CACHE_CHARS, (texts) => texts.reduce((sum, text) => sum + text.length, 0));
  const chunkOf = (position: number) => upperBound(firstOfChunk, position) - 1;
  const loadChunk = (chunk: number) =>
    chunks.get(chunk, async () => {
      const texts = parseJson<unknown>(await read(artifactPaths.textChunk(build, chunk)), `text chunk ${chunk}`);
      const expected = (firstOfChunk[chunk + 1] ?? documentCount) - firstOfChunk[chunk]!;
      if (!Array.isArray(texts) || texts.length !== expected || !texts.every((text) => typeof text === "string")) {
        throw new ArtifactError(`${DAMAGED} (text chunk ${chunk} is malformed); ${REBUILD}`);
      }
      return texts as string[];
    });
  return async (positions: Iterable<number>): Promise<Map<number, string>> => {
    const wanted = [...new Set(positions)];
    const byChunk = new Map<number, Promise<readonly string[]>>();
    for (const position of wanted) {
      const chunk = chunkOf(position);
      if (!byChunk.has(chunk)) byChunk.set(chunk, loadChunk(chunk));
    }
    const result = new Map<number, string>();
    for (const position of wanted) {
      const chunk = chunkOf(position);
      const texts = await byChunk.get(chunk)!;
      result.set(position, texts[position - firstOfChunk[chunk]!]!);
    }
    return result;
  };
}

/**
 * MiniSearch's own radix tree of terms. It is not public API, but its
 * type is (minisearch/SearchableMap), and a second copy of every term would
 * cost megabytes; checked here so that a MiniSearch upgrade that moves it
 * fails every test at once rather than a query later.
 */
function vocabularyOf(engine: MiniSearch<IndexedDocument>): SearchableMap<Postings> {
  const tree = (engine as unknown as { _index?: Partial<SearchableMap<Postings>> })._index;
  // The package's main bundle has its own copy of the class: check the shape, not instanceof.
  if (typeof tree?.fuzzyGet !== "function" || typeof tree.atPrefix !== "function" || typeof tree.get !== "function") {
    throw new Error("MiniSearch no longer keeps its terms in a SearchableMap (_index)");
  }
  return tree as SearchableMap<Postings>;
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

/** First index whose value is greater than `value`. */
function upperBound(sorted: readonly number[], value: number): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Chunks start at 0 and go up, each within the documents. */
function checkChunks(firstOfChunk: readonly unknown[], documentCount: number): void {
  const ascending = firstOfChunk.every(
    (first, i) => Number.isInteger(first) && (first as number) < documentCount && (i === 0 ? first === 0 : (first as number) > (firstOfChunk[i - 1] as number)),
  );
  if (!ascending || (documentCount > 0 && firstOfChunk.length === 0)) {
    throw new ArtifactError(`${DAMAGED} (its text chunks do not cover the documents); ${REBUILD}`);
  }
}

const DAMAGED = "the search artifact is damaged";

/**
 * Checks once, at load, what every request then relies on: each document
 * has its fields, and the counts agree with each other and with the index.
 * One pass over the documents; a damaged artifact is a 503, never a 500 later.
 */
function checkConsistent(meta: BuildMeta, documents: readonly DocumentRecord[], engine: MiniSearch<IndexedDocument>): void {
  const fail = (what: string) => {
    throw new ArtifactError(`${DAMAGED} (${what}); ${REBUILD}`);
  };
  if (typeof meta.sources !== "object" || meta.sources === null) fail("no source counts");
  if (meta.documents !== documents.length || engine.documentCount !== documents.length) {
    fail(`${meta.documents} documents in its metadata, ${documents.length} stored, ${engine.documentCount} indexed`);
  }
  let unknownSources = 0;
  for (const [position, document] of documents.entries()) {
    if (!isDocumentRecord(document)) fail(`document ${position} is malformed`);
    if (!Object.hasOwn(meta.sources, document.source)) unknownSources++;
  }
  const total = Object.values(meta.sources).reduce((sum, count) => sum + (Number.isInteger(count) ? count : NaN), 0);
  if (unknownSources > 0 || total !== documents.length) fail("source counts do not match the documents");
}

/** Every bitset must decode to one bit per document, or a query would throw later. */
function checkStopWords(stopWords: object, documentCount: number): void {
  const length = 4 * Math.ceil(Math.ceil(documentCount / 8) / 3);
  for (const bitset of Object.values(stopWords)) {
    if (typeof bitset !== "string" || bitset.length !== length || !BASE64.test(bitset)) {
      throw new ArtifactError(`${DAMAGED} (a stop-word bitset is malformed); ${REBUILD}`);
    }
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

function isDocumentRecord(value: unknown): value is DocumentRecord {
  if (typeof value !== "object" || value === null) return false;
  const { id, title, source, date, url } = value as Record<string, unknown>;
  const optionalText = (field: unknown) => field === null || typeof field === "string";
  const validDate = date === null || (typeof date === "string" && canonicalDate(date) === date);
  return (
    typeof id === "string" &&
    typeof title === "string" &&
    typeof source === "string" &&
    validDate &&
    optionalText(url)
  );
}
