/**
 * npm run load [-- --corpus DIR] [--duration S] [--requests N] [--connections N] [--soak S] [--sample S]
 *
 * The Worker under a mixed load: builds the corpus (seeds/ by default),
 * serves it with `wrangler dev` on 127.0.0.1, and runs autocannon, bounded
 * by time and by request count, over real queries, prefixes, phrases,
 * filters, paging, suggestions, documents and the page, one request in ten
 * a deliberate bad one. Prints requests/s, p50/p99 latency and the non-2xx
 * answers split into expected (the bad requests, each with its own status
 * and code) and unexpected; exits 1 on any unexpected answer.
 *
 * --soak S runs for S seconds instead, sampling memory every --sample
 * seconds (the isolate's heap after a GC; the RSS, from /proc, of the workerd
 * process running the Worker and of the one wrangler dev puts in front of
 * it), and prints the first, last and largest sample, so a leak would show.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "./bench/paths";
import { bundle, startDev, type DevServer } from "./bench/wrangler-cli";
import { sampleMemory, type MemorySample } from "./load/memory";
import { ONE_BAD_IN, requestMix } from "./load/requests";
import { runLoad, type LoadResult, type LoadSettings } from "./load/run";

const LOAD_DIR = path.join(ROOT, ".build", "load");
const USAGE = "Usage: npm run load -- [--corpus DIR] [--duration S] [--requests N] [--connections N] [--soak S] [--sample S]";

async function main(): Promise<number> {
  const options = parseOptions();
  if (!options) return 2;
  const assetsDir = path.join(LOAD_DIR, "assets");
  buildCorpus(options.corpus, assetsDir);
  const script = bundle({ config: path.join(ROOT, "wrangler.toml"), outDir: path.join(LOAD_DIR, "bundle") });
  const server = await startDev({ config: path.join(ROOT, "wrangler.toml"), bundle: script, assetsDir, logName: "load-wrangler-dev" });
  try {
    const mix = await requestMix(server.url);
    // Unmeasured: the index loads, and the JIT sees every path once.
    await runLoad(server.url, mix, { durationSeconds: 2, maxRequests: mix.length * 4, connections: options.settings.connections });
    console.log(`load: ${mix.length} requests in the mix (1 in ${ONE_BAD_IN} deliberately bad), ${options.settings.connections} connections, ` +
      `at most ${options.settings.durationSeconds} s and ${options.settings.maxRequests} requests, against ${server.url}`);
    const { result, samples } = options.soak
      ? await soak(server, () => runLoad(server.url, mix, options.settings), options.sampleSeconds)
      : { result: await runLoad(server.url, mix, options.settings), samples: [] };
    console.log(formatResult(result));
    if (samples.length > 0) console.log(formatMemory(samples));
    return result.unexpected === 0 ? 0 : 1;
  } finally {
    await server.stop();
  }
}

/** Runs the load while sampling memory: once before, every `sampleSeconds` during, once after. */
async function soak(server: DevServer, load: () => Promise<LoadResult>, sampleSeconds: number) {
  const samples: MemorySample[] = [await sampleMemory(server, 0)];
  const started = performance.now();
  const running = load();
  let done = false;
  const finish = () => (done = true);
  running.then(finish, finish);
  while (!done) {
    await Promise.race([running, new Promise((resolve) => setTimeout(resolve, sampleSeconds * 1000))]);
    if (!done) samples.push(await sampleMemory(server, (performance.now() - started) / 1000));
  }
  const result = await running;
  samples.push(await sampleMemory(server, (performance.now() - started) / 1000));
  return { result, samples };
}

function buildCorpus(corpus: string, assetsDir: string): void {
  const build = spawnSync(process.execPath, ["--import", "tsx", "scripts/build-index.ts", "--corpus", corpus, "--assets", assetsDir], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (build.status !== 0) throw new Error(`load: building ${corpus} failed (exit ${build.status})`);
}

function formatResult(result: LoadResult): string {
  const lines = [
    `requests     ${result.requests} in ${result.seconds.toFixed(1)} s, ${Math.round(result.requestsPerSecond)} requests/s`,
    `latency      p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms`,
    `non-2xx      ${result.expectedErrors} expected (the deliberate bad requests), ${result.unexpected} unexpected`,
  ];
  for (const example of result.unexpectedExamples) lines.push(`  unexpected: ${example}`);
  return lines.join("\n");
}

function formatMemory(samples: MemorySample[]): string {
  const mib = (bytes: number | null) => (bytes === null ? "n/a" : `${(bytes / 1024 / 1024).toFixed(1)} MiB`);
  const line = (name: string, values: (number | null)[]) => {
    const known = values.filter((value): value is number => value !== null);
    return `${name.padEnd(13)}first ${mib(values[0] ?? null)}, last ${mib(values.at(-1) ?? null)}, max ${mib(known.length ? Math.max(...known) : null)}`;
  };
  return [
    `memory       ${samples.length} samples over ${samples.at(-1)!.atSeconds.toFixed(0)} s (before, during and after the load)`,
    line("isolate heap", samples.map((sample) => sample.heapBytes)),
    line("Worker RSS", samples.map((sample) => sample.workerRssBytes)),
    line("proxy RSS", samples.map((sample) => sample.proxyRssBytes)),
    `  every sample (s: heap / Worker RSS / proxy RSS): ${samples
      .map((s) => `${s.atSeconds.toFixed(0)}: ${mib(s.heapBytes)} / ${mib(s.workerRssBytes)} / ${mib(s.proxyRssBytes)}`)
      .join("; ")}`,
  ].join("\n");
}

function parseOptions(): { corpus: string; settings: LoadSettings; soak: boolean; sampleSeconds: number } | null {
  try {
    const { values } = parseArgs({
      options: {
        corpus: { type: "string", default: "seeds" },
        duration: { type: "string", default: "20" },
        requests: { type: "string" },
        connections: { type: "string", default: "10" },
        soak: { type: "string" },
        sample: { type: "string", default: "10" },
      },
    });
    const number = (name: string, value: string) => {
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive integer, got "${value}"`);
      return parsed;
    };
    const durationSeconds = number(values.soak ? "soak" : "duration", values.soak ?? values.duration);
    return {
      corpus: values.corpus,
      // The request bound is a backstop: by default it allows 2,000 requests/s for the whole duration.
      settings: {
        durationSeconds,
        maxRequests: values.requests ? number("requests", values.requests) : durationSeconds * 2000,
        connections: number("connections", values.connections),
      },
      soak: values.soak !== undefined,
      sampleSeconds: number("sample", values.sample),
    };
  } catch (error) {
    console.error(`load: ${(error as Error).message}\n${USAGE}`);
    return null;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
