/** The shape of .build/bench/results.json: everything a run measured, and what it could not. */
import type { AdversarialCost } from "./adversarial";
import type { AssetSizes } from "./assets";
import type { BytesResult } from "./bytes";
import type { CAPACITY_BUDGET, CapacityProjection, CapacityRow } from "./capacity";
import type { OursBuildOutcome } from "./children/build-ours";
import type { NaiveBuildOutcome } from "./children/build-naive";
import type { LoadOutcome, QueryTiming, RandomTiming, TimedQuery } from "./children/probe-types";
import type { WorkerdHeap } from "./children/workerd-heap";
import type { Environment } from "./environment";
import type { HttpResult, LoadSettings } from "./http-load";
import type { QueryCase, QueryPool } from "./queries";
import type { Summary } from "./stats";
import type { DryRunResult } from "./wrangler-cli";

/**
 * ours: this tree's Worker (artifact format 5, paged); naive: plain Hono +
 * MiniSearch (scripts/bench/naive/); previous: the index.json design, the
 * revision before format 4, run from its own tree (previous.ts).
 */
export type Engine = "ours" | "naive" | "previous";

/** A measurement that did not happen, and why; skipped: not attempted, on purpose (the reason says why). */
export interface Failed {
  failed: string;
  skipped?: boolean;
}

export interface BuildResult {
  /** Ours and previous (its own tree's child): OursBuildOutcome; ours also times its stages (`stages`), previous does not. */
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
  /** After the warm-up 404, before the first search: the started isolate, its index not loaded. */
  heapAtStart?: WorkerdHeap;
  /** The first /search after a warm-up request that leaves the index alone: load + first query, from the client. */
  firstSearchMs: number | null;
  /** Of which the search itself, as the Worker reports it (tookMs: after the index is open); null when it does not. */
  firstSearchTookMs?: number | null;
  /** After the first search. */
  heap: WorkerdHeap | null;
  error: string | null;
  /** The mixed run, on the one start that made it. */
  mix?: MixRun;
}

/** Many queries over HTTP on one isolate, one at a time, then its heap: where the caches settle. */
export interface MixRun {
  planned: number;
  /** Fewer than planned when the time budget ran out. */
  done: number;
  seconds: number;
  /** Per query, from the client: HTTP, wrangler's proxy and workerd included. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  firstProblem: string | null;
  heap: WorkerdHeap | null;
  heapError: string | null;
}

export interface WorkerdResult {
  /** Served from parts through serve/chunked.ts: a file is over the static-asset limit. */
  servedFromParts: boolean;
  starts: WorkerdStart[];
  medianFirstSearchMs: number | null;
  /** The Worker's own tookMs of the first search (ours and previous), median. */
  medianFirstSearchTookMs?: number | null;
  /** Before the first search (the started isolate), and after it. */
  medianHeapAtStartBytes?: number | null;
  medianHeapBytes: number | null;
  /** After the mixed run (one start makes it). */
  heapAfterMixBytes: number | null;
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
  previous?: EngineResult;
  /** A Hono app answering /search with {ok:true}, started as ours is, on the same assets: what any Worker pays. */
  emptyApp?: WorkerdResult | Failed;
  queryCases?: QueryCase[];
  queryPools?: QueryPool[];
  /** The mixed run's make-up: queries per class. */
  mixClasses?: Record<string, number>;
  /** Per class: ours, the floor, naive and previous, medians and p99 in ms. */
  queries?: QueryTiming[] | Failed;
  floorUnavailable?: string;
  /** The random-query class, ours (random-queries.ts). */
  random?: RandomTiming;
  /** What one query fetches from static assets on a cold isolate, per class (ours, and the previous design). */
  bytes?: Partial<Record<"ours" | "previous", BytesResult | Failed>>;
  /** The worst adversarial query's CPU time against a typical query's (issue 6). */
  adversarial?: AdversarialCost | null;
  http?: { ours: HttpResult[]; naive: HttpResult[]; settings: LoadSettings } | Failed;
  /** The shards phase (--shards): our artifact split into each count asked for, served by a router and its shard Workers. */
  shards?: ShardsRun[];
  /** Wall time spent on this corpus, preparation included. */
  milliseconds?: number;
}

export interface BenchResults {
  environment: Environment;
  settings: {
    corpora: string[];
    workerdStarts: number;
    nodeLoadRuns: number;
    queryBudgetMs: number;
    /** Queries in the mixed run, and the longest it may take per engine. */
    mixQueries: number;
    mixBudgetMs: number;
    bytesPerClass: number;
    /** The previous design's revision, or null when not measured (and why). */
    previous: { revision: string; commit: string } | Failed;
    http: LoadSettings;
    childHeapMiB: number;
    /** The shard counts of the shards phase (--shards); empty: not run. */
    shardCounts?: number[];
    notes: string[];
  };
  corpora: CorpusResult[];
  /** One row per corpus our build made: does one isolate serve it with margin, and on which plan? */
  capacity: { budget: typeof CAPACITY_BUDGET; rows: CapacityRow[]; largestFitting: string | null; projection: CapacityProjection | null };
  milliseconds: number;
}

/** One shard count of the shards phase: measured, or why not. */
export type ShardsRun = ShardsResult | (Failed & { shards: number });

/**
 * Our artifact split into `shards` (writeShards), each shard served by its
 * own wrangler dev and the router by another (scripts/bench/shards.ts).
 */
export interface ShardsResult {
  shards: number;
  /** The shards' root: whole (a link to our artifact), shard-<n>, router, the wrangler configurations. */
  root: string;
  /** writeShards in a fresh Node process. */
  split: { milliseconds: number; peakRssMiB: number; warnings: string[] };
  /** Each shard's artifact, and its isolate in workerd. */
  perShard: ShardServed[];
  /** The router's isolate. */
  router: { readyMs: number; heapAtStart: WorkerdHeap | null; heapAfter: WorkerdHeap | null };
  /** The largest shard heap after the query classes (V8 used heap after a GC), and the target it is held to. */
  maxShardHeapBytes: number | null;
  heapTargetBytes: number;
  /** Router ÷ slowest shard, at p50 and p99, is held to this. */
  ratioTarget: number;
  /** How the classes were timed: warm-up and repetitions per class. */
  method: { warmupRuns: number; minRuns: number; maxRuns: number; budgetMs: number };
  /** Whether workerd's CPU per request was read from /proc, and the processes read, or why not. */
  workerdCpu: { measured: boolean; note: string };
  /**
   * The runtime workerd's CPU ms of a request the Worker answers with a 404
   * without touching the index or a shard (wrangler-cli.ts WARM_PATH), on
   * the router and on shard 0: what the local stack and routing cost any
   * request.
   */
  cpuFloor?: { router: Summary; shard: Summary };
  classes: ShardClassResult[];
  /** Problems met on the way that did not stop the phase (a heap not read, say). */
  problems: string[];
  /** Wall time of the whole phase for this count, the split included. */
  milliseconds: number;
}

export interface ShardServed {
  shard: number;
  documents: number;
  /** Every file of the shard's assets (manifest included), their bytes, the largest, and the start-up files an isolate reads whole. */
  files: number;
  bytes: number;
  largestFileBytes: number;
  startupBytes: number;
  plan: "free" | "paid" | "over";
  readyMs: number;
  heapAtStart: WorkerdHeap | null;
  /** After every query class ran. */
  heapAfter: WorkerdHeap | null;
}

/** One query class, through the router and on each shard directly. Times in ms from the client. */
export interface ShardClassResult {
  class: string;
  q: string;
  adversarial: boolean;
  /** Refused or failed: the message, and nothing timed. */
  error?: string;
  /** Repetitions timed, after warm-up. */
  runs?: number;
  /** GET /search?q=… on the router: the fan-out, merge and HTTP. */
  router?: Summary;
  /** POST /_shard/search on each shard's own port, one shard after the other (each alone on the machine). */
  shards?: Summary[];
  /** Per repetition, the slowest of those. */
  slowest?: Summary;
  /** Per repetition, every shard asked at once by the client (as the router asks them), until the last answered. */
  together?: Summary;
  /** router ÷ slowest shard, at p50 and at p99. */
  ratioP50?: number | null;
  ratioP99?: number | null;
  /** Matches: the router's total, each shard's. */
  totals?: { router: number; shards: number[] };
  /**
   * CPU ms per router request, read from /proc (proc-cpu.ts): of the
   * runtime workerd (the Worker's isolate, with miniflare's entry and
   * static-assets workers) of the router's wrangler dev, of the shards'
   * added up, of the largest shard's, of all of them (total); and beside
   * them, of the wrangler proxies' workerd and of wrangler's Node processes
   * (local dev only, all groups).
   */
  workerdCpu?: { router: Summary; shardsSum: Summary; shardMax: Summary; total: Summary; proxy: Summary; other: Summary };
  /** The runtime workerd's CPU ms of each shard answering alone (the POSTs above). */
  shardAloneCpu?: Summary[];
  /** In Node (children/probe-shards.ts): each shard's rankedAnswer, wall and CPU, and the CPU medians added up and their largest. */
  node?: { shards: (TimedQuery | null)[]; cpuSumMs: number | null; cpuMaxMs: number | null; cpuMaxP99Ms: number | null; error?: string };
}

export function isFailed(value: unknown): value is Failed {
  return typeof value === "object" && value !== null && "failed" in value;
}
