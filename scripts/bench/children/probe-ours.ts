/**
 * Child (run with --expose-gc): our artifact loaded in Node as the Worker
 * loads it (openSearchIndex: manifest.json, meta.json, documents.bin), split into
 * phases, the heap after load, the first query; with --queries, then every
 * query class timed through search() (snippets and facets included, text
 * chunks and position shards read from disk as the Worker fetches them) and
 * on raw MiniSearch holding the same documents whole (addAll with our index
 * options, engine.search(q) with its default options): the floor.
 * Every timing is wall and CPU time. Prints ProbeOutcome as JSON.
 * With --random FILE, then the random-query class: each query run once
 * (its blocks read, as a warm isolate has them), then timed once.
 * Args: --assets DIR --first Q [--queries FILE --budget-ms N] [--floor-max-documents N] [--random FILE --random-budget-ms N]
 * Past --floor-max-documents the floor is not built: raw MiniSearch over
 * every text takes minutes and gigabytes at a quarter of a million e-mails,
 * and would say nothing the smaller sizes do not.
 */
import { readFileSync } from "node:fs";
import MiniSearch from "minisearch";
import { directoryReader, readDocuments } from "../../../src/corpus/artifact-files";
import { indexedDocuments } from "../../../src/corpus/build";
import { openSearchIndex } from "../../../src/search/load";
import { indexOptions } from "../../../src/search/options";
import { parseSearchRequest } from "../../../src/search/query";
import { search } from "../../../src/search/search";
import { answer, childArgs, requiredArg } from "../child";
import { heapAfterGc, loadOutcome, timedReader, timeLoadPhases } from "../phases";
import type { QueryCase } from "../queries";
import { cpuMsSince, summarize, timeRepeated, timeRepeatedAsync } from "../stats";
import type { QueryTiming, RandomTiming } from "./probe-types";
import { ApiError } from "../../../src/errors";

const args = childArgs();
const assetsDir = requiredArg(args, "assets");
const firstQuery = requiredArg(args, "first");

const heapBeforeBytes = heapAfterGc();
const reader = timedReader(directoryReader(assetsDir));
const stopTiming = timeLoadPhases();
let started = performance.now();
const index = await openSearchIndex(reader.read);
const loadMs = performance.now() - started;
const phases = stopTiming();
// Reads after this are the queries' own (text chunks, positions).
reader.elapsed.counting = false;
const heapAfterLoadBytes = heapAfterGc();

const run = (q: string) => search(index, parseSearchRequest(new URLSearchParams({ q })));
started = performance.now();
const first = await run(firstQuery);
const firstQueryMs = performance.now() - started;
const heapAfterFirstQueryBytes = heapAfterGc();

const load = loadOutcome({
  loadMs,
  readMs: reader.elapsed.ms,
  phases,
  firstQueryMs,
  firstQueryHits: first.total,
  heapBeforeBytes,
  heapAfterLoadBytes,
  heapAfterFirstQueryBytes,
});

let queries: QueryTiming[] | undefined;
let floorUnavailable: string | undefined;
if (args.queries) {
  const cases = JSON.parse(readFileSync(args.queries, "utf8")) as QueryCase[];
  const budgetMs = Number(args["budget-ms"] ?? 750);
  queries = [];
  for (const queryCase of cases) queries.push({ class: queryCase.class, q: queryCase.q, ...(await timeOurs(queryCase.q, budgetMs)) });
  const floorMaxDocuments = Number(args["floor-max-documents"] ?? Infinity);
  if (index.documentCount > floorMaxDocuments) {
    floorUnavailable = `raw MiniSearch is not built over more than ${floorMaxDocuments.toLocaleString("en-US")} documents (this corpus has ${index.documentCount.toLocaleString("en-US")})`;
  } else {
    await timeFloor(queries, budgetMs);
  }
}

/** The floor's engine comes after our timings, so our heap and caches are measured alone. */
async function timeFloor(timings: QueryTiming[], budgetMs: number): Promise<void> {
  const documents = await readDocuments(directoryReader(assetsDir));
  const engine = new MiniSearch(indexOptions);
  // The bench's corpora declare no field settings: the defaults are theirs.
  engine.addAll(indexedDocuments(documents, new Map()).map((document, id) => ({ id, ...document })));
  for (const timing of timings) {
    const q = timing.q === "" ? MiniSearch.wildcard : timing.q;
    const total = engine.search(q).length;
    timing.floor = { ...timeRepeated(() => engine.search(q), { budgetMs }), total };
  }
}

async function timeOurs(q: string, budgetMs: number): Promise<Pick<QueryTiming, "ours" | "error">> {
  try {
    const total = (await run(q)).total;
    return { ours: { ...(await timeRepeatedAsync(() => run(q), { budgetMs })), total } };
  } catch (error) {
    // A query our API refuses is a result to report.
    return { error: (error as Error).message };
  }
}

let random: RandomTiming | undefined;
if (args.random) random = await timeRandom(JSON.parse(readFileSync(args.random, "utf8")) as string[], Number(args["random-budget-ms"] ?? 120_000));

async function timeRandom(all: readonly string[], budgetMs: number): Promise<RandomTiming> {
  const samples: number[] = [];
  let worst = { q: "", cpuMs: -1 };
  let refused = 0;
  let refusedExample: string | undefined;
  const started = performance.now();
  for (const q of all) {
    if (performance.now() - started > budgetMs) break;
    try {
      await run(q);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      refused++;
      refusedExample ??= `${q}: ${error.message}`;
      continue;
    }
    const since = process.cpuUsage();
    await run(q);
    const cpuMs = cpuMsSince(since);
    samples.push(cpuMs);
    if (cpuMs > worst.cpuMs) worst = { q, cpuMs };
  }
  return { count: samples.length, cpu: summarize(samples), worst, refused, refusedExample };
}

answer({ load, queries, floorUnavailable, random });
