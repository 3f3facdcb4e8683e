/** What the probe children print: shared by them and the bench that reads them. */
import type { RunTimes, Summary } from "../stats";

/** One load of an artifact in a fresh Node process. Times in ms, heap in bytes. */
export interface LoadOutcome {
  /** From the files on disk to a searchable index: read + parse + rebuild + rest. */
  loadMs: number;
  /** Reading the files the load needs (the asset fetches, in the Worker): ours reads manifest.json and index.json. */
  readMs: number;
  /** JSON.parse within the load. */
  parseMs: number;
  /** MiniSearch.loadJS within the load (the index rebuilt from its plain-object form). */
  rebuildMs: number;
  /** The rest of the load: decoding bytes to text, checks, lookup structures. */
  restMs: number;
  /** The first search after the load, with whatever it fetches (ours: text chunks for the page, positions for a phrase). */
  firstQueryMs: number;
  firstQueryHits: number;
  /** V8's used heap after GC, before reading the artifact (modules loaded). */
  heapBeforeBytes: number;
  /** The same after the load, the files' bytes and strings dropped. */
  heapAfterLoadBytes: number;
  /** The same after the first search too (ours keeps the text chunks it fetched). */
  heapAfterFirstQueryBytes: number;
}

export type TimedQuery = RunTimes & { total: number };

export interface QueryTiming {
  class: string;
  q: string;
  /** search() with its snippets and facets. */
  ours?: TimedQuery;
  /** Raw MiniSearch on the same artifact's index. */
  floor?: TimedQuery;
  /** The naive baseline's search(q).slice(0, 10). */
  naive?: TimedQuery;
  /** The previous design's search() (its own probe, from its tree). */
  previous?: TimedQuery;
  error?: string;
}

export interface ProbeOutcome {
  load: LoadOutcome;
  queries?: QueryTiming[];
  floorUnavailable?: string;
  random?: RandomTiming;
}

/** The random-query class: each query run once to read its blocks, then timed once. */
export interface RandomTiming {
  /** Queries timed (the budget may stop the run early). */
  count: number;
  /** CPU ms per query (search() with snippets and facets). */
  cpu: Summary;
  /** The slowest by CPU, and its time. */
  worst: { q: string; cpuMs: number };
  /** Queries the API refused (4xx), with one example. */
  refused: number;
  refusedExample?: string;
}
