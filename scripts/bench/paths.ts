/** Where the bench reads and writes: everything it makes lives under .build/bench. */
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** Shared with npm run relevance, so a dataset is installed once for both. */
export const DATASETS_DIR = path.join(ROOT, ".build", "datasets");
export const BENCH_DIR = path.join(ROOT, ".build", "bench");
export const RESULTS_PATH = path.join(BENCH_DIR, "results.json");
export const CORPORA_DIR = path.join(BENCH_DIR, "corpora");
export const ASSETS_DIR = path.join(BENCH_DIR, "assets");
export const BUNDLES_DIR = path.join(BENCH_DIR, "bundles");
export const LOGS_DIR = path.join(BENCH_DIR, "logs");
export const WORK_DIR = path.join(BENCH_DIR, "work");
/** The bench-only wrangler configs (paths inside them are relative to them). */
export const OURS_CONFIG = path.join(ROOT, "scripts", "bench", "wrangler.toml");
export const NAIVE_CONFIG = path.join(ROOT, "scripts", "bench", "naive", "wrangler.toml");
export const EMPTY_CONFIG = path.join(ROOT, "scripts", "bench", "empty", "wrangler.toml");
export const SEEDS_DIR = path.join(ROOT, "seeds");

/** Where a corpus's artifacts go: one static-assets folder per engine. */
export function assetsDirOf(corpus: string, engine: "ours" | "naive" | "previous"): string {
  return path.join(ASSETS_DIR, corpus, engine);
}
