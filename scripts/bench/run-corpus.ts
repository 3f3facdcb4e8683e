/**
 * One corpus through every measurement, ours beside the naive baseline, the
 * previous (index.json) design and an empty Hono app: build, Node loads and
 * queries, the bytes a cold query reads, workerd starts with a mixed run,
 * HTTP load. A step that fails is recorded with its reason and the steps
 * that need it are skipped; the bench goes on with the next corpus.
 */
import os from "node:os";
import path from "node:path";
import { adversarialCost } from "./adversarial";
import { measureAssets, servableAssets } from "./assets";
import { BYTES_PER_CLASS, measureBytes, PREVIOUS_BYTES_PER_CLASS } from "./bytes";
import { runChild, writeChildInput } from "./child";
import type { NaiveBuildOutcome } from "./children/build-naive";
import type { OursBuildOutcome } from "./children/build-ours";
import type { LoadOutcome, ProbeOutcome, QueryTiming } from "./children/probe-types";
import { prepareCorpus, type CorpusSpec } from "./corpora";
import type { Datasets } from "./datasets";
import type { LoadSettings } from "./http-load";
import { assetsDirOf, EMPTY_CONFIG, NAIVE_CONFIG, OURS_CONFIG, WORK_DIR } from "./paths";
import type { PreviousTree } from "./previous";
import { drawMix, type QueryCase, type QuerySet } from "./queries";
import { isFailed, type BuildResult, type CorpusResult, type Engine, type EngineResult, type Failed, type NodeLoadMedians, type WorkerdResult } from "./results";
import { measureShards } from "./shards";
import { startupFilesOf } from "./startup-files";
import { median } from "./stats";
import { dryRun } from "./wrangler-cli";
import { measureHttp, measureStart, type Mix, type Served } from "./workerd";

export interface RunSettings {
  /** Fresh wrangler dev processes per Worker. */
  starts: number;
  /** Fresh Node processes per engine for the load phases and heap. */
  loadRuns: number;
  /** Time spent on each query class per engine, after warm-up. */
  queryBudgetMs: number;
  /** Queries in the mixed run (made on the first start of each Worker), and the longest it may take. */
  mixQueries: number;
  mixBudgetMs: number;
  /** Overrides every corpus's build budget (CorpusSpec.buildBudgetMinutes). */
  buildBudgetMinutes?: number;
  http: LoadSettings;
  /** The shards phase (--shards): our artifact split into each of these counts and served sharded; empty: skipped. */
  shardCounts: number[];
}

/** Every Worker served in workerd: the three engines, and the empty Hono app. */
export type WorkerName = Engine | "empty";

export interface RunContext {
  datasets: () => Datasets;
  /** The bundle to serve for a Worker, from parts or not (bundled once per run). */
  bundleFor(worker: WorkerName, fromParts: boolean): string;
  /** The queries of a corpus (a repeated corpus gets its original's). */
  queriesFor(spec: CorpusSpec, corpusDir: string): Promise<QuerySet>;
  /** Whether src/ has changed since the Workers were bundled. */
  sourceChanged(): boolean;
  /** The previous design's tree, or null when it is not measured. */
  previous: PreviousTree | null;
}

/** V8's longest string (2^29 − 24 characters): the naive Worker's index is one JSON string holding every text. */
const V8_MAX_STRING = 2 ** 29 - 24;
const PROBE_TIMEOUT_MS = 20 * 60_000;
const BYTES_TIMEOUT_MS = 20 * 60_000;
/** Raw MiniSearch over every text (the floor) is built up to this many documents. */
const FLOOR_MAX_DOCUMENTS = 60_000;

export async function runCorpus(spec: CorpusSpec, settings: RunSettings, context: RunContext): Promise<CorpusResult> {
  const started = performance.now();
  const log = (message: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${spec.name}: ${message}`);
  const result: CorpusResult = { name: spec.name, description: spec.description, notes: [], documents: null, loadAverage: os.loadavg()[0]! };
  let corpusDir: string;
  let querySet: QuerySet;
  try {
    log("preparing the corpus");
    const prepared = prepareCorpus(spec, context.datasets);
    corpusDir = prepared.dir;
    result.notes.push(...prepared.notes);
    querySet = await context.queriesFor(spec, corpusDir);
    result.queryCases = querySet.cases;
    result.queryPools = querySet.pools;
  } catch (error) {
    result.failed = (error as Error).message;
    result.milliseconds = performance.now() - started;
    return result;
  }
  const cases = querySet.cases;
  const firstQuery = cases.find((queryCase) => queryCase.class === "common term")?.q ?? cases[0]?.q ?? "";
  const firstSearchPath = `/search?q=${encodeURIComponent(firstQuery)}`;
  const workDir = path.join(WORK_DIR, spec.name);
  const queriesFile = writeChildInput(workDir, "queries.json", cases);
  const poolsFile = writeChildInput(workDir, "pools.json", querySet.pools);
  const randomFile = querySet.random ? writeChildInput(workDir, "random.json", querySet.random) : null;
  const mix: Mix = { queries: drawMix(querySet.pools, settings.mixQueries), budgetMs: settings.mixBudgetMs };
  result.mixClasses = {};
  for (const { class: cls } of mix.queries) result.mixClasses[cls] = (result.mixClasses[cls] ?? 0) + 1;

  const engineNames: Engine[] = context.previous ? ["ours", "naive", "previous"] : ["ours", "naive"];
  const engines = {} as Record<Engine, EngineResult>;
  const budgetMinutes = settings.buildBudgetMinutes ?? spec.buildBudgetMinutes;
  for (const engine of engineNames) {
    const skip = skipBuild(engine, spec, engines.ours?.build);
    if (skip) log(`not building (${engine}): ${skip}`);
    else log(`building (${engine}; budget ${budgetMinutes} min)`);
    const built = skip ? { failed: `not built: ${skip}`, skipped: true } : await build(engine, corpusDir, spec.name, budgetMinutes, context.previous);
    engines[engine] = { build: built, nodeLoad: { failed: "not built", skipped: true }, workerd: { failed: "not built", skipped: true } };
  }
  const oursBuild = engines.ours.build;
  result.documents = isFailed(oursBuild) ? null : oursBuild.outcome.documents;

  // Node: one process per engine also times the queries; the others only load.
  const timings: Partial<Record<Engine, ProbeOutcome>> = {};
  for (const engine of engineNames) {
    if (isFailed(engines[engine].build)) continue;
    log(`loading and querying in Node (${engine}, ${settings.loadRuns} processes)`);
    const assetsDir = assetsDirOf(spec.name, engine);
    const probe = engine === "naive" ? "probe-naive" : "probe-ours";
    // Ours and the previous design load as their Workers do, from the manifest on; the naive one from its single file.
    const source = engine === "naive" ? ["--artifact", startupFilesOf(engine, assetsDir)[0]!] : ["--assets", assetsDir];
    const floor = engine === "ours" ? ["--floor-max-documents", String(FLOOR_MAX_DOCUMENTS)] : [];
    const samples: LoadOutcome[] = [];
    let failure: string | null = null;
    for (let run = 0; run < settings.loadRuns && failure === null; run++) {
      const random = engine === "ours" && randomFile ? ["--random", randomFile] : [];
      const withQueries = run === 0 ? ["--queries", queriesFile, "--budget-ms", String(settings.queryBudgetMs), ...floor, ...random] : [];
      const outcome = await runChild<ProbeOutcome>(probe, [...source, "--first", firstQuery, ...withQueries], {
        nodeFlags: ["--expose-gc"],
        timeoutMs: PROBE_TIMEOUT_MS,
        logName: `${spec.name}-probe-${engine}-${run}`,
        root: engine === "previous" ? context.previous!.root : undefined,
      });
      if (!outcome.ok) failure = outcome.reason;
      else {
        samples.push(outcome.value.load);
        if (run === 0) timings[engine] = outcome.value;
      }
    }
    engines[engine].nodeLoad = failure !== null && samples.length === 0 ? { failed: failure } : { samples, medians: loadMedians(samples) };
  }
  result.queries = mergeQueries(cases, timings);
  result.floorUnavailable = timings.ours?.floorUnavailable;
  result.random = timings.ours?.random;
  result.adversarial = isFailed(result.queries) ? null : adversarialCost(result.queries, cases);

  // What a cold query fetches: ours, and the previous design (its start reads index.json whole).
  result.bytes = {};
  for (const engine of ["ours", "previous"] as const) {
    if (!engines[engine] || isFailed(engines[engine].build)) continue;
    log(`bytes read by cold queries (${engine})`);
    result.bytes[engine] = await measureBytes({
      assetsDir: assetsDirOf(spec.name, engine),
      poolsFile,
      perClass: engine === "previous" ? PREVIOUS_BYTES_PER_CLASS : BYTES_PER_CLASS,
      root: engine === "previous" ? context.previous!.root : undefined,
      logName: `${spec.name}-bytes-${engine}`,
      timeoutMs: BYTES_TIMEOUT_MS,
    });
  }

  // workerd: fresh starts, every Worker in turn, so drift hits all alike. The
  // empty app serves the same assets as ours, so that it starts as ours does.
  const workers: WorkerName[] = isFailed(oursBuild) ? [] : ["empty", ...engineNames];
  const served: Partial<Record<WorkerName, Served>> = {};
  const workerd: Partial<Record<WorkerName, WorkerdResult | Failed>> = {};
  for (const worker of workers) {
    const engine: Engine = worker === "empty" ? "ours" : worker;
    const built = engines[engine].build;
    if (isFailed(built)) continue;
    try {
      const assets = servableAssets(assetsDirOf(spec.name, engine), path.join(workDir, `${engine}-parts`));
      served[worker] = {
        config: worker === "empty" ? EMPTY_CONFIG : configOf(engine, context.previous),
        // The empty app reads no asset: it needs no parts, whatever the folder holds.
        bundle: context.bundleFor(worker, worker !== "empty" && assets.split),
        assetsDir: assets.dir,
        // wrangler dev lists every asset before it answers.
        readyTimeoutMs: 90_000 + 2 * built.assets.files,
      };
      workerd[worker] = { servedFromParts: assets.split, starts: [], medianFirstSearchMs: null, medianHeapBytes: null, heapAfterMixBytes: null };
    } catch (error) {
      workerd[worker] = { failed: (error as Error).message };
    }
  }
  for (let start = 0; start < settings.starts; start++) {
    for (const worker of workers) {
      const measured = workerd[worker];
      const serving = served[worker];
      if (!measured || isFailed(measured) || !serving) continue;
      const withMix = start === 0 ? mix : undefined;
      log(`starting wrangler dev (${worker}, ${start + 1} of ${settings.starts}${withMix ? `, then ${mix.queries.length} mixed queries` : ""})`);
      measured.starts.push(await measureStart(serving, firstSearchPath, `${spec.name}-dev-${worker}-${start}`, withMix));
    }
  }
  for (const worker of workers) {
    const measured = workerd[worker];
    if (measured && !isFailed(measured)) summarizeStarts(measured);
    if (worker === "empty") result.emptyApp = measured ?? { failed: "not served", skipped: true };
    else if (measured) engines[worker].workerd = measured;
  }
  if (isFailed(oursBuild)) result.emptyApp = { failed: "not served: our build failed", skipped: true };

  if (spec.http && served.ours && served.naive) {
    const searchPaths = cases.filter((queryCase) => !queryCase.adversarial).map((queryCase) => `/search?q=${encodeURIComponent(queryCase.q)}`);
    const searchTarget = `/search (${searchPaths.length} queries)`;
    try {
      log(`HTTP load (ours): /health, then ${searchTarget}, ${settings.http.durationSeconds} s each`);
      const ours = await measureHttp(
        served.ours,
        firstSearchPath,
        [
          { target: "/health", paths: ["/health"] },
          { target: searchTarget, paths: searchPaths },
        ],
        settings.http,
        `${spec.name}-http-ours`,
      );
      log(`HTTP load (naive): ${searchTarget}`);
      const naive = await measureHttp(served.naive, firstSearchPath, [{ target: searchTarget, paths: searchPaths }], settings.http, `${spec.name}-http-naive`);
      result.http = { ours, naive, settings: settings.http };
    } catch (error) {
      result.http = { failed: (error as Error).message };
    }
  } else if (spec.http) {
    result.http = { failed: "both engines must be served for the load" };
  }
  // Last: its wrangler devs start after every other Worker of the corpus has stopped.
  if (settings.shardCounts.length > 0) {
    result.shards = [];
    for (const count of settings.shardCounts) {
      if (isFailed(oursBuild)) {
        result.shards.push({ shards: count, failed: "not split: our build failed", skipped: true });
        continue;
      }
      try {
        result.shards.push(
          await measureShards(count, {
            corpus: spec.name,
            wholeAssets: assetsDirOf(spec.name, "ours"),
            cases,
            queriesFile,
            bundleFor: (fromParts) => context.bundleFor("ours", fromParts),
            queryBudgetMs: settings.queryBudgetMs,
            log: (message) => log(`shards: ${message}`),
          }),
        );
      } catch (error) {
        result.shards.push({ shards: count, failed: (error as Error).message });
      }
    }
  }
  result.ours = engines.ours;
  result.naive = engines.naive;
  result.previous = engines.previous;
  if (context.sourceChanged()) {
    result.sourceChanged = true;
    log("src/ changed since the run began: its numbers may mix two versions");
  }
  result.milliseconds = performance.now() - started;
  return result;
}

/** Why an engine is not built for this corpus, or null to build it. */
function skipBuild(engine: Engine, spec: CorpusSpec, ours: BuildResult | Failed | undefined): string | null {
  if (engine === "ours") return null;
  // Every other measurement is read against ours.
  if (!ours || isFailed(ours)) return "our build failed";
  const textBytes = (ours.outcome as OursBuildOutcome).bytesIn;
  if (engine === "naive" && textBytes > V8_MAX_STRING) {
    return `its index is one JSON string holding every text, and the corpus has ${(textBytes / 2 ** 20).toFixed(0)} MiB of it, past V8's longest string (512 MiB)`;
  }
  if (engine === "previous" && spec.previousTooLarge) return spec.previousTooLarge;
  return null;
}

function configOf(engine: Engine, previous: PreviousTree | null): string {
  if (engine === "previous") return previous!.config;
  return engine === "ours" ? OURS_CONFIG : NAIVE_CONFIG;
}

async function build(engine: Engine, corpusDir: string, corpus: string, budgetMinutes: number, previous: PreviousTree | null): Promise<BuildResult | Failed> {
  const assetsDir = assetsDirOf(corpus, engine);
  // The previous design's own build child, from its tree (the same arguments and answer).
  const child = engine === "naive" ? "build-naive" : "build-ours";
  const outcome = await runChild<OursBuildOutcome | NaiveBuildOutcome>(child, ["--corpus", corpusDir, "--assets", assetsDir], {
    timeoutMs: budgetMinutes * 60_000,
    logName: `${corpus}-build-${engine}`,
    root: engine === "previous" ? previous!.root : undefined,
  });
  if (!outcome.ok) return { failed: outcome.milliseconds >= budgetMinutes * 60_000 ? `over the build budget (${outcome.reason})` : outcome.reason };
  try {
    const assets = await measureAssets(assetsDir, startupFilesOf(engine, assetsDir));
    const result = dryRun({
      config: configOf(engine, previous),
      assetsDir,
      outDir: path.join(WORK_DIR, corpus, `${engine}-dry-run`),
      // The dry run hashes every asset: two minutes a GiB on top.
      timeoutMs: Math.round(180_000 + (assets.bytes / 2 ** 30) * 120_000),
    });
    return {
      outcome: outcome.value,
      documentsPerSecond: outcome.value.documents / (outcome.value.milliseconds / 1000),
      assets,
      dryRun: result,
    };
  } catch (error) {
    return { failed: `built, but its assets could not be measured: ${(error as Error).message}` };
  }
}

function loadMedians(samples: readonly LoadOutcome[]): NodeLoadMedians {
  const of = (pick: (sample: LoadOutcome) => number) => median(samples.map(pick));
  return {
    runs: samples.length,
    loadMs: of((s) => s.loadMs),
    readMs: of((s) => s.readMs),
    parseMs: of((s) => s.parseMs),
    rebuildMs: of((s) => s.rebuildMs),
    restMs: of((s) => s.restMs),
    firstQueryMs: of((s) => s.firstQueryMs),
    loadAndFirstQueryMs: of((s) => s.loadMs + s.firstQueryMs),
    heapAfterLoadBytes: of((s) => s.heapAfterLoadBytes),
    heapAfterFirstQueryBytes: of((s) => s.heapAfterFirstQueryBytes),
    heapOfIndexBytes: of((s) => s.heapAfterLoadBytes - s.heapBeforeBytes),
  };
}

/** One row per class: our and the floor's timings from our probe, the others' from their own. */
function mergeQueries(cases: readonly QueryCase[], timings: Partial<Record<Engine, ProbeOutcome>>): QueryTiming[] | Failed {
  if (!timings.ours?.queries && !timings.naive?.queries) return { failed: "neither engine could be loaded in Node" };
  return cases.map((queryCase, i) => {
    const ours = timings.ours?.queries?.[i];
    const naive = timings.naive?.queries?.[i];
    // The previous design's probe reports its timings as "ours" (it was ours then).
    const previous = timings.previous?.queries?.[i];
    return { class: queryCase.class, q: queryCase.q, ours: ours?.ours, floor: ours?.floor, naive: naive?.naive, previous: previous?.ours, error: ours?.error };
  });
}

function summarizeStarts(workerd: WorkerdResult): void {
  const firstSearches = workerd.starts.flatMap((start) => (start.firstSearchMs === null ? [] : [start.firstSearchMs]));
  const heaps = workerd.starts.flatMap((start) => (start.heap ? [start.heap.usedBytes] : []));
  const tooks = workerd.starts.flatMap((start) => (start.firstSearchTookMs == null ? [] : [start.firstSearchTookMs]));
  const atStart = workerd.starts.flatMap((start) => (start.heapAtStart ? [start.heapAtStart.usedBytes] : []));
  workerd.medianFirstSearchMs = firstSearches.length ? median(firstSearches) : null;
  workerd.medianFirstSearchTookMs = tooks.length ? median(tooks) : null;
  workerd.medianHeapAtStartBytes = atStart.length ? median(atStart) : null;
  workerd.medianHeapBytes = heaps.length ? median(heaps) : null;
  workerd.heapAfterMixBytes = workerd.starts.find((start) => start.mix?.heap)?.mix?.heap?.usedBytes ?? null;
}
