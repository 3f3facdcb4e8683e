/**
 * The numbers the README's "Performance, measured" section gave for the
 * index.json design (revision e4ceb1e, measured 2026-11-22 on this machine
 * type), printed beside this run's: what the paged design is judged against
 * in the prose. The previous design is also measured in this run (engine
 * "previous", previous.ts) where it can be built and served; these are the
 * published figures, another day's load on the machine included.
 */

export interface ReadmeRow {
  documents: number;
  indexJsonMiB: number;
  firstSearchMs: number;
  naiveFirstSearchMs: number | null;
  heapMiB: number;
  naiveHeapMiB: number | null;
  /** Node, ours: the median of the non-adversarial classes' medians; p99 the slowest class's. */
  typicalP50Ms: number;
  typicalP99Ms: number;
  worstAdversarialCpuMs: number;
}

export const README_PREVIOUS = {
  revision: "e4ceb1e",
  date: "2026-11-22",
  rows: {
    seeds: { documents: 5, indexJsonMiB: 0.03, firstSearchMs: 40, naiveFirstSearchMs: null, heapMiB: 3.3, naiveHeapMiB: null, typicalP50Ms: 0.38, typicalP99Ms: 2.5, worstAdversarialCpuMs: 1.5 },
    sotu: { documents: 233, indexJsonMiB: 3.5, firstSearchMs: 203, naiveFirstSearchMs: 281, heapMiB: 17.5, naiveHeapMiB: 25.2, typicalP50Ms: 8.0, typicalP99Ms: 15.9, worstAdversarialCpuMs: 56 },
    mail: { documents: 6046, indexJsonMiB: 11.9, firstSearchMs: 699, naiveFirstSearchMs: 1123, heapMiB: 46.9, naiveHeapMiB: 88.6, typicalP50Ms: 11.9, typicalP99Ms: 41.7, worstAdversarialCpuMs: 54 },
    "mail-10k": { documents: 10000, indexJsonMiB: 16.9, firstSearchMs: 859, naiveFirstSearchMs: 1426, heapMiB: 57.2, naiveHeapMiB: 108.8, typicalP50Ms: 11.4, typicalP99Ms: 73.9, worstAdversarialCpuMs: 56 },
    // The README gives only ratios for the naive Worker at 50,000 (0.52× and 0.44×).
    "mail-50k": { documents: 50000, indexJsonMiB: 85.7, firstSearchMs: 3106, naiveFirstSearchMs: null, heapMiB: 187.5, naiveHeapMiB: null, typicalP50Ms: 56, typicalP99Ms: 177, worstAdversarialCpuMs: 322 },
  } as Record<string, ReadmeRow>,
} as const;
