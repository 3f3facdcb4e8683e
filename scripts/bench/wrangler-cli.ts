/**
 * wrangler, as the bench drives it: `deploy --dry-run` for the upload size and
 * a bundle, `dev` on 127.0.0.1 to serve a corpus in workerd. Always with
 * metrics off, and always our own processes: each dev server runs in its own
 * process group and is stopped by it, never by name.
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { BenchError } from "./errors";
import { BENCH_DIR, LOGS_DIR, ROOT, WORK_DIR } from "./paths";

const require = createRequire(import.meta.url);
const WRANGLER_PACKAGE = require.resolve("wrangler/package.json");
export const WRANGLER_BIN = path.join(path.dirname(WRANGLER_PACKAGE), "bin", "wrangler.js");
const ENV = { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", FORCE_COLOR: "0" };

/** The version of the wrangler package the bench runs. */
export function wranglerVersion(): string {
  return (JSON.parse(readFileSync(WRANGLER_PACKAGE, "utf8")) as { version: string }).version;
}

export interface DryRunResult {
  /** "Total Upload" as wrangler prints it: the Worker's script, the static assets are not in it. */
  uploadKiB: number | null;
  uploadGzipKiB: number | null;
  /** Why wrangler would not deploy (e.g. an asset over 25 MiB), or null. */
  refused: string | null;
}

/**
 * `wrangler deploy --dry-run` with a corpus's assets in place: what it would
 * upload, or why it refuses. The bundle it writes goes to outDir.
 */
export function dryRun(options: { config: string; entry?: string; alias?: string; assetsDir: string; outDir: string; timeoutMs?: number }): DryRunResult {
  rmSync(options.outDir, { recursive: true, force: true });
  const config = options.alias ? aliasedConfig(options.config, options.entry, options.alias, options.outDir) : options.config;
  const args = [WRANGLER_BIN, "deploy", "--dry-run", "--config", config, "--assets", options.assetsDir, "--outdir", options.outDir];
  if (options.entry && !options.alias) args.splice(2, 0, options.entry);
  // The dry run hashes every asset: a large artifact takes minutes.
  const timeoutMs = options.timeoutMs ?? 180_000;
  const run = spawnSync(process.execPath, args, { cwd: ROOT, env: ENV, encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (run.error && (run.error as NodeJS.ErrnoException).code === "ETIMEDOUT") {
    return { uploadKiB: null, uploadGzipKiB: null, refused: `no verdict: the dry run took over ${Math.round(timeoutMs / 1000)} s` };
  }
  const output = stripAnsi(`${run.stdout ?? ""}\n${run.stderr ?? ""}`);
  const upload = /Total Upload:\s*([\d.]+)\s*(KiB|MiB)\s*\/\s*gzip:\s*([\d.]+)\s*(KiB|MiB)/.exec(output);
  if (upload) return { uploadKiB: kib(upload[1]!, upload[2]!), uploadGzipKiB: kib(upload[3]!, upload[4]!), refused: null };
  const tooLarge = /Asset too large[\s\S]*?with a size of ([\d.]+ \w+)/.exec(output);
  if (tooLarge) return { uploadKiB: null, uploadGzipKiB: null, refused: `asset too large (${tooLarge[1]}; Workers Static Assets take at most 25 MiB per file)` };
  const error = /✘ \[ERROR\] (.*)/.exec(output)?.[1] ?? output.trim().split("\n").at(-1) ?? `exit ${run.status}`;
  return { uploadKiB: null, uploadGzipKiB: null, refused: error.slice(0, 300) };
}

/**
 * The Worker bundled once per run, to serve with `wrangler dev --no-bundle`:
 * what every measurement in the run serves, whatever happens in src/ meanwhile.
 */
export function bundle(options: { config: string; entry?: string; alias?: string; outDir: string }): string {
  const placeholder = path.join(WORK_DIR, "placeholder-assets");
  mkdirSync(placeholder, { recursive: true });
  writeFileSync(path.join(placeholder, "placeholder.txt"), "the bench bundles the Worker with an empty assets folder\n");
  const result = dryRun({ ...options, assetsDir: placeholder });
  if (result.refused) throw new BenchError(`wrangler could not bundle ${options.entry ?? options.config}: ${result.refused}`);
  // The bundle is named after its entry: index.js, chunked.js, worker.js.
  const scripts = readdirSync(options.outDir).filter((file) => file.endsWith(".js"));
  if (scripts.length !== 1) throw new BenchError(`expected one bundled script in ${options.outDir}, found ${scripts.join(", ") || "none"}`);
  return path.join(options.outDir, scripts[0]!);
}

/**
 * A copy of config whose main is entry and whose bundler alias "bench-worker"
 * is target (serve/chunked.ts imports it). `wrangler deploy --alias` is
 * ignored by wrangler 4.86 (only the config's [alias] reaches the bundler),
 * hence a config written for it, with absolute paths, under .build/bench/work.
 */
function aliasedConfig(config: string, entry: string | undefined, target: string, outDir: string): string {
  if (!entry) throw new BenchError("an aliased bundle needs its entry");
  const absolute = (file: string) => JSON.stringify(path.resolve(ROOT, file));
  const text = readFileSync(config, "utf8")
    .replace(/^main = .*$/m, `main = ${absolute(entry)}`)
    .replace(/^directory = "(.*)"$/m, (_, directory: string) => `directory = ${absolute(path.join(path.dirname(config), directory))}`);
  // Named after the bundle it makes: ours and the previous design alias the same src/index.ts.
  const file = path.join(WORK_DIR, `${path.basename(outDir)}.aliased.toml`);
  mkdirSync(WORK_DIR, { recursive: true });
  writeFileSync(file, `${text}\n[alias]\n"bench-worker" = ${absolute(target)}\n`);
  return file;
}

function kib(value: string, unit: string): number {
  return Number(value) * (unit === "MiB" ? 1024 : 1);
}

function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

/** A running `wrangler dev`. */
export interface DevServer {
  url: string;
  inspectorPort: number;
  /** wrangler's process id, which leads the process group of everything it runs (workerd included). */
  pid: number;
  /** From spawning wrangler to its first HTTP answer. */
  readyMs: number;
  stop(): Promise<void>;
}

const running = new Set<number>();
// A bench that stops early (an error, Ctrl-C) leaves no server behind.
process.on("exit", () => {
  for (const pid of running) killGroup(pid, "SIGKILL");
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => process.exit(130));
}

/** Path the bench asks for to start the isolate without touching the index: the 404 handler. */
export const WARM_PATH = "/__bench/warm";

/** How long wrangler dev may take to answer when not told: enough for a few thousand assets. */
const READY_TIMEOUT_MS = 90_000;

/**
 * Starts `wrangler dev` on a bundle with a corpus's assets, on free ports of
 * 127.0.0.1, and waits for its Worker's first answer (to WARM_PATH).
 */
export async function startDev(options: { config: string; bundle: string; assetsDir: string; logName: string; readyTimeoutMs?: number }): Promise<DevServer> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  mkdirSync(LOGS_DIR, { recursive: true });
  const logPath = path.join(LOGS_DIR, `${options.logName}.log`);
  const log = openSync(logPath, "w");
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      WRANGLER_BIN,
      "dev",
      options.bundle,
      "--no-bundle",
      "--config",
      options.config,
      "--assets",
      options.assetsDir,
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(inspectorPort),
      "--persist-to",
      path.join(BENCH_DIR, "wrangler-state"),
      "--show-interactive-dev-session=false",
      "--log-level",
      "warn",
    ],
    { cwd: ROOT, env: ENV, stdio: ["ignore", log, log], detached: true },
  );
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new BenchError("could not start wrangler dev");
  running.add(pid);
  let exited: string | null = null;
  const exit = new Promise<void>((resolve) => {
    child.on("exit", (code, signal) => {
      exited = signal ? `killed by ${signal}` : `exit ${code}`;
      running.delete(pid);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited) return;
    killGroup(pid, "SIGTERM");
    const timer = setTimeout(() => killGroup(pid, "SIGKILL"), 5000);
    await exit;
    clearTimeout(timer);
    // workerd may outlive wrangler for a moment; the group kill reaches it.
    killGroup(pid, "SIGKILL");
  };
  const readyTimeoutMs = options.readyTimeoutMs ?? READY_TIMEOUT_MS;
  const deadline = started + readyTimeoutMs;
  while (performance.now() < deadline) {
    if (exited) throw new BenchError(`wrangler dev stopped before answering (${exited}): ${logTail(logPath)}`);
    try {
      // Both Workers' 404s have a body; once, a start answered with empty 404s
      // (the first search too), so an empty answer is not taken for ready.
      const body = await (await fetch(`${url}${WARM_PATH}`)).text();
      if (body !== "") return { url, inspectorPort, pid, readyMs: performance.now() - started, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new BenchError(`wrangler dev did not answer within ${Math.round(readyTimeoutMs / 1000)} s: ${logTail(logPath)}`);
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** The last meaningful lines of a wrangler log, without its offline Request.cf noise. */
export function logTail(logPath: string): string {
  let text = "";
  try {
    text = stripAnsi(readFileSync(logPath, "utf8"));
  } catch {
    return "(no log)";
  }
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !/Request\.cf|getaddrinfo|^at |⛅️|^─+$|update available/.test(line));
  return lines.slice(-4).join(" | ").slice(0, 400) || "(empty log)";
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
