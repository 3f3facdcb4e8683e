/** Turns the artifact into a searchable index, once per isolate. */
import MiniSearch from "minisearch";
import type { BuildMeta, SearchArtifact, StoredDocument } from "./artifact";
import { ANALYSIS_VERSION, ARTIFACT_FORMAT, indexOptions, type IndexedDocument } from "./options";

/** The loaded index: the engine, the documents it points into, and build facts. */
export interface SearchIndex {
  engine: MiniSearch<IndexedDocument>;
  documents: readonly StoredDocument[];
  meta: BuildMeta;
  /** Finds a document by its public id. */
  documentById(id: string): StoredDocument | undefined;
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
  if (!meta || !Array.isArray(artifact.documents) || typeof artifact.index !== "object" || artifact.index === null) {
    throw new ArtifactError("the search artifact is incomplete; rebuild it with `npm run build:index`");
  }
  if (meta.artifactFormat !== ARTIFACT_FORMAT || meta.analysisVersion !== ANALYSIS_VERSION) {
    throw new ArtifactError(
      `the search artifact was built by another version (format ${meta.artifactFormat}, analysis ${meta.analysisVersion}; ` +
        `this Worker needs ${ARTIFACT_FORMAT} and ${ANALYSIS_VERSION}); rebuild it with \`npm run build:index\``,
    );
  }
  let engine: MiniSearch<IndexedDocument>;
  try {
    engine = MiniSearch.loadJS<IndexedDocument>(artifact.index, indexOptions);
  } catch (error) {
    throw new ArtifactError(`the search artifact's index is damaged (${(error as Error).message}); rebuild it with \`npm run build:index\``);
  }
  const documents = artifact.documents;
  checkConsistent(meta, documents, engine);
  let byId: Map<string, StoredDocument> | undefined;
  return {
    engine,
    documents,
    meta,
    documentById(id) {
      // Built on first lookup: searches never need it.
      byId ??= new Map(documents.map((document) => [document.id, document]));
      // Ids are stored in NFC; a client may send the same name decomposed.
      return byId.get(id.normalize("NFC"));
    },
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

function isStoredDocument(value: unknown): value is StoredDocument {
  if (typeof value !== "object" || value === null) return false;
  const { id, title, source, date, url, text } = value as Record<string, unknown>;
  const optionalText = (field: unknown) => field === null || typeof field === "string";
  return (
    typeof id === "string" &&
    typeof title === "string" &&
    typeof source === "string" &&
    typeof text === "string" &&
    optionalText(date) &&
    optionalText(url)
  );
}
