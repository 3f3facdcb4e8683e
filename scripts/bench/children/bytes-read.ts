/**
 * Child: what one query fetches from static assets on a cold isolate. The
 * index is opened with openSearchIndex over a reader that counts every file
 * read (../counting-reader.ts around directoryReader); each query gets an
 * index of its own, opened afresh, so no block is in a cache and every byte
 * read after the start-up files is that query's. The start-up files are
 * counted once, from the first opening. Each query is also timed, cold
 * (wall and CPU, with its reads from disk). Prints BytesOutcome as JSON.
 * Args: --assets DIR --pools FILE [--per-class N] [--root DIR]
 * --root: the tree whose src/ to run (the previous design's); default ours.
 * That tree must have the same openSearchIndex, directoryReader,
 * parseSearchRequest and search (4b355d8 has).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { directoryReader as DirectoryReader } from "../../../src/corpus/artifact-files";
import type { openSearchIndex as OpenSearchIndex } from "../../../src/search/load";
import type { parseSearchRequest as ParseSearchRequest } from "../../../src/search/query";
import type { search as Search } from "../../../src/search/search";
import { answer, childArgs, requiredArg } from "../child";
import { bytesByKind, countingReader, type FileRead } from "../counting-reader";
import { spread, type QueryPool } from "../queries";
import { cpuMsSince } from "../stats";

/** One query on a fresh index. */
export interface QueryBytes {
  q: string;
  /** Every byte read after the start-up files, and how many reads. */
  bytes: number;
  files: number;
  byKind: Record<string, number>;
  /** The cold query, reads from disk included. */
  wallMs: number;
  cpuMs: number;
  total: number | null;
  error?: string;
}

export interface BytesOutcome {
  /** What opening the index reads (manifest, meta.json, documents.bin; the previous design: manifest, index.json). */
  startup: { bytes: number; files: FileRead[]; openMs: number };
  classes: { class: string; adversarial: boolean; queries: QueryBytes[] }[];
}

const args = childArgs();
const assetsDir = requiredArg(args, "assets");
const root = args.root ?? path.resolve(import.meta.dirname, "..", "..", "..");
const perClass = Number(args["per-class"] ?? 20);
const pools = JSON.parse(readFileSync(requiredArg(args, "pools"), "utf8")) as QueryPool[];

const from = (file: string) => import(pathToFileURL(path.join(root, "src", file)).href);
const { directoryReader } = (await from("corpus/artifact-files.ts")) as { directoryReader: typeof DirectoryReader };
const { openSearchIndex } = (await from("search/load.ts")) as { openSearchIndex: typeof OpenSearchIndex };
const { parseSearchRequest } = (await from("search/query.ts")) as { parseSearchRequest: typeof ParseSearchRequest };
const { search } = (await from("search/search.ts")) as { search: typeof Search };

const disk = directoryReader(assetsDir);

/** A fresh index and its reader, the start-up reads taken. */
async function open() {
  const reader = countingReader(disk);
  const started = performance.now();
  const index = await openSearchIndex(reader.read);
  const openMs = performance.now() - started;
  return { index, reader, startup: reader.take(), openMs };
}

async function measure(q: string): Promise<QueryBytes> {
  const { index, reader } = await open();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let total: number | null = null;
  let error: string | undefined;
  try {
    total = (await search(index, parseSearchRequest(new URLSearchParams({ q })))).total;
  } catch (caught) {
    // A query the API refuses is a result: what it read before refusing still counts.
    error = (caught as Error).message;
  }
  const wallMs = performance.now() - started;
  const cpuMs = cpuMsSince(cpu);
  const reads = reader.take();
  return { q, bytes: reads.reduce((sum, read) => sum + read.bytes, 0), files: reads.length, byKind: bytesByKind(reads), wallMs, cpuMs, total, ...(error ? { error } : {}) };
}

const first = await open();
const startup = { bytes: first.startup.reduce((sum, read) => sum + read.bytes, 0), files: first.startup, openMs: first.openMs };
// Unmeasured: the first search of a process also compiles the search code, which a warm isolate has done.
const warmUp = pools.find((pool) => !pool.adversarial)?.queries[0];
if (warmUp !== undefined) await measure(warmUp);

const classes: BytesOutcome["classes"] = [];
for (const pool of pools) {
  const queries: QueryBytes[] = [];
  for (const q of spread(pool.queries, perClass)) queries.push(await measure(q));
  classes.push({ class: pool.class, adversarial: pool.adversarial, queries });
}
const outcome: BytesOutcome = { startup, classes };
answer(outcome);
