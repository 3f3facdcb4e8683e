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
  let byId: Map<string, StoredDocument> | undefined;
  return {
    engine,
    documents,
    meta,
    documentById(id) {
      // Built on first lookup: searches never need it.
      byId ??= new Map(documents.map((document) => [document.id, document]));
      return byId.get(id);
    },
  };
}
