/**
 * npm run dev | npm run deploy | npm run check:bundle → tsx scripts/workers.ts dev|deploy|dry-run [--assets DIR | --shards-dir DIR --shards N]
 *
 * Runs wrangler on what the last build made (workers-config.ts): the one
 * Worker of wrangler.toml with its assets folder, or, for a corpus split
 * into shards, every Worker the build configured. `dev` runs them all in
 * one local runtime (the router first: it answers on the port, the shards
 * only through its bindings); `deploy` deploys the shards before the router,
 * whose service bindings name them; `dry-run` bundles each without
 * deploying.
 *
 * Locally each shard runs in a `wrangler dev` of its own, and the router's
 * service bindings reach them through wrangler's local dev registry: with
 * every configuration in one `wrangler dev -c … -c …` (wrangler 4.86), the
 * shards answered as if their assets were the router's, so no index.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { SHARDED_LAYOUT } from "../src/corpus/shard-build";
import { DEFAULT_ASSETS_DIR, DEFAULT_SHARDS_DIR, readLastBuild } from "./workers-config";

// Our two options are taken out; the rest (`npm run dev -- --port 9000`) goes to wrangler.
const [command, ...rest] = process.argv.slice(2);
const values: { "shards-dir"?: string; shards?: string; assets?: string } = {};
const extra: string[] = [];
for (let i = 0; i < rest.length; i++) {
  if (rest[i] === "--shards-dir" || rest[i] === "--shards" || rest[i] === "--assets") values[rest[i]!.slice(2) as keyof typeof values] = rest[++i];
  else extra.push(rest[i]!);
}
if (command !== "dev" && command !== "deploy" && command !== "dry-run") {
  console.error("usage: tsx scripts/workers.ts dev|deploy|dry-run [--assets DIR | --shards-dir DIR --shards N]");
  process.exit(2);
}
// Explicit folders (check:bundle's) say what to run; else the last build's.
const shardsDir = values["shards-dir"] ?? DEFAULT_SHARDS_DIR;
const shards = values.assets ? 1 : values["shards-dir"] ? Number(values.shards ?? 1) : (readLastBuild()?.shards ?? 1);
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };
// wrangler itself, not npx: a signal sent to it reaches the process that stops workerd.
const WRANGLER = path.join("node_modules", ".bin", "wrangler");

function wrangler(args: string[]): void {
  const result = spawnSync(WRANGLER, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const routerConfig = path.join(shardsDir, SHARDED_LAYOUT.routerConfig);
const shardConfigs = Array.from({ length: shards }, (_, n) => path.join(shardsDir, SHARDED_LAYOUT.shardConfig(n)));
const assetsDir = values.assets ?? (process.env.ASSETS_DIR || DEFAULT_ASSETS_DIR);

if (shards === 1) {
  if (command === "dev") wrangler(["dev", "--assets", assetsDir, ...extra]);
  else if (command === "deploy") wrangler(["deploy", "--assets", assetsDir, ...extra]);
  else wrangler(["deploy", "--dry-run", "--assets", assetsDir, "--outdir", ".build/dry-run"]);
} else if (command === "dev") {
  await devSharded();
} else if (command === "deploy") {
  // The router's bindings name the shard Workers: they must exist first.
  for (const config of shardConfigs) wrangler(["deploy", "-c", config, ...extra]);
  wrangler(["deploy", "-c", routerConfig, ...extra]);
} else {
  for (const [n, config] of [...shardConfigs, routerConfig].entries()) wrangler(["deploy", "--dry-run", "-c", config, "--outdir", `.build/dry-run/${n < shards ? `shard-${n}` : "router"}`]);
}

/**
 * The shards' dev servers (each on a port of its own: 8788 up, or from
 * SHARD_PORT_BASE; inspectors from 9230, or that + 1000), then the router's
 * in the foreground; the shards stop with it.
 *
 * Each Worker keeps its local state (workerd's cache database) in a folder
 * of its own: by default wrangler puts it beside the configuration, which
 * all of them share, and workerds starting together on one SQLite file
 * failed with SQLITE_BUSY (a CI run of the browser tests, stop 23).
 */
async function devSharded(): Promise<void> {
  const statePath = (worker: string) => path.join(shardsDir, ".wrangler", "state", worker);
  const portBase = Number(process.env.SHARD_PORT_BASE ?? 8788);
  const inspectorBase = process.env.SHARD_PORT_BASE ? portBase + 1000 : 9230;
  const children: ChildProcess[] = [];
  const stopAll = () => children.forEach((child) => child.kill("SIGINT"));
  process.on("SIGINT", stopAll);
  process.on("SIGTERM", stopAll);
  await Promise.all(
    shardConfigs.map(
      (config, n) =>
        new Promise<void>((ready, failed) => {
          const child = spawn(WRANGLER, ["dev", "-c", config, "--persist-to", statePath(`shard-${n}`), "--ip", "127.0.0.1", "--port", String(portBase + n), "--inspector-port", String(inspectorBase + n)], { env, stdio: ["ignore", "pipe", "pipe"] });
          children.push(child);
          let output = "";
          const watch = (chunk: Buffer) => {
            output += chunk.toString();
            if (/Ready on/.test(output)) ready();
          };
          child.stdout!.on("data", watch);
          child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
          child.on("exit", (code) => failed(new Error(`shard ${n}'s wrangler dev stopped (${code}):\n${output}`)));
        }),
    ),
  ).catch((error: unknown) => {
    stopAll();
    console.error((error as Error).message);
    process.exit(1);
  });
  console.log(`${shards} shard Workers ready (ports ${portBase}–${portBase + shards - 1}); starting the router`);
  const router = spawn(WRANGLER, ["dev", "-c", routerConfig, "--persist-to", statePath("router"), ...extra], { env, stdio: "inherit" });
  children.push(router);
  router.on("exit", (code) => {
    stopAll();
    process.exit(code ?? 0);
  });
}
