/**
 * What one Worker isolate serves with margin: for each corpus, the sizes of
 * its artifact beside what workerd measured, and whether it stays within
 * about half of an isolate's 128 MB and of a 1 s start.
 */
import { isFailed, type CorpusResult } from "./results";

const MiB = 1024 * 1024;

/** Half the isolate's memory and start: a corpus within both fits with margin. */
export const CAPACITY_BUDGET = { heapBytes: 64 * MiB, firstSearchMs: 500 } as const;

export interface CapacityRow {
  corpus: string;
  documents: number;
  indexBytes: number;
  artifactBytes: number;
  files: number;
  /** Medians over the fresh wrangler dev starts; null when workerd did not answer. */
  workerdHeapBytes: number | null;
  workerdFirstSearchMs: number | null;
  /** The non-adversarial class with the highest p99 (ours, in Node). */
  worstTypicalP99: { class: string; ms: number } | null;
  /** null when workerd gave no heap or first search to judge by. */
  fits: boolean | null;
  /** Why it does not fit, or what is missing to tell. */
  why: string;
}

/** The row for a corpus our build made; null for one it did not. */
export function capacityOf(corpus: CorpusResult): CapacityRow | null {
  const build = corpus.ours?.build;
  if (!build || isFailed(build)) return null;
  const workerd = corpus.ours?.workerd;
  const heap = workerd && !isFailed(workerd) ? workerd.medianHeapBytes : null;
  const firstSearch = workerd && !isFailed(workerd) ? workerd.medianFirstSearchMs : null;
  const typical = corpus.queries && !isFailed(corpus.queries) ? corpus.queries.filter((_, i) => corpus.queryCases?.[i]?.adversarial === false) : [];
  const worst = typical.flatMap((query) => (query.ours ? [{ class: query.class, ms: query.ours.p99 }] : [])).sort((a, b) => b.ms - a.ms)[0] ?? null;
  const over: string[] = [];
  if (heap !== null && heap > CAPACITY_BUDGET.heapBytes) over.push(`heap ${(heap / MiB).toFixed(0)} MiB > ${CAPACITY_BUDGET.heapBytes / MiB}`);
  if (firstSearch !== null && firstSearch > CAPACITY_BUDGET.firstSearchMs) over.push(`first search ${firstSearch.toFixed(0)} ms > ${CAPACITY_BUDGET.firstSearchMs}`);
  const unknown = heap === null || firstSearch === null;
  return {
    corpus: corpus.name,
    documents: build.outcome.documents,
    indexBytes: build.assets.index.bytes,
    artifactBytes: build.assets.bytes,
    files: build.assets.files,
    workerdHeapBytes: heap,
    workerdFirstSearchMs: firstSearch,
    worstTypicalP99: worst,
    fits: over.length > 0 ? false : unknown ? null : true,
    why: over.length > 0 ? over.join(", ") : unknown ? "workerd gave no heap or first search" : "",
  };
}

/** The fitting corpus with the most documents, or null when none fits. */
export function largestFitting(rows: readonly CapacityRow[]): CapacityRow | null {
  return rows.filter((row) => row.fits === true).sort((a, b) => b.documents - a.documents || b.indexBytes - a.indexBytes)[0] ?? null;
}
