/**
 * Child (run with --expose-gc): the naive baseline's artifact loaded as its
 * Worker loads it (MiniSearch.loadJSON), the heap after load, the first
 * query; with --queries, every query class timed as its Worker answers
 * (search(q).slice(0, 10), stored text included). Prints ProbeOutcome.
 * Args: --artifact FILE --first Q [--queries FILE --budget-ms N]
 */
import { readFileSync } from "node:fs";
import MiniSearch from "minisearch";
import { answer, childArgs, requiredArg } from "../child";
import { NAIVE_OPTIONS, type NaiveDocument } from "../naive/options";
import { heapAfterGc, loadOutcome, timeLoadPhases } from "../phases";
import type { QueryCase } from "../queries";
import { timeRepeated } from "../stats";
import type { QueryTiming } from "./probe-types";

const args = childArgs();
const artifactPath = requiredArg(args, "artifact");

const heapBeforeBytes = heapAfterGc();
let started = performance.now();
let json: string | undefined = readFileSync(artifactPath, "utf8");
const readMs = performance.now() - started;

const stopTiming = timeLoadPhases();
started = performance.now();
const miniSearch = MiniSearch.loadJSON<NaiveDocument>(json, NAIVE_OPTIONS);
const loadMs = readMs + performance.now() - started;
const phases = stopTiming();
json = undefined;
const heapAfterLoadBytes = heapAfterGc();

// As the naive Worker answers: the "every document" class asks for the wildcard.
const run = (q: string) => miniSearch.search(q === "" ? MiniSearch.wildcard : q).slice(0, 10);
const total = (q: string) => miniSearch.search(q === "" ? MiniSearch.wildcard : q).length;
started = performance.now();
run(requiredArg(args, "first"));
const firstQueryMs = performance.now() - started;
const heapAfterFirstQueryBytes = heapAfterGc();

const load = loadOutcome({
  loadMs,
  readMs,
  phases,
  firstQueryMs,
  firstQueryHits: total(requiredArg(args, "first")),
  heapBeforeBytes,
  heapAfterLoadBytes,
  heapAfterFirstQueryBytes,
});

let queries: QueryTiming[] | undefined;
if (args.queries) {
  const cases = JSON.parse(readFileSync(args.queries, "utf8")) as QueryCase[];
  const budgetMs = Number(args["budget-ms"] ?? 750);
  queries = cases.map((queryCase) => ({
    class: queryCase.class,
    q: queryCase.q,
    naive: { ...timeRepeated(() => run(queryCase.q), { budgetMs }), total: total(queryCase.q) },
  }));
}

answer({ load, queries });
