/** What the probe children print: shared by them and the bench that reads them. */
import type { Summary } from "../stats";

/** One load of an artifact in a fresh Node process. Times in ms, heap in bytes. */
export interface LoadOutcome {
  /** Reading the file into a string (the asset fetch, in the Worker): not part of the load. */
  readMs: number;
  /** From the string to a searchable index. */
  loadMs: number;
  /** JSON.parse within the load. */
  parseMs: number;
  /** MiniSearch.loadJS within the load (the index rebuilt from its plain-object form). */
  rebuildMs: number;
  /** The rest of the load: checks, the document store. */
  restMs: number;
  firstQueryMs: number;
  firstQueryHits: number;
  /** V8's used heap after GC, before reading the artifact (modules loaded). */
  heapBeforeBytes: number;
  /** The same after the load and the first query, the artifact's string dropped. */
  heapAfterLoadBytes: number;
}

export type TimedQuery = Summary & { total: number };

export interface QueryTiming {
  class: string;
  q: string;
  /** search() with its snippets and facets. */
  ours?: TimedQuery;
  /** Raw MiniSearch on the same artifact's index. */
  floor?: TimedQuery;
  /** The naive baseline's search(q).slice(0, 10). */
  naive?: TimedQuery;
  error?: string;
}

export interface ProbeOutcome {
  load: LoadOutcome;
  queries?: QueryTiming[];
  floorUnavailable?: string;
}
