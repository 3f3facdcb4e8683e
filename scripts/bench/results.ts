/** The shape of .build/bench/results.json: everything a run measured, and what it could not. */
import type { AssetSizes } from "./assets";
import type { OursBuildOutcome } from "./children/build-ours";
import type { NaiveBuildOutcome } from "./children/build-naive";
import type { LoadOutcome, QueryTiming } from "./children/probe-types";
import type { WorkerdHeap } from "./children/workerd-heap";
import type { Environment } from "./environment";
import type { HttpResult, LoadSettings } from "./http-load";
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

/** Medians over the Node load runs (each a fresh process). */
export interface NodeLoadMedians {
  runs: number;
  loadMs: number;
  parseMs: number;
  rebuildMs: number;
  restMs: number;
  firstQueryMs: number;
  /** loadMs + firstQueryMs: Node's proxy for workerd's first search. */
  loadAndFirstQueryMs: number;
  heapAfterLoadBytes: number;
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
  /** Served from parts through serve/chunked.ts: the artifact is over the static-asset limit. */
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
  /** The corpus could not be made at all. */
  failed?: string;
  ours?: EngineResult;
  naive?: EngineResult;
  queryCases?: QueryCase[];
  /** Per class: ours, the floor and naive, medians and p99 in ms. */
  queries?: QueryTiming[] | Failed;
  floorUnavailable?: string;
  http?: { ours: HttpResult[]; naive: HttpResult[]; settings: LoadSettings } | Failed;
}

export interface BenchResults {
  environment: Environment;
  settings: {
    corpora: string[];
    workerdStarts: number;
    nodeLoadRuns: number;
    queryBudgetMs: number;
    http: LoadSettings;
    childHeapMiB: number;
    notes: string[];
  };
  corpora: CorpusResult[];
  milliseconds: number;
}

export function isFailed(value: unknown): value is Failed {
  return typeof value === "object" && value !== null && "failed" in value;
}
