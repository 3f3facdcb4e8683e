/**
 * Splits a load into its phases without touching the code that loads: while
 * installed, every JSON.parse and every MiniSearch.loadJS call is timed
 * (loadJSON calls both, so it splits too). Whatever the loader becomes, what
 * it spends parsing JSON and rebuilding the index is counted; the rest of
 * the load is everything else it does (checks, the document store).
 */
import MiniSearch from "minisearch";
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

/** V8's used heap after full collections (the child runs with --expose-gc). */
export function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("bench: heap is measured with --expose-gc");
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** A probe's load, its phases laid out; "rest" is the load's work outside JSON.parse and loadJS. */
export function loadOutcome(measured: {
  readMs: number;
  loadMs: number;
  phases: LoadPhases;
  firstQueryMs: number;
  firstQueryHits: number;
  heapBeforeBytes: number;
  heapAfterLoadBytes: number;
}): LoadOutcome {
  const { readMs, loadMs, phases, firstQueryMs, firstQueryHits, heapBeforeBytes, heapAfterLoadBytes } = measured;
  return {
    readMs,
    loadMs,
    parseMs: phases.parseMs,
    rebuildMs: phases.rebuildMs,
    restMs: Math.max(0, loadMs - phases.parseMs - phases.rebuildMs),
    firstQueryMs,
    firstQueryHits,
    heapBeforeBytes,
    heapAfterLoadBytes,
  };
}
