/**
 * npm run build:index [-- --corpus DIR] [--skip-invalid] [--max-file-bytes N] [--assets DIR] [--threads N]
 *
 * Builds the search artifact from a corpus folder (default: seeds/, or the
 * CORPUS_DIR environment variable) into the Worker's static assets (default:
 * .build/assets, or the ASSETS_DIR environment variable, which `npm run dev`
 * and `npm run deploy` serve too), on one thread per core. Exits 1, writing nothing, when any file is bad (unless
 * --skip-invalid). Shows its progress on a terminal.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { availableParallelism } from "node:os";
import { buildCorpus, type BuildProgress, type BuildReport } from "../src/corpus/run";
import { DEFAULT_MAX_FILE_BYTES } from "../src/corpus/read";
import { describeSkipped } from "../src/corpus/skipped";
import { writeSiteAssets } from "./site-assets";

export const DEFAULT_ASSETS_DIR = ".build/assets";

function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        corpus: { type: "string" },
        assets: { type: "string", default: process.env.ASSETS_DIR || DEFAULT_ASSETS_DIR },
        "skip-invalid": { type: "boolean", default: false },
        "max-file-bytes": { type: "string", default: String(DEFAULT_MAX_FILE_BYTES) },
        threads: { type: "string" },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    console.error(`build:index: ${(error as Error).message}\nRun with --help for the options.`);
    return Promise.resolve(2);
  }
  if (values.help) {
    console.log(
      "Usage: npm run build:index -- [--corpus DIR] [--skip-invalid] [--max-file-bytes N] [--assets DIR] [--threads N]\n" +
        "The corpus defaults to $CORPUS_DIR, else seeds/; the assets folder to $ASSETS_DIR, else .build/assets.\n" +
        "Threads default to one per core (0: index in the main thread).",
    );
    return Promise.resolve(0);
  }
  const maxFileBytes = Number(values["max-file-bytes"]);
  if (!Number.isInteger(maxFileBytes) || maxFileBytes <= 0) {
    console.error(`build:index: --max-file-bytes must be a positive integer, got "${values["max-file-bytes"]}"`);
    return Promise.resolve(2);
  }
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 0 && threads <= 4 * availableParallelism())) {
    console.error(`build:index: --threads must be an integer from 0 to ${4 * availableParallelism()}, got "${values.threads}"`);
    return Promise.resolve(2);
  }
  const corpusDir = values.corpus ?? (process.env.CORPUS_DIR || "seeds");
  const assetsDir = values.assets;
  const onProgress = process.stderr.isTTY ? progressLine() : undefined;
  return buildCorpus({ corpusDir, assetsDir, skipInvalid: values["skip-invalid"], maxFileBytes, threads, onProgress })
    // A failed build writes nothing, the page's files included.
    .then(async (report) => (report.ok && (await writeSiteAssets(assetsDir)), report))
    .then((report) => printReport(corpusDir, report, values["skip-invalid"]));
}

/** A progress line on the terminal, rewritten at most a few times a second, and only once the build has run a while. */
function progressLine(): (progress: BuildProgress) => void {
  const started = performance.now();
  let shown = 0;
  return ({ stage, done, total }) => {
    const now = performance.now();
    if (now - started < 2000 || now - shown < 250) return;
    shown = now;
    const percent = total > 0 ? Math.floor((100 * done) / total) : 0;
    const label = { scan: "reading", index: "indexing", merge: "writing the index" }[stage];
    process.stderr.write(`\r\x1b[K${label} ${stage === "merge" ? "" : `${done}/${total} documents `}(${percent}%) ${((now - started) / 1000).toFixed(0)} s`);
  };
}

function printReport(corpusDir: string, report: BuildReport, skipInvalid: boolean): number {
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
  for (const warning of report.warnings) console.warn(`warning: ${warning}`);
  if (!report.ok) {
    console.error(`build:index: ${report.problems.length} problem(s) in ${corpusDir}; nothing was written:`);
    for (const problem of report.problems) console.error(`  ${problem.path}: ${problem.reason}`);
    if (!skipInvalid && report.documents > 0) console.error("Fix these files, or pass --skip-invalid to leave them out.");
    return 1;
  }
  // A bad file is left out; a bad manifest entry only loses its metadata.
  for (const problem of report.problems) console.warn(`warning: left out ${problem.path}: ${problem.reason}`);
  if (report.problems.length > 0) console.warn(`warning: ${report.problems.length} problem(s) left out (--skip-invalid)`);
  const sources = Object.entries(report.sources)
    .map(([name, count]) => `${name} ${count}`)
    .join(", ");
  console.log(
    [
      `Indexed ${corpusDir} → ${path.relative(process.cwd(), report.artifactPath)}`,
      `  documents  ${report.documents}`,
      ...(report.ignored.length > 0 ? [`  not read   ${report.ignored.length} file(s) for their extension: ${describeSkipped(report.ignored)}`] : []),
      `  sources    ${sources}`,
      `  bytes in   ${report.bytesIn}`,
      `  bytes out  ${report.bytesOut} in ${report.filesOut} files`,
      `  time       ${report.milliseconds} ms`,
    ].join("\n"),
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("build:index failed:", error);
    process.exit(1);
  },
);
