/**
 * What one Worker serves, for the paged artifact (format 4). An isolate no
 * longer holds the whole index: it holds its start-up files (meta.json and
 * documents.bin, decoded) for good, and whatever blocks, records and texts
 * queries have read, in caches bounded by size (src/search/load.ts). So the
 * memory that matters is the heap after many different queries, not after
 * the first; and the limits a larger corpus meets first may be Workers
 * Static Assets' (files per version, bytes per file), not the isolate's.
 *
 * A corpus fits with margin when, in workerd: the heap after the mixed run
 * is at most half the isolate's 128 MB, the start-up files are within what
 * the build calls comfortable (src/corpus/capacity.ts), and the first search
 * costs at most half a second beyond an empty Hono app's; and every file is
 * within 25 MiB. Its file count says which plan can deploy it.
 */
import { ASSET_LIMITS, COMFORTABLE_START_BYTES } from "../../src/corpus/capacity";
import { isFailed, type CorpusResult, type Failed, type WorkerdResult } from "./results";

const MiB = 1024 * 1024;

/** A Worker isolate's memory limit: 128 MB. */
export const ISOLATE_BYTES = 128 * 1000 * 1000;

export const CAPACITY_BUDGET = {
  /** Half the isolate: room for the request's own work and for V8 to collect. */
  heapBytes: 64 * MiB,
  isolateBytes: ISOLATE_BYTES,
  startupBytes: COMFORTABLE_START_BYTES,
  firstSearchBeyondEmptyMs: 500,
  freeFiles: ASSET_LIMITS.freeFiles,
  paidFiles: ASSET_LIMITS.paidFiles,
  fileBytes: ASSET_LIMITS.fileBytes,
} as const;

export interface CapacityRow {
  corpus: string;
  documents: number;
  /** manifest + meta.json + documents.bin. */
  startupBytes: number;
  files: number;
  largestFileBytes: number;
  /** workerd, ours: medians over the starts after the first search; the one mixed run. */
  heapAfterFirstSearchBytes: number | null;
  heapAfterMixBytes: number | null;
  mixQueries: number | null;
  firstSearchMs: number | null;
  /** Ours less the empty Hono app's (medians). */
  firstSearchBeyondEmptyMs: number | null;
  /** The plan whose file limit the artifact is within. */
  plan: "free" | "paid" | "over";
  /** null when workerd gave no heap after the mix or no first search to judge by. */
  fits: boolean | null;
  /** Why it does not fit, or what is missing to tell. */
  why: string;
}

/** The row for a corpus our build made; null for one it did not. */
export function capacityOf(corpus: CorpusResult): CapacityRow | null {
  const build = corpus.ours?.build;
  if (!build || isFailed(build)) return null;
  const workerd = okWorkerd(corpus.ours?.workerd);
  const empty = okWorkerd(corpus.emptyApp);
  const heapAfterMix = workerd?.heapAfterMixBytes ?? null;
  const firstSearch = workerd?.medianFirstSearchMs ?? null;
  const beyondEmpty = firstSearch !== null && empty?.medianFirstSearchMs != null ? firstSearch - empty.medianFirstSearchMs : null;
  const { assets } = build;
  const over: string[] = [];
  if (heapAfterMix !== null && heapAfterMix > CAPACITY_BUDGET.heapBytes) {
    over.push(`heap after the mixed run ${(heapAfterMix / MiB).toFixed(0)} MiB > ${CAPACITY_BUDGET.heapBytes / MiB}${heapAfterMix > ISOLATE_BYTES ? " (past the 128 MB isolate)" : ""}`);
  }
  if (assets.startup.bytes > CAPACITY_BUDGET.startupBytes) {
    over.push(`start-up files ${(assets.startup.bytes / MiB).toFixed(1)} MiB > ${CAPACITY_BUDGET.startupBytes / MiB}`);
  }
  if (beyondEmpty !== null && beyondEmpty > CAPACITY_BUDGET.firstSearchBeyondEmptyMs) {
    over.push(`first search ${beyondEmpty.toFixed(0)} ms beyond an empty app > ${CAPACITY_BUDGET.firstSearchBeyondEmptyMs}`);
  }
  if (assets.oversize.length > 0) over.push(`${assets.oversize.length} file(s) over 25 MiB`);
  if (assets.plan === "over") over.push(`${assets.files} files > ${CAPACITY_BUDGET.paidFiles} (paid plan)`);
  const unknown = heapAfterMix === null || beyondEmpty === null;
  return {
    corpus: corpus.name,
    documents: build.outcome.documents,
    startupBytes: assets.startup.bytes,
    files: assets.files,
    largestFileBytes: assets.largestFile?.bytes ?? 0,
    heapAfterFirstSearchBytes: workerd?.medianHeapBytes ?? null,
    heapAfterMixBytes: heapAfterMix,
    mixQueries: workerd?.starts.find((start) => start.mix)?.mix?.done ?? null,
    firstSearchMs: firstSearch,
    firstSearchBeyondEmptyMs: beyondEmpty,
    plan: assets.plan,
    fits: over.length > 0 ? false : unknown ? null : true,
    why: over.length > 0 ? over.join(", ") : unknown ? "workerd gave no heap after the mixed run, or no first search (ours or the empty app's)" : "",
  };
}

function okWorkerd(workerd: WorkerdResult | Failed | undefined): WorkerdResult | null {
  return workerd === undefined || isFailed(workerd) ? null : workerd;
}

/** The fitting corpus with the most documents, or null when none fits. */
export function largestFitting(rows: readonly CapacityRow[]): CapacityRow | null {
  return rows.filter((row) => row.fits === true).sort((a, b) => b.documents - a.documents)[0] ?? null;
}

/**
 * Where the limits fall, projected from corpora that differ in size alone
 * (the e-mails repeated): a straight line through each measure against the
 * documents (least squares), and the documents at which it crosses each
 * limit. An estimate, said as one: the caches are bounded, so the heap's
 * growth should slow, not speed up, past the sizes measured.
 */
export interface CapacityProjection {
  /** The corpora the lines are fitted through. */
  corpora: string[];
  /** Growth per 100,000 documents, and the measure at 0 documents. */
  heapAfterMix: Line | null;
  startupBytes: Line;
  files: Line;
  /** Documents at which each line crosses its limit; null when it does not grow. */
  documentsAt: {
    heapBudget: number | null;
    isolate: number | null;
    startupBudget: number | null;
    freeFiles: number | null;
    paidFiles: number | null;
  };
}

export interface Line {
  intercept: number;
  perDocument: number;
  points: number;
}

/** The family of corpora made by repeating one: the mail sizes. */
export function projectCapacity(rows: readonly CapacityRow[], family: (corpus: string) => boolean): CapacityProjection | null {
  const members = rows.filter((row) => family(row.corpus));
  if (new Set(members.map((row) => row.documents)).size < 2) return null;
  const heapRows = members.filter((row) => row.heapAfterMixBytes !== null);
  const heapAfterMix = new Set(heapRows.map((row) => row.documents)).size >= 2 ? fit(heapRows.map((row) => [row.documents, row.heapAfterMixBytes!])) : null;
  const startupBytes = fit(members.map((row) => [row.documents, row.startupBytes]));
  const files = fit(members.map((row) => [row.documents, row.files]));
  const at = (line: Line | null, limit: number) => (line && line.perDocument > 0 ? Math.max(0, Math.floor((limit - line.intercept) / line.perDocument)) : null);
  return {
    corpora: members.map((row) => row.corpus),
    heapAfterMix,
    startupBytes,
    files,
    documentsAt: {
      heapBudget: at(heapAfterMix, CAPACITY_BUDGET.heapBytes),
      isolate: at(heapAfterMix, ISOLATE_BYTES),
      startupBudget: at(startupBytes, CAPACITY_BUDGET.startupBytes),
      freeFiles: at(files, CAPACITY_BUDGET.freeFiles),
      paidFiles: at(files, CAPACITY_BUDGET.paidFiles),
    },
  };
}

function fit(points: readonly (readonly [number, number])[]): Line {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxx = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  const sxy = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const perDocument = sxx === 0 ? 0 : sxy / sxx;
  return { intercept: meanY - perDocument * meanX, perDocument, points: n };
}
