/**
 * Our side: the project's own build and search, through the entry points
 * that stay stable while the internals change — buildCorpus, openSearchIndex
 * over the assets folder (directoryReader), parseSearchRequest and search.
 * Nothing else of src/ is relied on, so the report measures whatever the
 * internals become.
 */
import { directoryReader } from "../../src/corpus/artifact-files";
import { buildCorpus } from "../../src/corpus/run";
import { openSearchIndex, type SearchIndex } from "../../src/search/load";
import { parseSearchRequest } from "../../src/search/query";
import { search } from "../../src/search/search";
import { RelevanceError } from "./errors";
import { TOP_K, type RankedId, type Ranking } from "./ranking";

export type OurIndex = SearchIndex;

export interface OurBuild {
  index: OurIndex;
  /** The build's warnings (an artifact over the Workers asset limit, say): shown, not fatal. */
  warnings: string[];
  /** Every file of the artifact, added up. */
  artifactBytes: number;
}

/** Builds the corpus into assetsDir and loads the artifact it wrote, as the Worker does. */
export async function buildOurIndex(corpusDir: string, assetsDir: string): Promise<OurBuild> {
  const report = await buildCorpus({ corpusDir, assetsDir });
  if (!report.ok) {
    const problems = report.problems.map((problem) => `  ${problem.path}: ${problem.reason}`).join("\n");
    throw new RelevanceError(`our build of ${corpusDir} failed:\n${problems}`);
  }
  const index = await openSearchIndex(directoryReader(assetsDir));
  return { index, warnings: report.warnings, artifactBytes: report.bytesOut };
}

/** Our top TOP_K for q, as /search?q=…&limit=10 would answer it. */
export async function searchOurs(index: OurIndex, q: string): Promise<Ranking> {
  try {
    const result = await search(index, parseSearchRequest(new URLSearchParams({ q, limit: String(TOP_K) })));
    return { total: result.total, top: result.hits.map(toRanked) };
  } catch (error) {
    // A query our API refuses (an ApiError) is a result to report, not a crash.
    return { total: 0, top: [], error: (error as Error).message };
  }
}

function toRanked(hit: { id: string }): RankedId {
  // The score is read if a hit still carries one: only the id is promised.
  const score = (hit as { score?: unknown }).score;
  return typeof score === "number" ? { id: hit.id, score } : { id: hit.id };
}
