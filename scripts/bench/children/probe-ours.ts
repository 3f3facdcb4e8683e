/**
 * Child (run with --expose-gc): our artifact loaded in Node as the Worker
 * loads it (loadSearchIndex), split into phases, the heap after load, the
 * first query; with --queries, then every query class timed through search()
 * (snippets and facets included) and on raw MiniSearch over the same
 * artifact's index (MiniSearch.loadJS with our index options, engine.search(q)
 * with its default options): the floor. Prints ProbeOutcome as JSON.
 * Args: --artifact FILE --first Q [--queries FILE --budget-ms N]
 */
import { readFileSync } from "node:fs";
import MiniSearch, { type AsPlainObject } from "minisearch";
import { loadSearchIndex } from "../../../src/search/load";
import { indexOptions } from "../../../src/search/options";
import { parseSearchRequest } from "../../../src/search/query";
import { search } from "../../../src/search/search";
import { answer, childArgs, requiredArg } from "../child";
import { heapAfterGc, loadOutcome, timeLoadPhases } from "../phases";
import type { QueryCase } from "../queries";
import { timeRepeated } from "../stats";
import type { QueryTiming } from "./probe-types";

const args = childArgs();
const artifactPath = requiredArg(args, "artifact");
const firstQuery = requiredArg(args, "first");

const heapBeforeBytes = heapAfterGc();
let started = performance.now();
// In the Worker this is the asset fetch: not part of the load phases.
let json: string | undefined = readFileSync(artifactPath, "utf8");
const readMs = performance.now() - started;

const stopTiming = timeLoadPhases();
started = performance.now();
const index = loadSearchIndex(json);
const loadMs = performance.now() - started;
const phases = stopTiming();
json = undefined;

const run = (q: string) => search(index, parseSearchRequest(new URLSearchParams({ q })));
started = performance.now();
const first = run(firstQuery);
const firstQueryMs = performance.now() - started;
const heapAfterLoadBytes = heapAfterGc();

const load = loadOutcome({ readMs, loadMs, phases, firstQueryMs, firstQueryHits: first.total, heapBeforeBytes, heapAfterLoadBytes });

let queries: QueryTiming[] | undefined;
let floorUnavailable: string | undefined;
if (args.queries) {
  const cases = JSON.parse(readFileSync(args.queries, "utf8")) as QueryCase[];
  const budgetMs = Number(args["budget-ms"] ?? 750);
  queries = cases.map((queryCase) => ({ class: queryCase.class, q: queryCase.q, ...timeOurs(queryCase.q, budgetMs) }));
  // The floor's engine comes after our timings, so our heap and caches are measured alone.
  const artifact = JSON.parse(readFileSync(artifactPath, "utf8")) as { index?: AsPlainObject };
  if (!artifact.index) floorUnavailable = "the artifact has no `index` (MiniSearch#toJSON) to load raw";
  else {
    const engine = MiniSearch.loadJS(artifact.index, indexOptions);
    for (const timing of queries) {
      const q = timing.q === "" ? MiniSearch.wildcard : timing.q;
      const total = engine.search(q).length;
      timing.floor = { ...timeRepeated(() => engine.search(q), { budgetMs }), total };
    }
  }
}

function timeOurs(q: string, budgetMs: number): Pick<QueryTiming, "ours" | "error"> {
  try {
    const total = run(q).total;
    return { ours: { ...timeRepeated(() => run(q), { budgetMs }), total } };
  } catch (error) {
    // A query our API refuses is a result to report.
    return { error: (error as Error).message };
  }
}

answer({ load, queries, floorUnavailable });
