/**
 * One corpus through every measurement, ours and the naive baseline side by
 * side: build, ways of loading our index, Node loads and queries, workerd
 * starts, HTTP load. A step that fails is recorded with its reason and the
 * steps that need it are skipped; the bench goes on with the next corpus.
 */
import os from "node:os";
import path from "node:path";
import { adversarialCost } from "./adversarial";
import { measureAssets, servableAssets } from "./assets";
import { runChild, writeChildInput } from "./child";
import type { NaiveBuildOutcome } from "./children/build-naive";
import type { OursBuildOutcome } from "./children/build-ours";
import type { LoadOutcome, ProbeOutcome, QueryTiming } from "./children/probe-types";
import { prepareCorpus, type CorpusSpec } from "./corpora";
import type { Datasets } from "./datasets";
import type { LoadSettings } from "./http-load";
import { indexFileOf } from "./index-file";
import { measureLoadMethods } from "./load-methods";
import { assetsDirOf, NAIVE_CONFIG, OURS_CONFIG, WORK_DIR } from "./paths";
import type { QueryCase } from "./queries";
import { isFailed, type BuildResult, type CorpusResult, type Engine, type EngineResult, type Failed, type NodeLoadMedians, type WorkerdResult } from "./results";
import { median } from "./stats";
import { dryRun } from "./wrangler-cli";
import { measureHttp, measureStart, type Served } from "./workerd";

export interface RunSettings {
  /** Fresh wrangler dev processes per engine. */
  starts: number;
  /** Fresh Node processes per engine for the load phases and heap. */
  loadRuns: number;
  /** Fresh Node processes per way of loading index.json. */
  methodRuns: number;
  /** Time spent on each query class per engine, after warm-up. */
  queryBudgetMs: number;
  http: LoadSettings;
}

export interface RunContext {
  datasets: () => Datasets;
  /** The bundle to serve for an engine, from parts or not (bundled once per run). */
  bundleFor(engine: Engine, fromParts: boolean): string;
  /** The query cases of a corpus (a repeated corpus gets its original's). */
  queriesFor(spec: CorpusSpec, corpusDir: string): Promise<QueryCase[]>;
  /** Whether src/ has changed since the Workers were bundled. */
  sourceChanged(): boolean;
}

const ENGINES: readonly Engine[] = ["ours", "naive"];
const CONFIGS: Record<Engine, string> = { ours: OURS_CONFIG, naive: NAIVE_CONFIG };
/** The 50,000-document build takes minutes; a stuck one does not take the whole bench. */
const BUILD_TIMEOUT_MS = 15 * 60_000;
const PROBE_TIMEOUT_MS = 10 * 60_000;

export async function runCorpus(spec: CorpusSpec, settings: RunSettings, context: RunContext): Promise<CorpusResult> {
  const log = (message: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${spec.name}: ${message}`);
  const result: CorpusResult = { name: spec.name, description: spec.description, notes: [], documents: null, loadAverage: os.loadavg()[0]! };
  let corpusDir: string;
  let cases: QueryCase[];
  try {
    log("preparing the corpus");
    const prepared = prepareCorpus(spec, context.datasets);
    corpusDir = prepared.dir;
    result.notes.push(...prepared.notes);
    cases = await context.queriesFor(spec, corpusDir);
    result.queryCases = cases;
  } catch (error) {
    result.failed = (error as Error).message;
    return result;
  }
  const firstQuery = cases.find((queryCase) => queryCase.class === "common term")?.q ?? cases[0]?.q ?? "";
  const firstSearchPath = `/search?q=${encodeURIComponent(firstQuery)}`;
  const queriesFile = writeChildInput(path.join(WORK_DIR, spec.name), "queries.json", cases);

  const engines = {} as Record<Engine, EngineResult>;
  for (const engine of ENGINES) {
    log(`building (${engine})`);
    engines[engine] = { build: await build(engine, corpusDir, spec.name), nodeLoad: { failed: "not built" }, workerd: { failed: "not built" } };
  }
  const oursBuild = engines.ours.build;
  result.documents = isFailed(oursBuild) ? null : oursBuild.outcome.documents;

  if (!isFailed(oursBuild)) {
    log(`comparing ways of loading index.json (${settings.methodRuns} fresh processes each)`);
    try {
      result.loadMethods = await measureLoadMethods(indexFileOf("ours", assetsDirOf(spec.name, "ours")), settings.methodRuns, `${spec.name}-load-method`);
    } catch (error) {
      result.loadMethods = { failed: (error as Error).message };
    }
  }

  // Node: one process per engine also times the queries; the others only load.
  const timings: Partial<Record<Engine, ProbeOutcome>> = {};
  for (const engine of ENGINES) {
    if (isFailed(engines[engine].build)) continue;
    log(`loading and querying in Node (${engine}, ${settings.loadRuns} processes)`);
    // Ours loads as its Worker does, from the manifest on; the naive one from its single file.
    const assetsDir = assetsDirOf(spec.name, engine);
    const source = engine === "ours" ? ["--assets", assetsDir] : ["--artifact", indexFileOf(engine, assetsDir)];
    const samples: LoadOutcome[] = [];
    let failure: string | null = null;
    for (let run = 0; run < settings.loadRuns && failure === null; run++) {
      const withQueries = run === 0 ? ["--queries", queriesFile, "--budget-ms", String(settings.queryBudgetMs)] : [];
      const outcome = await runChild<ProbeOutcome>(`probe-${engine}`, [...source, "--first", firstQuery, ...withQueries], {
        nodeFlags: ["--expose-gc"],
        timeoutMs: PROBE_TIMEOUT_MS,
        logName: `${spec.name}-probe-${engine}-${run}`,
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
  result.adversarial = isFailed(result.queries) ? null : adversarialCost(result.queries, cases);

  // workerd: fresh starts, ours and naive in turn, so drift hits both alike.
  const served: Partial<Record<Engine, { served: Served; fromParts: boolean }>> = {};
  for (const engine of ENGINES) {
    if (isFailed(engines[engine].build)) continue;
    const assets = servableAssets(assetsDirOf(spec.name, engine), path.join(WORK_DIR, spec.name, `${engine}-parts`));
    try {
      served[engine] = {
        served: { config: CONFIGS[engine], bundle: context.bundleFor(engine, assets.split), assetsDir: assets.dir },
        fromParts: assets.split,
      };
      engines[engine].workerd = { servedFromParts: assets.split, starts: [], medianFirstSearchMs: null, medianHeapBytes: null };
    } catch (error) {
      engines[engine].workerd = { failed: (error as Error).message };
    }
  }
  for (let start = 0; start < settings.starts; start++) {
    for (const engine of ENGINES) {
      const workerd = engines[engine].workerd;
      const serving = served[engine];
      if (isFailed(workerd) || !serving) continue;
      log(`starting wrangler dev (${engine}, ${start + 1} of ${settings.starts})`);
      workerd.starts.push(await measureStart(serving.served, firstSearchPath, `${spec.name}-dev-${engine}-${start}`));
    }
  }
  for (const engine of ENGINES) {
    const workerd = engines[engine].workerd;
    if (!isFailed(workerd)) summarizeStarts(workerd);
  }

  if (spec.http && served.ours && served.naive) {
    const searchPaths = cases.filter((queryCase) => !queryCase.adversarial).map((queryCase) => `/search?q=${encodeURIComponent(queryCase.q)}`);
    const searchTarget = `/search (${searchPaths.length} queries)`;
    try {
      log(`HTTP load (ours): /health, then ${searchTarget}, ${settings.http.durationSeconds} s each`);
      const ours = await measureHttp(
        served.ours.served,
        firstSearchPath,
        [
          { target: "/health", paths: ["/health"] },
          { target: searchTarget, paths: searchPaths },
        ],
        settings.http,
        `${spec.name}-http-ours`,
      );
      log(`HTTP load (naive): ${searchTarget}`);
      const naive = await measureHttp(served.naive.served, firstSearchPath, [{ target: searchTarget, paths: searchPaths }], settings.http, `${spec.name}-http-naive`);
      result.http = { ours, naive, settings: settings.http };
    } catch (error) {
      result.http = { failed: (error as Error).message };
    }
  } else if (spec.http) {
    result.http = { failed: "both engines must be served for the load" };
  }
  result.ours = engines.ours;
  result.naive = engines.naive;
  if (context.sourceChanged()) {
    result.sourceChanged = true;
    log("src/ changed since the run began: its numbers may mix two versions");
  }
  return result;
}

async function build(engine: Engine, corpusDir: string, corpus: string): Promise<BuildResult | Failed> {
  const assetsDir = assetsDirOf(corpus, engine);
  const outcome = await runChild<OursBuildOutcome | NaiveBuildOutcome>(`build-${engine}`, ["--corpus", corpusDir, "--assets", assetsDir], {
    timeoutMs: BUILD_TIMEOUT_MS,
    logName: `${corpus}-build-${engine}`,
  });
  if (!outcome.ok) return { failed: outcome.reason };
  const assets = await measureAssets(assetsDir, indexFileOf(engine, assetsDir));
  const result = dryRun({ config: CONFIGS[engine], assetsDir, outDir: path.join(WORK_DIR, corpus, `${engine}-dry-run`) });
  return {
    outcome: outcome.value,
    documentsPerSecond: outcome.value.documents / (outcome.value.milliseconds / 1000),
    assets,
    dryRun: result,
  };
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

/** One row per class: our and the floor's timings from our probe, the naive one's from its own. */
function mergeQueries(cases: readonly QueryCase[], timings: Partial<Record<Engine, ProbeOutcome>>): QueryTiming[] | Failed {
  if (!timings.ours?.queries && !timings.naive?.queries) return { failed: "neither engine could be loaded in Node" };
  return cases.map((queryCase, i) => {
    const ours = timings.ours?.queries?.[i];
    const naive = timings.naive?.queries?.[i];
    return { class: queryCase.class, q: queryCase.q, ours: ours?.ours, floor: ours?.floor, naive: naive?.naive, error: ours?.error };
  });
}

function summarizeStarts(workerd: WorkerdResult): void {
  const firstSearches = workerd.starts.flatMap((start) => (start.firstSearchMs === null ? [] : [start.firstSearchMs]));
  const heaps = workerd.starts.flatMap((start) => (start.heap ? [start.heap.usedBytes] : []));
  workerd.medianFirstSearchMs = firstSearches.length ? median(firstSearches) : null;
  workerd.medianHeapBytes = heaps.length ? median(heaps) : null;
}
