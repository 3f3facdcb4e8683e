/** Turns the artifact into a searchable index, once per isolate. */
import MiniSearch from "minisearch";
import type { BuildMeta, SearchArtifact, StoredDocument } from "./artifact";
import { canonicalDate, dateSpan, type DateSpan } from "./dates";
import { ANALYSIS_VERSION, ARTIFACT_FORMAT, indexOptions, type IndexedDocument } from "./options";
import { SpellingIndex } from "./spellings";
import { decodeBitset } from "./stop-words-index";

/** The loaded index: the engine, the documents it points into, and build facts. */
export interface SearchIndex {
  engine: MiniSearch<IndexedDocument>;
  documents: readonly StoredDocument[];
  meta: BuildMeta;
  /** Finds a document by its public id. */
  documentById(id: string): StoredDocument | undefined;
  /** A document's position (its index id), by its public id. */
  positionOf(id: string): number | undefined;
  /** Positions of the documents holding a stop word, ascending. */
  documentsWithStopWord(word: string): readonly number[];
  /** The span of time a document's date covers, or null when it has none. */
  dateSpanOf(position: number): DateSpan | null;
  /** How the corpus spells each index term ("president" for "presid"). */
  spellings: SpellingIndex;
}

/** The artifact could not be used: missing, corrupt, or built with other options. */
export class ArtifactError extends Error {
  override name = "ArtifactError";
}

/** Parses and checks an artifact; throws ArtifactError naming the fix. */
export function loadSearchIndex(json: string): SearchIndex {
  let artifact: SearchArtifact;
  try {
    artifact = JSON.parse(json) as SearchArtifact;
  } catch {
    throw new ArtifactError("the search artifact is not valid JSON; rebuild it with `npm run build:index`");
  }
  const meta = artifact?.meta;
  const incomplete = () => new ArtifactError("the search artifact is incomplete; rebuild it with `npm run build:index`");
  if (!isObject(meta) || !("artifactFormat" in meta)) throw incomplete();
  if (meta.artifactFormat !== ARTIFACT_FORMAT || meta.analysisVersion !== ANALYSIS_VERSION) {
    throw new ArtifactError(
      `the search artifact was built by another version (format ${meta.artifactFormat}, analysis ${meta.analysisVersion}; ` +
        `this Worker needs ${ARTIFACT_FORMAT} and ${ANALYSIS_VERSION}); rebuild it with \`npm run build:index\``,
    );
  }
  if (
    !Array.isArray(artifact.documents) ||
    !isObject(artifact.index) ||
    !isObject(artifact.stopWords) ||
    !isObject(artifact.spellings)
  ) {
    throw incomplete();
  }
  let engine: MiniSearch<IndexedDocument>;
  try {
    engine = MiniSearch.loadJS<IndexedDocument>(artifact.index, indexOptions);
  } catch (error) {
    throw new ArtifactError(`the search artifact's index is damaged (${(error as Error).message}); rebuild it with \`npm run build:index\``);
  }
  const documents = artifact.documents;
  checkConsistent(meta, documents, engine);
  checkStopWords(artifact.stopWords, documents.length);
  const { stopWords } = artifact;
  let positions: Map<string, number> | undefined;
  const positionOf = (id: string) => {
    // Built on first lookup: searches never need it.
    positions ??= new Map(documents.map((document, position) => [document.id, position]));
    // Ids are stored in NFC; a client may send the same name decomposed.
    return positions.get(id.normalize("NFC"));
  };
  const stopWordDocuments = new Map<string, readonly number[]>();
  let dateSpans: (DateSpan | null)[] | undefined;
  return {
    engine,
    documents,
    meta,
    documentById(id) {
      const position = positionOf(id);
      return position === undefined ? undefined : documents[position];
    },
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
    spellings: new SpellingIndex(artifact.spellings),
  };
}

const DAMAGED = "the search artifact is damaged";

/**
 * Checks once, at load, what every request then relies on: each document
 * has its fields, and the counts agree with each other and with the index.
 * One pass over the documents; a damaged artifact is a 503, never a 500 later.
 */
function checkConsistent(meta: BuildMeta, documents: readonly StoredDocument[], engine: MiniSearch<IndexedDocument>): void {
  const fail = (what: string) => {
    throw new ArtifactError(`${DAMAGED} (${what}); rebuild it with \`npm run build:index\``);
  };
  if (typeof meta.sources !== "object" || meta.sources === null) fail("no source counts");
  if (meta.documents !== documents.length || engine.documentCount !== documents.length) {
    fail(`${meta.documents} documents in its metadata, ${documents.length} stored, ${engine.documentCount} indexed`);
  }
  let unknownSources = 0;
  for (const [position, document] of documents.entries()) {
    if (!isStoredDocument(document)) fail(`document ${position} is malformed`);
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
      throw new ArtifactError(`${DAMAGED} (a stop-word bitset is malformed); rebuild it with \`npm run build:index\``);
    }
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

function isStoredDocument(value: unknown): value is StoredDocument {
  if (typeof value !== "object" || value === null) return false;
  const { id, title, source, date, url, text } = value as Record<string, unknown>;
  const optionalText = (field: unknown) => field === null || typeof field === "string";
  const validDate = date === null || (typeof date === "string" && canonicalDate(date) === date);
  return (
    typeof id === "string" &&
    typeof title === "string" &&
    typeof source === "string" &&
    typeof text === "string" &&
    validDate &&
    optionalText(url)
  );
}
