/**
 * Issue 4 asks for the fastest way to get the index into the isolate, by
 * measurement. Each way starts from bytes, as a Worker gets them from its
 * assets binding, and ends with the same things loaded (every part of
 * index.json, the MiniSearch index rebuilt); each run is a fresh Node
 * process (children/load-method.ts), so every load is a cold one, as an
 * isolate's first is.
 */
import { gzipSync } from "node:zlib";
import MiniSearch from "minisearch";
import { indexOptions } from "../../src/search/options";
import { runChild } from "./child";
import { isFailed, type Failed } from "./results";
import { median } from "./stats";

export const LOAD_METHODS = {
  "parse+loadJS": "JSON.parse(index.json), then MiniSearch.loadJS(artifact.index): what src/search/load.ts does",
  loadJSON: "the MiniSearch index as a JSON string of its own: JSON.parse of the rest, MiniSearch.loadJSON(string)",
  loadJSONAsync: "as loadJSON, with MiniSearch.loadJSONAsync (yields to the event loop every 1,000 terms)",
  "gunzip+parse+loadJS": "index.json gzipped (level 9) ahead of time: DecompressionStream, then as parse+loadJS",
} as const;
export type LoadMethod = keyof typeof LOAD_METHODS;
export const LOAD_METHOD_NAMES = Object.keys(LOAD_METHODS) as LoadMethod[];

/** What a method starts from: files a build would have written, as bytes. */
export type LoadInput = { whole: Uint8Array } | { rest: Uint8Array; index: Uint8Array };

/** The input for a method, made from index.json ahead of the timed load (a build's work, not the isolate's). */
export function prepareInput(method: LoadMethod, indexJson: Uint8Array): LoadInput {
  if (method === "parse+loadJS") return { whole: indexJson };
  if (method === "gunzip+parse+loadJS") return { whole: gzipSync(indexJson, { level: 9 }) };
  const { index, ...rest } = JSON.parse(new TextDecoder().decode(indexJson)) as { index: unknown };
  const encoder = new TextEncoder();
  return { rest: encoder.encode(JSON.stringify(rest)), index: encoder.encode(JSON.stringify(index)) };
}

export function inputBytes(input: LoadInput): number {
  return "whole" in input ? input.whole.length : input.rest.length + input.index.length;
}

/** The timed part: from the input's bytes to everything in index.json loaded and the index rebuilt. */
export async function loadWith(method: LoadMethod, input: LoadInput): Promise<unknown> {
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  if ("whole" in input) {
    const bytes = method === "gunzip+parse+loadJS" ? await gunzip(input.whole) : input.whole;
    // The plain-object index is dropped once rebuilt, as src/search/load.ts drops it.
    const { index, ...rest } = JSON.parse(text(bytes)) as { index: Parameters<typeof MiniSearch.loadJS>[0] };
    return { rest, engine: MiniSearch.loadJS(index, indexOptions) };
  }
  const rest = JSON.parse(text(input.rest)) as unknown;
  const engine = method === "loadJSONAsync" ? await MiniSearch.loadJSONAsync(text(input.index), indexOptions) : MiniSearch.loadJSON(text(input.index), indexOptions);
  return { rest, engine };
}

/**
 * Work outside the timed load: Node loads its web streams on first use,
 * where workerd has them built in, so a method that decompresses does so
 * once on a few bytes first.
 */
export async function warmUp(method: LoadMethod): Promise<void> {
  if (method === "gunzip+parse+loadJS") await gunzip(gzipSync(new TextEncoder().encode("{}")));
}

/** As a Worker would: the platform's DecompressionStream, not zlib. */
async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** One load in a fresh process. */
export interface LoadMethodRun {
  wallMs: number;
  /** process.cpuUsage over the load: for loadJSONAsync, less than wall (it waits on timers). */
  cpuMs: number;
  /** Used heap after GC, the input dropped, less the same before the load. */
  heapOfIndexBytes: number;
  inputBytes: number;
}

/** Medians over the runs of one method. */
export interface LoadMethodResult {
  method: LoadMethod;
  description: string;
  runs: LoadMethodRun[];
  inputBytes: number;
  wallMs: number;
  cpuMs: number;
  heapOfIndexBytes: number;
}

/** Every method `runs` times on indexFile, each run in a fresh process, the order rotated per round so drift hits all alike. */
export async function measureLoadMethods(indexFile: string, runs: number, logName: string): Promise<(LoadMethodResult | (Failed & { method: LoadMethod }))[]> {
  const samples = new Map<LoadMethod, LoadMethodRun[] | Failed>(LOAD_METHOD_NAMES.map((method) => [method, []]));
  for (let round = 0; round < runs; round++) {
    const order = [...LOAD_METHOD_NAMES.slice(round % LOAD_METHOD_NAMES.length), ...LOAD_METHOD_NAMES.slice(0, round % LOAD_METHOD_NAMES.length)];
    for (const method of order) {
      const done = samples.get(method)!;
      if (isFailed(done)) continue;
      const outcome = await runChild<LoadMethodRun>("load-method", ["--index", indexFile, "--method", method], {
        nodeFlags: ["--expose-gc"],
        timeoutMs: 10 * 60_000,
        logName: `${logName}-${method}-${round}`,
      });
      if (outcome.ok) done.push(outcome.value);
      else samples.set(method, { failed: outcome.reason });
    }
  }
  return LOAD_METHOD_NAMES.map((method) => {
    const runsOf = samples.get(method)!;
    if (isFailed(runsOf)) return { method, failed: runsOf.failed };
    const of = (pick: (run: LoadMethodRun) => number) => median(runsOf.map(pick));
    return {
      method,
      description: LOAD_METHODS[method],
      runs: runsOf,
      inputBytes: runsOf[0]?.inputBytes ?? NaN,
      wallMs: of((run) => run.wallMs),
      cpuMs: of((run) => run.cpuMs),
      heapOfIndexBytes: of((run) => run.heapOfIndexBytes),
    };
  });
}
