/**
 * Splits a load into its phases without touching the code that loads: while
 * installed, every JSON.parse and every MiniSearch.loadJS call is timed
 * (loadJSON calls both, so it splits too), and a reader can be wrapped so
 * that its file reads are timed. Whatever the loader becomes, what it spends
 * reading, parsing JSON and rebuilding the index is counted; the rest of the
 * load is everything else it does (decoding, checks, lookup structures).
 */
import MiniSearch from "minisearch";
import type { ArtifactReader } from "../../src/search/load";
import type { LoadOutcome } from "./children/probe-types";

export interface LoadPhases {
  /** JSON.parse, all calls. */
  parseMs: number;
  /** MiniSearch.loadJS, all calls. */
  rebuildMs: number;
  parseCalls: number;
  rebuildCalls: number;
}

/** Starts timing; call the returned function to stop and read the phases. */
export function timeLoadPhases(): () => LoadPhases {
  const phases: LoadPhases = { parseMs: 0, rebuildMs: 0, parseCalls: 0, rebuildCalls: 0 };
  const parse = JSON.parse;
  const loadJS = MiniSearch.loadJS;
  JSON.parse = function timedParse(this: unknown, ...args: Parameters<typeof JSON.parse>) {
    const started = performance.now();
    try {
      return parse.apply(this, args) as unknown;
    } finally {
      phases.parseMs += performance.now() - started;
      phases.parseCalls++;
    }
  };
  MiniSearch.loadJS = function timedLoadJS(this: typeof MiniSearch, ...args: Parameters<typeof MiniSearch.loadJS>) {
    const started = performance.now();
    try {
      return loadJS.apply(this, args);
    } finally {
      phases.rebuildMs += performance.now() - started;
      phases.rebuildCalls++;
    }
  } as typeof MiniSearch.loadJS;
  return () => {
    JSON.parse = parse;
    MiniSearch.loadJS = loadJS;
    return phases;
  };
}

/** A reader that adds the time of each read to `elapsed.ms` while `elapsed.counting` holds. */
export function timedReader(read: ArtifactReader): { read: ArtifactReader; elapsed: { ms: number; counting: boolean } } {
  const elapsed = { ms: 0, counting: true };
  return {
    elapsed,
    async read(assetPath) {
      const started = performance.now();
      try {
        return await read(assetPath);
      } finally {
        if (elapsed.counting) elapsed.ms += performance.now() - started;
      }
    },
  };
}

/** V8's used heap after full collections (the child runs with --expose-gc). */
export function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("bench: heap is measured with --expose-gc");
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** A probe's load, its phases laid out; "rest" is the load's work outside reads, JSON.parse and loadJS. */
export function loadOutcome(measured: {
  loadMs: number;
  readMs: number;
  phases: LoadPhases;
  firstQueryMs: number;
  firstQueryHits: number;
  heapBeforeBytes: number;
  heapAfterLoadBytes: number;
  heapAfterFirstQueryBytes: number;
}): LoadOutcome {
  const { loadMs, readMs, phases, firstQueryMs, firstQueryHits, heapBeforeBytes, heapAfterLoadBytes, heapAfterFirstQueryBytes } = measured;
  return {
    loadMs,
    readMs,
    parseMs: phases.parseMs,
    rebuildMs: phases.rebuildMs,
    restMs: Math.max(0, loadMs - readMs - phases.parseMs - phases.rebuildMs),
    firstQueryMs,
    firstQueryHits,
    heapBeforeBytes,
    heapAfterLoadBytes,
    heapAfterFirstQueryBytes,
  };
}
