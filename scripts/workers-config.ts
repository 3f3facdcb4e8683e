/**
 * Where the build puts what `npm run dev` and `npm run deploy` serve, and
 * the build they serve: the last one into the default folders, remembered
 * in .build/last-build.json (its corpus, and whether it is split into
 * shards), so `npm run build:index -- --corpus DIR --shards 4 && npm run dev`
 * serves that corpus, split as it was built.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { WorkerSettings } from "../src/corpus/shard-build";

export const DEFAULT_ASSETS_DIR = ".build/assets";
export const DEFAULT_SHARDS_DIR = ".build/shards";
const LAST_BUILD = ".build/last-build.json";

export interface LastBuild {
  corpus: string;
  /** 1: the one Worker of wrangler.toml serves DEFAULT_ASSETS_DIR; more: the Workers DEFAULT_SHARDS_DIR configures. */
  shards: number;
  skipInvalid: boolean;
}

export function readLastBuild(): LastBuild | null {
  if (!existsSync(LAST_BUILD)) return null;
  try {
    return JSON.parse(readFileSync(LAST_BUILD, "utf8")) as LastBuild;
  } catch {
    return null;
  }
}

export function rememberBuild(build: LastBuild): void {
  mkdirSync(path.dirname(LAST_BUILD), { recursive: true });
  writeFileSync(LAST_BUILD, `${JSON.stringify(build, null, 2)}\n`);
}

/** wrangler.toml's name, compatibility date, entry point and variables, which the shards' and router's configurations share (the variables: the router's). */
export async function workerSettings(): Promise<WorkerSettings> {
  const { unstable_readConfig } = await import("wrangler");
  const config = unstable_readConfig({ config: "wrangler.toml" }, { hideWarnings: true });
  if (!config.name || !config.compatibility_date || !config.main) throw new Error("wrangler.toml must name the Worker, its compatibility date and its main module");
  return { name: config.name, compatibilityDate: config.compatibility_date, main: path.relative(process.cwd(), config.main), vars: { ...config.vars } };
}
