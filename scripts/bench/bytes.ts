/**
 * What a query fetches from static assets on a cold isolate (the issue's
 * "a typical word reads under 1 MiB"): children/bytes-read.ts runs each
 * class's pool on fresh indexes; here, per class, the median and the most
 * any of its queries read, and what the start-up files cost.
 */
import { runChild } from "./child";
import type { BytesOutcome, QueryBytes } from "./children/bytes-read";
import type { FileRead } from "./counting-reader";
import { isFailed, type Failed } from "./results";
import { median } from "./stats";

/** The target for a typical query: under 1 MiB fetched from static assets. */
export const TYPICAL_QUERY_BYTES = 1024 * 1024;

/** Queries per class (spread over its pool; an adversarial class has one). */
export const BYTES_PER_CLASS = 20;

/**
 * Fewer for the previous design: each of its cold queries opens the index
 * afresh, parsing index.json and rebuilding MiniSearch (a second a query on
 * mail), and past its start it reads only text chunks and positions.
 */
export const PREVIOUS_BYTES_PER_CLASS = 5;

export interface ClassBytes {
  class: string;
  adversarial: boolean;
  queries: number;
  medianBytes: number;
  maxBytes: number;
  /** The query that read the most, and what it read, by kind of file. */
  max: { q: string; byKind: Record<string, number> };
  medianFiles: number;
  maxFiles: number;
  /** The cold query's time, reads from disk included (Node). */
  medianWallMs: number;
  medianCpuMs: number;
  errors: string[];
}

export interface BytesResult {
  startup: { bytes: number; files: FileRead[]; openMs: number };
  classes: ClassBytes[];
  /** Every query as measured, for the results file. */
  raw: BytesOutcome["classes"];
}

/** Runs the child on one engine's artifact (root: the tree whose src/ reads it). */
export async function measureBytes(options: {
  assetsDir: string;
  poolsFile: string;
  perClass: number;
  root?: string;
  logName: string;
  timeoutMs: number;
}): Promise<BytesResult | Failed> {
  const args = ["--assets", options.assetsDir, "--pools", options.poolsFile, "--per-class", String(options.perClass)];
  if (options.root) args.push("--root", options.root);
  const outcome = await runChild<BytesOutcome>("bytes-read", args, { timeoutMs: options.timeoutMs, logName: options.logName });
  if (!outcome.ok) return { failed: outcome.reason };
  return { startup: outcome.value.startup, classes: outcome.value.classes.map(summarize), raw: outcome.value.classes };
}

function summarize(entry: BytesOutcome["classes"][number]): ClassBytes {
  const { queries } = entry;
  const largest = queries.reduce<QueryBytes | null>((most, query) => (!most || query.bytes > most.bytes ? query : most), null);
  return {
    class: entry.class,
    adversarial: entry.adversarial,
    queries: queries.length,
    medianBytes: median(queries.map((query) => query.bytes)),
    maxBytes: largest?.bytes ?? NaN,
    max: { q: largest?.q ?? "", byKind: largest?.byKind ?? {} },
    medianFiles: median(queries.map((query) => query.files)),
    maxFiles: Math.max(...queries.map((query) => query.files)),
    medianWallMs: median(queries.map((query) => query.wallMs)),
    medianCpuMs: median(queries.map((query) => query.cpuMs)),
    errors: queries.flatMap((query) => (query.error ? [`${JSON.stringify(query.q)}: ${query.error}`] : [])),
  };
}

/** The single-word classes: what "a typical word" means for the 1 MiB target. */
export const TYPICAL_WORD_CLASSES = ["common term", "rare term"] as const;

/** The most a typical word read (over the single-word classes' queries), or null when none was measured. */
export function typicalWordBytes(bytes: BytesResult | Failed | undefined): { medianBytes: number; maxBytes: number } | null {
  if (!bytes || isFailed(bytes)) return null;
  const words = bytes.raw.filter((entry) => (TYPICAL_WORD_CLASSES as readonly string[]).includes(entry.class)).flatMap((entry) => entry.queries.map((query) => query.bytes));
  return words.length === 0 ? null : { medianBytes: median(words), maxBytes: Math.max(...words) };
}
