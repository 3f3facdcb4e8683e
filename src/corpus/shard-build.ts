/**
 * A built corpus → the Workers that serve it split into shards, under one
 * folder (default .build/shards):
 *
 *   whole/                       the whole corpus's artifact, the split's input (not deployed)
 *   shard-<n>/_artifact/…        shard n's artifact: the assets of Worker <name>-shard-<n>
 *   router/_artifact/router.json the corpus's facts and each shard's build: the router's assets, beside the site's files
 *   router/_artifact/<build>/placed/<n>.json  id → shard of each near-copy placed with its copy group, one hash bucket of ids
 *   wrangler.shard-<n>.json      each shard Worker: no public URL, its own assets
 *   wrangler.router.json         the Worker users call, named as the unsplit Worker, bound to every shard
 *
 * Each shard is published as the build publishes an artifact (staged, then
 * renamed into place, then named by its manifest), and router.json is
 * written last: until then the previous router still names the previous
 * shards' builds, which those folders still hold.
 */
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { ARTIFACT_DIR, artifactPaths, type ArtifactManifest, type IndexMeta, type RouterManifest } from "../search/artifact";
import { bucketOf } from "../search/index/hash";
import { ARTIFACT_FORMAT } from "../search/options";
import { directoryReader } from "./artifact-files";
import { LAYOUT } from "./build";
import { capacityWarnings } from "./capacity";
import { splitArtifact } from "./shard-split";
import { StagedBuild, writeFileAtomically } from "./write";

/** Ids per placed/<n>.json bucket: a lookup reads one small file, as an id lookup in an artifact does. */
const PLACED_PER_BUCKET = 512;

/** The Worker settings the generated configurations share with wrangler.toml. */
export interface WorkerSettings {
  /** The unsplit Worker's name: the router keeps it, shard n is `<name>-shard-<n>`. */
  name: string;
  compatibilityDate: string;
  /** The Worker's entry point, as wrangler.toml names it (relative to the project root). */
  main: string;
  /** wrangler.toml's [vars] (INDEX_UID…): the router's, which answers the public API; none when absent. */
  vars?: Record<string, unknown>;
}

export interface ShardedBuild {
  /** Each shard's documents, its assets folder and its files (the manifest included). */
  shards: { documents: number; folder: string; files: number }[];
  routerFolder: string;
  configs: { router: string; shards: string[] };
  /** Shards past what Workers accept or one isolate serves well (capacity.ts). */
  warnings: string[];
}

/** The folder names under a sharded build's root. */
export const SHARDED_LAYOUT = {
  whole: "whole",
  router: "router",
  shard: (n: number) => `shard-${n}`,
  routerConfig: "wrangler.router.json",
  shardConfig: (n: number) => `wrangler.shard-${n}.json`,
} as const;

/** Splits the artifact built into `<root>/whole` into `count` shards, and writes the router's manifest and every Worker's configuration. */
export async function writeShards(root: string, count: number, settings: WorkerSettings, projectRoot: string): Promise<ShardedBuild> {
  const wholeAssets = path.join(root, SHARDED_LAYOUT.whole);
  const read = directoryReader(wholeAssets);
  const { build } = JSON.parse(new TextDecoder().decode(await read(artifactPaths.manifest))) as ArtifactManifest;
  const textBytes = await folderBytes(path.join(wholeAssets, ARTIFACT_DIR, build, "text"));
  const staged = await Promise.all(Array.from({ length: count }, (_, n) => StagedBuild.open(path.join(root, SHARDED_LAYOUT.shard(n)))));
  let metas: IndexMeta[];
  let placed: Map<string, number>;
  try {
    ({ metas, placed } = await splitArtifact({ read, textBytes }, staged, LAYOUT));
  } catch (error) {
    await Promise.all(staged.map((shard) => shard.discard()));
    throw error;
  }
  const published: { build: string; files: number; warnings: string[] }[] = [];
  for (const [n, shard] of staged.entries()) {
    const files = shard.files();
    const warnings = capacityWarnings(files).map((warning) => `shard ${n}: ${warning}`);
    const folder = await shard.publish((name) => new TextEncoder().encode(JSON.stringify({ artifactFormat: ARTIFACT_FORMAT, build: name } satisfies ArtifactManifest)));
    published.push({ build: path.basename(folder), files: files.length + 1, warnings });
  }
  const builds = published.map((shard) => shard.build);
  const whole = JSON.parse(new TextDecoder().decode(await read(artifactPaths.meta(build)))) as IndexMeta;
  const routerFolder = path.join(root, SHARDED_LAYOUT.router);
  // Before router.json, which makes them current; named by the corpus's build, so the previous router's stay until then.
  const placedBuckets = placed.size === 0 ? 0 : Math.ceil(placed.size / PLACED_PER_BUCKET);
  const buckets = Array.from({ length: placedBuckets }, (): Record<string, number> => ({}));
  for (const [id, shard] of placed) buckets[bucketOf(id, placedBuckets)]![id] = shard;
  for (const [n, bucket] of buckets.entries()) await writeFileAtomically(path.join(routerFolder, artifactPaths.placed(build, n)), JSON.stringify(bucket));
  const manifest: RouterManifest = { artifactFormat: ARTIFACT_FORMAT, corpusBuild: build, shards: builds, placedBuckets, meta: whole.meta, fields: whole.fields, years: whole.years, copies: whole.copies };
  await writeFileAtomically(path.join(routerFolder, ARTIFACT_DIR, "router.json"), JSON.stringify(manifest));
  // The previous routers' placements go once router.json names another build.
  for (const entry of await readdir(path.join(routerFolder, ARTIFACT_DIR))) {
    if (entry !== build && entry !== "router.json") await rm(path.join(routerFolder, ARTIFACT_DIR, entry), { recursive: true, force: true });
  }
  const configs = await writeConfigs(root, count, settings, projectRoot);
  // A split into more shards before: its other shards and their configurations go.
  for (const entry of await readdir(root)) {
    const n = Number(/^(?:wrangler\.)?shard-(\d+)(?:\.json)?$/.exec(entry)?.[1] ?? NaN);
    if (n >= count) await rm(path.join(root, entry), { recursive: true, force: true });
  }
  return {
    shards: metas.map((meta, n) => ({ documents: meta.meta.documents, folder: path.join(root, SHARDED_LAYOUT.shard(n)), files: published[n]!.files })),
    routerFolder,
    configs,
    warnings: published.flatMap((shard) => shard.warnings),
  };
}

/** Each Worker's wrangler configuration (JSON), its paths relative to its own file, as wrangler reads them. */
async function writeConfigs(root: string, count: number, settings: WorkerSettings, projectRoot: string): Promise<ShardedBuild["configs"]> {
  const main = path.relative(root, path.join(projectRoot, settings.main)).split(path.sep).join("/");
  const assets = (folder: string) => ({ directory: `./${folder}`, binding: "ASSETS", run_worker_first: true, html_handling: "none" });
  const common = { main, compatibility_date: settings.compatibilityDate, send_metrics: false, minify: true };
  const shardName = (n: number) => `${settings.name}-shard-${n}`;
  const shards: string[] = [];
  for (let n = 0; n < count; n++) {
    const file = path.join(root, SHARDED_LAYOUT.shardConfig(n));
    // No public URL: a shard answers its router, over the service binding, only.
    const config = { name: shardName(n), ...common, workers_dev: false, preview_urls: false, assets: assets(SHARDED_LAYOUT.shard(n)) };
    await writeFileAtomically(file, `${JSON.stringify(config, null, 2)}\n`);
    shards.push(file);
  }
  const router = path.join(root, SHARDED_LAYOUT.routerConfig);
  const config = {
    name: settings.name,
    ...common,
    assets: assets(SHARDED_LAYOUT.router),
    ...(settings.vars && Object.keys(settings.vars).length > 0 && { vars: settings.vars }),
    services: Array.from({ length: count }, (_, n) => ({ binding: `SHARD_${n}`, service: shardName(n) })),
  };
  await writeFileAtomically(router, `${JSON.stringify(config, null, 2)}\n`);
  return { router, shards };
}

async function folderBytes(folder: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(folder, { withFileTypes: true })) if (entry.isFile()) bytes += (await stat(path.join(folder, entry.name))).size;
  return bytes;
}
