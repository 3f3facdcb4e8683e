/** The shape of .build/bench/results.json: everything a run measured, and what it could not. */
import type { AdversarialCost } from "./adversarial";
import type { AssetSizes } from "./assets";
import type { CAPACITY_BUDGET, CapacityRow } from "./capacity";
import type { OursBuildOutcome } from "./children/build-ours";
import type { NaiveBuildOutcome } from "./children/build-naive";
import type { LoadOutcome, QueryTiming } from "./children/probe-types";
import type { WorkerdHeap } from "./children/workerd-heap";
import type { Environment } from "./environment";
import type { HttpResult, LoadSettings } from "./http-load";
import type { LoadMethod, LoadMethodResult } from "./load-methods";
import type { QueryCase } from "./queries";
import type { DryRunResult } from "./wrangler-cli";

export type Engine = "ours" | "naive";

/** A measurement that did not happen, and why. */
export interface Failed {
  failed: string;
}

export interface BuildResult {
  outcome: OursBuildOutcome | NaiveBuildOutcome;
  documentsPerSecond: number;
  assets: AssetSizes;
  dryRun: DryRunResult;
}

/** Medians over the Node load runs (each a fresh process), field by field. */
export interface NodeLoadMedians
  extends Pick<
    LoadOutcome,
    "loadMs" | "readMs" | "parseMs" | "rebuildMs" | "restMs" | "firstQueryMs" | "heapAfterLoadBytes" | "heapAfterFirstQueryBytes"
  > {
  runs: number;
  /** loadMs + firstQueryMs: Node's proxy for workerd's first search. */
  loadAndFirstQueryMs: number;
  /** Heap after load less the heap before it: what the index costs. */
  heapOfIndexBytes: number;
}

export interface WorkerdStart {
  readyMs: number;
  /** The first /search after a warm-up request that leaves the index alone: load + first query, from the client. */
  firstSearchMs: number | null;
  heap: WorkerdHeap | null;
  error: string | null;
}

export interface WorkerdResult {
  /** Served from parts through serve/chunked.ts: a file is over the static-asset limit. */
  servedFromParts: boolean;
  starts: WorkerdStart[];
  medianFirstSearchMs: number | null;
  medianHeapBytes: number | null;
}

export interface EngineResult {
  build: BuildResult | Failed;
  nodeLoad: { samples: LoadOutcome[]; medians: NodeLoadMedians } | Failed;
  workerd: WorkerdResult | Failed;
}

export interface CorpusResult {
  name: string;
  description: string;
  notes: string[];
  documents: number | null;
  /** The machine's 1-minute load average when this corpus started: other work shows in every number. */
  loadAverage: number;
  /**
   * src/ had changed by the end of this corpus since the Workers were bundled:
   * its Node children (build, probes) may have run newer code than workerd.
   */
  sourceChanged?: boolean;
  /** The corpus could not be made at all. */
  failed?: string;
  ours?: EngineResult;
  naive?: EngineResult;
  queryCases?: QueryCase[];
  /** Per class: ours, the floor and naive, medians and p99 in ms. */
  queries?: QueryTiming[] | Failed;
  floorUnavailable?: string;
  /** Ways of loading our index.json, compared (issue 4). */
  loadMethods?: (LoadMethodResult | (Failed & { method: LoadMethod }))[] | Failed;
  /** The worst adversarial query's CPU time against a typical query's (issue 6). */
  adversarial?: AdversarialCost | null;
  http?: { ours: HttpResult[]; naive: HttpResult[]; settings: LoadSettings } | Failed;
}

export interface BenchResults {
  environment: Environment;
  settings: {
    corpora: string[];
    workerdStarts: number;
    nodeLoadRuns: number;
    loadMethodRuns: number;
    queryBudgetMs: number;
    http: LoadSettings;
    childHeapMiB: number;
    notes: string[];
  };
  corpora: CorpusResult[];
  /** One row per corpus our build made: does one isolate serve it with margin? */
  capacity: { budget: typeof CAPACITY_BUDGET; rows: CapacityRow[]; largestFitting: string | null };
  milliseconds: number;
}

export function isFailed(value: unknown): value is Failed {
  return typeof value === "object" && value !== null && "failed" in value;
}
