/**
 * The search artifact: what the build writes and the Worker loads, as a set
 * of static assets under one build folder, named by a hash of its contents:
 *
 *   _artifact/manifest.json              which build is current (written last)
 *   _artifact/<build>/index.json         what every query needs: loaded once per isolate
 *   _artifact/<build>/text/<n>.json      document texts, in chunks, fetched for the page of hits
 *   _artifact/<build>/positions/<n>.bin  word positions, in shards, fetched for phrases
 *
 * Text and positions stay out of the isolate's heap until a query needs
 * them: snippets need the text of ten hits, not of the corpus.
 */
import type { AsPlainObject } from "minisearch";
import type { StopWordBitsets } from "./stop-words-index";
import type { SpelledFrom, Spellings } from "./spellings";

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
}

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

/** index.json: what every query needs. */
export interface SearchArtifact {
  meta: BuildMeta;
  /**
   * The documents in browse order (newest first, undated last, then by id).
   * A document's position here is its id in the MiniSearch index.
   */
  documents: DocumentRecord[];
  /** The MiniSearch index as a plain object (MiniSearch#toJSON). */
  index: AsPlainObject;
  /** Which documents hold each stop word (stop words are not in the index). */
  stopWords: StopWordBitsets;
  /** How the corpus spells each stem, for completions, typos and suggestions. */
  spellings: Spellings;
  /** The spellings sorted as typed prefixes are looked up in them. */
  spelledFrom: SpelledFrom;
  /** The first document position of each text chunk, ascending from 0. */
  textChunks: number[];
  /** How many shards the positions are split into. */
  positionShards: number;
}

/** manifest.json: the current build. */
export interface ArtifactManifest {
  artifactFormat: number;
  /** The build folder's name: a hash of everything in it. */
  build: string;
}

/** The folder of the artifact among the static assets. */
export const ARTIFACT_DIR = "_artifact";

/** Asset paths of an artifact's files (leading "/", as the assets binding takes them). */
export const artifactPaths = {
  manifest: `/${ARTIFACT_DIR}/manifest.json`,
  index: (build: string) => `/${ARTIFACT_DIR}/${build}/index.json`,
  textChunk: (build: string, chunk: number) => `/${ARTIFACT_DIR}/${build}/text/${chunk}.json`,
  positionShard: (build: string, shard: number) => `/${ARTIFACT_DIR}/${build}/positions/${shard}.bin`,
} as const;
