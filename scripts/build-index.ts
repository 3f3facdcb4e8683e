/**
 * npm run build:index [-- --corpus DIR] [--shards N|auto] [--name NAME] [--skip-invalid] [--max-file-bytes N] [--assets DIR] [--shards-dir DIR] [--threads N]
 *
 * Builds the search artifact from a corpus folder (default: seeds/, or the
 * CORPUS_DIR environment variable) into the Worker's static assets (default:
 * .build/assets, or the ASSETS_DIR environment variable, which `npm run dev`
 * and `npm run deploy` serve too), on one thread per core. With --shards N
 * (N > 1) the corpus is split into N shards under --shards-dir (default
 * .build/shards), with a router and the wrangler configuration of every
 * Worker (src/corpus/shard-build.ts); --shards auto picks N from the corpus's
 * size and what one shard serves (capacity.ts). Exits 1, writing nothing,
 * when any file is bad (unless --skip-invalid). Shows its progress on a
 * terminal.
 *
 * A build into the default folders is remembered (.build/last-build.json):
 * `npm run dev` and `npm run deploy` build it again (--again) and serve it,
 * sharded or not.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { availableParallelism } from "node:os";
import { buildCorpus, type BuildProgress, type BuildReport } from "../src/corpus/run";
import { DEFAULT_MAX_FILE_BYTES } from "../src/corpus/read";
import { describeSkipped } from "../src/corpus/skipped";
import { writeSiteAssets } from "./site-assets";
import { shardCountFor, SHARD_CAPACITY } from "../src/corpus/capacity";
import { SHARDED_LAYOUT, writeShards, type ShardedBuild } from "../src/corpus/shard-build";
import { DEFAULT_ASSETS_DIR, DEFAULT_SHARDS_DIR, readLastBuild, rememberBuild, workerSettings, type LastBuild } from "./workers-config";

function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        corpus: { type: "string" },
        assets: { type: "string", default: process.env.ASSETS_DIR || DEFAULT_ASSETS_DIR },
        shards: { type: "string", default: "1" },
        "shards-dir": { type: "string", default: DEFAULT_SHARDS_DIR },
        name: { type: "string" },
        again: { type: "boolean", default: false },
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
      "Usage: npm run build:index -- [--corpus DIR] [--shards N|auto] [--name NAME] [--skip-invalid] [--max-file-bytes N] [--assets DIR] [--shards-dir DIR] [--threads N]\n" +
        "The corpus defaults to $CORPUS_DIR, else seeds/; the assets folder to $ASSETS_DIR, else .build/assets.\n" +
        `--shards N splits the corpus into N shards under --shards-dir (default ${DEFAULT_SHARDS_DIR}); auto: one per ${SHARD_CAPACITY.documents.toLocaleString("en")} documents.\n` +
        "--name names the split's Workers: the router NAME, the shards NAME-shard-<n> (default: wrangler.toml's name).\n" +
        "--again builds what the last build into the default folders built (npm run dev and deploy do).\n" +
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
  const last: LastBuild | null = values.again ? readLastBuild() : null;
  const corpusDir = values.corpus ?? (process.env.CORPUS_DIR || last?.corpus || "seeds");
  const shardsOption = values.again && last ? String(last.shards) : values.shards;
  if (shardsOption !== "auto" && !(Number.isInteger(Number(shardsOption)) && Number(shardsOption) >= 1 && Number(shardsOption) <= SHARD_CAPACITY.maxShards)) {
    console.error(`build:index: --shards must be auto or an integer from 1 to ${SHARD_CAPACITY.maxShards}, got "${shardsOption}"`);
    return Promise.resolve(2);
  }
  const skipInvalid = values["skip-invalid"] || (values.again && last?.skipInvalid === true);
  const shardsDir = values["shards-dir"];
  const onProgress = process.stderr.isTTY ? progressLine() : undefined;
  const build = async (assetsDir: string) => {
    const report = await buildCorpus({ corpusDir, assetsDir, skipInvalid, maxFileBytes, threads, onProgress });
    return printReport(corpusDir, report, skipInvalid) === 0 ? report : null;
  };
  return (async () => {
    // Split when asked for more than one shard, or when auto finds the corpus needs it.
    const wanted = shardsOption === "auto" ? null : Number(shardsOption);
    // One Worker: the corpus built into the assets folder, the page's files beside it.
    const buildWhole = async () => {
      // A failed build writes nothing, the page's files included.
      const report = await build(values.assets);
      if (!report) return 1;
      await writeSiteAssets(values.assets);
      if (values.assets === DEFAULT_ASSETS_DIR) rememberBuild({ corpus: corpusDir, shards: 1, skipInvalid });
      return 0;
    };
    if (wanted === 1) return buildWhole();
    const report = await build(path.join(shardsDir, SHARDED_LAYOUT.whole));
    if (!report) return 1;
    const count = wanted ?? shardCountFor(report.documents);
    if (wanted === null) {
      console.log(`  shards     ${count} (auto: at most ${SHARD_CAPACITY.documents.toLocaleString("en")} documents a shard)`);
    }
    // Auto on a corpus one Worker serves: built as it would be without shards.
    if (count === 1) return buildWhole();
    const settings = { ...(await workerSettings()), ...(values.name && { name: values.name }) };
    const started = performance.now();
    const sharded = await writeShards(shardsDir, count, settings, process.cwd());
    await writeSiteAssets(sharded.routerFolder);
    printShards(sharded, performance.now() - started);
    if (shardsDir === DEFAULT_SHARDS_DIR) rememberBuild({ corpus: corpusDir, shards: count, skipInvalid });
    return 0;
  })();
}

function printShards(sharded: ShardedBuild, milliseconds: number): void {
  for (const warning of sharded.warnings) console.warn(`warning: ${warning}`);
  console.log(
    [
      `Split into ${sharded.shards.length} shards → ${path.relative(process.cwd(), path.dirname(sharded.routerFolder))}`,
      ...sharded.shards.map(({ documents, files }, n) => `  shard ${n}    ${documents} documents, ${files} files`),
      `  router     ${path.relative(process.cwd(), sharded.configs.router)}`,
      `  time       ${Math.round(milliseconds)} ms`,
    ].join("\n"),
  );
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
    const label = { scan: "reading", index: "indexing", passages: "finding shared passages", merge: "writing the index" }[stage];
    process.stderr.write(`\r\x1b[K${label} ${stage === "merge" || stage === "passages" ? "" : `${done}/${total} documents `}(${percent}%) ${((now - started) / 1000).toFixed(0)} s`);
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
