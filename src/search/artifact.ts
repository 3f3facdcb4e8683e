/**
 * The search artifact: what the build writes and the Worker loads.
 * One JSON file, so one rename publishes a build atomically.
 */
import type { AsPlainObject } from "minisearch";
import type { StopWordBitsets } from "./stop-words-index";
import type { Spellings } from "./spellings";

/** A document as the API returns it. */
export interface StoredDocument {
  /** Path relative to the corpus root, without extension, "/"-separated. */
  id: string;
  title: string;
  /** The facet value: an outlet, a folder, or "unknown". */
  source: string;
  /** ISO 8601 at the precision the corpus gave ("2017", "2017-05-02", …), or null. */
  date: string | null;
  url: string | null;
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

export interface SearchArtifact {
  meta: BuildMeta;
  /**
   * The documents in browse order (newest first, undated last, then by id).
   * A document's position here is its id in the MiniSearch index.
   */
  documents: StoredDocument[];
  /** The MiniSearch index as a plain object (MiniSearch#toJSON). */
  index: AsPlainObject;
  /** Which documents hold each stop word (stop words are not in the index). */
  stopWords: StopWordBitsets;
  /** How the corpus spells each stem, for completions, typos and suggestions. */
  spellings: Spellings;
}

/** Where the Worker finds the artifact among its static assets. */
export const ARTIFACT_ASSET_PATH = "/_artifact/search.json";
