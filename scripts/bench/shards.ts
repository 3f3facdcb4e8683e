/**
 * The shards phase (--shards N,…): our artifact of a corpus, already built
 * by the bench, split into N shards and served as `npm run dev` serves a
 * split corpus (scripts/workers.ts), then timed per query class.
 *
 * - Split: <work>/<corpus>/shards-<N>/whole links to our artifact, and
 *   writeShards (src/corpus/shard-build.ts) writes shard-<n>/, router/ and
 *   every Worker's wrangler configuration beside it, in a fresh Node
 *   process (children/split-shards.ts): its time and peak RSS.
 * - Serve: one `wrangler dev` per shard (its own port and inspector port),
 *   then the router's, whose service bindings SHARD_0… reach the shards
 *   through wrangler's local dev registry; each serves the bundle every
 *   other measurement serves (wrangler dev --no-bundle), with the
 *   configuration writeShards wrote. The router's /health (every shard
 *   asked) must answer 200 before anything is timed.
 * - Per query class (the corpus's query set, adversarial classes
 *   included), after warm-up, each repetition: GET /search?q=… on the
 *   router (the fan-out: every shard at once, the merge, HTTP); then
 *   POST /_shard/search with the router's own request to each shard on its
 *   own port, one after the other (each alone on the machine); then to
 *   every shard at once from the client. Medians and p99 (stats.ts); the
 *   slowest shard per repetition; router ÷ slowest shard at p50 and p99.
 * - CPU: around each router request, the CPU time of every workerd the
 *   wrangler devs run, from /proc (proc-cpu.ts); and in Node, each shard's
 *   artifact answering every class as the shard does
 *   (children/probe-shards.ts), after the servers are stopped.
 * - Heap: each isolate's V8 used heap after a GC (children/workerd-heap.ts),
 *   at start and after every class ran.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync } from "node:fs";
import path from "node:path";
import { ASSET_LIMITS } from "../../src/corpus/capacity";
import { SHARDED_LAYOUT } from "../../src/corpus/shard-build";
import { parseSearchRequest } from "../../src/search/query";
import { SHARD_PATHS, shardRequest } from "../../src/shards/protocol";
import { servableAssets } from "./assets";
import { runChild, writeChildInput } from "./child";
import type { ShardProbeOutcome } from "./children/probe-shards";
import type { SplitOutcome } from "./children/split-shards";
import { OURS_CONFIG, WORK_DIR } from "./paths";
import { cpuMsBetween, groupCpu, procCpuAvailable, processGroup, type GroupCpu, type ProcessGroup } from "./proc-cpu";
import type { QueryCase } from "./queries";
import type { ShardClassResult, ShardServed, ShardsResult, ShardsRun } from "./results";
import { startupFilesOf } from "./startup-files";
import { ratio, summarize, type Summary } from "./stats";
import { workerdHeap } from "./workerd";
import { startDev, WARM_PATH, type DevServer } from "./wrangler-cli";

/** The targets: a shard's isolate heap, and the router's time against its slowest shard's. */
export const SHARD_HEAP_TARGET_BYTES = 64 * 1024 * 1024;
export const SHARD_RATIO_TARGET = 1.3;

/** Per class: warm-up repetitions (within a quarter of the budget), then repetitions until the budget is spent, at least minRuns. */
const WARMUP_RUNS = 5;
const MIN_RUNS = 50;
const MAX_RUNS = 300;
/** The per-class budget is this many times --query-budget-ms: a repetition is 2N + 1 requests. */
const BUDGET_FACTOR = 4;
/** Requests timed for the CPU floor (a 404). */
const FLOOR_RUNS = 50;

const SPLIT_TIMEOUT_MS = 60 * 60_000;
const PROBE_TIMEOUT_MS = 30 * 60_000;
/** One request; a shard's own deadline in the router is 5 s (shards/router.ts). */
const REQUEST_TIMEOUT_MS = 120_000;
/** The router finds the shards through the dev registry: /health may answer 503 for a moment after they start. */
const HEALTH_TIMEOUT_MS = 60_000;

export interface ShardsPhase {
  corpus: string;
  /** Our artifact of the corpus, as the bench built it. */
  wholeAssets: string;
  cases: readonly QueryCase[];
  /** The cases, written for a child. */
  queriesFile: string;
  /** Our bundle, made once per run (from parts: serve/chunked.ts around it). */
  bundleFor(fromParts: boolean): string;
  /** --query-budget-ms: the Node probe's per-class budget; the HTTP classes get BUDGET_FACTOR times it. */
  queryBudgetMs: number;
  log(message: string): void;
}

/** The phase for one shard count. A step that fails is recorded; the servers are always stopped. */
export async function measureShards(count: number, phase: ShardsPhase): Promise<ShardsRun> {
  const started = performance.now();
  const { corpus, log } = phase;
  const root = path.join(WORK_DIR, corpus, `shards-${count}`);
  const logName = (what: string) => `${corpus}-shards-${count}-${what}`;
  try {
    linkWhole(root, phase.wholeAssets);
  } catch (error) {
    return { shards: count, failed: `could not link our artifact as ${root}/whole: ${(error as Error).message}` };
  }

  log(`splitting our artifact into ${count} shards`);
  const split = await runChild<SplitOutcome>(
    "split-shards",
    ["--root", root, "--shards", String(count), "--name", workerName(corpus, count), "--compatibility-date", compatibilityDate(), "--main", "src/index.ts"],
    { timeoutMs: SPLIT_TIMEOUT_MS, logName: logName("split") },
  );
  if (!split.ok) return { shards: count, failed: `split: ${split.reason}` };
  const { sharded } = split.value;
  const perShard: ShardServed[] = sharded.shards.map((shard, n) => ({ shard: n, documents: shard.documents, ...sizesOf(shard.folder), readyMs: NaN, heapAtStart: null, heapAfter: null }));
  const method = { warmupRuns: WARMUP_RUNS, minRuns: MIN_RUNS, maxRuns: MAX_RUNS, budgetMs: BUDGET_FACTOR * phase.queryBudgetMs };
  const result: ShardsResult = {
    shards: count,
    root,
    split: { milliseconds: split.value.milliseconds, peakRssMiB: split.value.peakRssMiB, warnings: sharded.warnings },
    perShard,
    router: { readyMs: NaN, heapAtStart: null, heapAfter: null },
    maxShardHeapBytes: null,
    heapTargetBytes: SHARD_HEAP_TARGET_BYTES,
    ratioTarget: SHARD_RATIO_TARGET,
    method,
    workerdCpu: { measured: false, note: "" },
    classes: [],
    problems: [],
    milliseconds: NaN,
  };

  const servers: DevServer[] = [];
  let router: DevServer | undefined;
  try {
    for (const [n, shard] of sharded.shards.entries()) {
      const assets = servableAssets(shard.folder, path.join(root, `shard-${n}-parts`));
      if (assets.split) result.problems.push(`shard ${n} has a file over the 25 MiB asset limit: served from parts (serve/chunked.ts), not deployable`);
      log(`starting wrangler dev (shard ${n} of ${count})`);
      const server = await startDev({
        config: sharded.configs.shards[n]!,
        bundle: phase.bundleFor(assets.split),
        assetsDir: assets.dir,
        logName: logName(`dev-shard-${n}`),
        readyTimeoutMs: 90_000 + 2 * perShard[n]!.files,
      });
      servers.push(server);
      perShard[n]!.readyMs = server.readyMs;
    }
    log(`starting wrangler dev (router of ${count} shards)`);
    router = await startDev({ config: sharded.configs.router, bundle: phase.bundleFor(false), assetsDir: sharded.routerFolder, logName: logName("dev-router") });
    result.router.readyMs = router.readyMs;

    // As every start of the bench: no inspector Network events (each asset read, each call to a shard) from here on.
    for (const [n, server] of servers.entries()) {
      const heap = await workerdHeap(server, logName(`heap-at-start-shard-${n}`), true);
      if (heap.ok) perShard[n]!.heapAtStart = heap.value;
      else throw new Error(`inspector of shard ${n}: ${heap.reason}`);
    }
    const routerHeap = await workerdHeap(router, logName("heap-at-start-router"), true);
    if (routerHeap.ok) result.router.heapAtStart = routerHeap.value;
    else throw new Error(`inspector of the router: ${routerHeap.reason}`);

    await waitHealthy(router, count);

    const groups = cpuGroups(router, servers, result);
    if (groups) result.cpuFloor = { router: await cpuOfWarm(router, groups.router), shard: await cpuOfWarm(servers[0]!, groups.shards[0]!) };
    for (const queryCase of phase.cases) {
      log(`class ${queryCase.class} (${JSON.stringify(queryCase.q)}): the router, then each shard alone, then all at once`);
      result.classes.push(await measureClass(queryCase, router, servers, groups, method));
    }

    for (const [n, server] of servers.entries()) {
      const heap = await workerdHeap(server, logName(`heap-after-shard-${n}`));
      if (heap.ok) perShard[n]!.heapAfter = heap.value;
      else result.problems.push(`heap of shard ${n} after the classes: ${heap.reason}`);
    }
    const after = await workerdHeap(router, logName("heap-after-router"));
    if (after.ok) result.router.heapAfter = after.value;
    else result.problems.push(`heap of the router after the classes: ${after.reason}`);
    const heaps = perShard.flatMap((shard) => (shard.heapAfter ? [shard.heapAfter.usedBytes] : []));
    result.maxShardHeapBytes = heaps.length === count ? Math.max(...heaps) : null;
  } catch (error) {
    return { shards: count, failed: (error as Error).message };
  } finally {
    await router?.stop();
    await Promise.all(servers.map((server) => server.stop()));
  }

  // With every server stopped: each shard's artifact in Node.
  log(`each shard's artifact in Node (${phase.cases.length} classes)`);
  const foldersFile = writeChildInput(root, "shard-folders.json", sharded.shards.map((shard) => shard.folder));
  const probe = await runChild<ShardProbeOutcome>("probe-shards", ["--shards", foldersFile, "--queries", phase.queriesFile, "--budget-ms", String(phase.queryBudgetMs)], {
    timeoutMs: PROBE_TIMEOUT_MS,
    logName: logName("probe"),
  });
  if (!probe.ok) result.problems.push(`Node probe of the shards: ${probe.reason}`);
  result.classes.forEach((timing, i) => {
    if (!probe.ok) return;
    const perShardNode = probe.value.shards.map((shard) => shard.classes[i]?.timing ?? null);
    const error = probe.value.shards.map((shard) => shard.classes[i]?.error).find((message) => message !== undefined);
    const cpu = perShardNode.map((node) => node?.cpu.median ?? NaN);
    const complete = cpu.every(Number.isFinite);
    timing.node = {
      shards: perShardNode,
      cpuSumMs: complete ? cpu.reduce((sum, ms) => sum + ms, 0) : null,
      cpuMaxMs: complete ? Math.max(...cpu) : null,
      cpuMaxP99Ms: complete ? Math.max(...perShardNode.map((node) => node!.cpu.p99)) : null,
      ...(error !== undefined && { error }),
    };
  });
  result.milliseconds = performance.now() - started;
  return result;
}

/** <root>/whole: a link to our artifact, which writeShards reads (and never writes). */
function linkWhole(root: string, wholeAssets: string): void {
  mkdirSync(root, { recursive: true });
  const link = path.join(root, SHARDED_LAYOUT.whole);
  try {
    if (lstatSync(link).isSymbolicLink()) unlinkSync(link);
    else rmSync(link, { recursive: true, force: true });
  } catch {
    // Nothing there yet.
  }
  symlinkSync(wholeAssets, link, "dir");
}

/** Each shard count's Workers have names of their own, so the dev registry never finds another run's (or `npm run dev`'s). */
function workerName(corpus: string, count: number): string {
  return `corpus-search-bench-${corpus}-x${count}`;
}

/** The bench Worker's compatibility date (scripts/bench/wrangler.toml), for the configurations writeShards writes. */
function compatibilityDate(): string {
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync(OURS_CONFIG, "utf8"))?.[1];
  if (!date) throw new Error(`${OURS_CONFIG} names no compatibility_date`);
  return date;
}

/** A shard's assets: files, bytes, the largest file, the start-up files, the plan its file count fits. */
function sizesOf(folder: string): Pick<ShardServed, "files" | "bytes" | "largestFileBytes" | "startupBytes" | "plan"> {
  const files = readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
  let bytes = 0;
  let largestFileBytes = 0;
  for (const file of files) {
    const size = statSync(file).size;
    bytes += size;
    largestFileBytes = Math.max(largestFileBytes, size);
  }
  const startupBytes = startupFilesOf("ours", folder).reduce((sum, file) => sum + statSync(file).size, 0);
  const plan = files.length > ASSET_LIMITS.paidFiles ? "over" : files.length > ASSET_LIMITS.freeFiles ? "paid" : "free";
  return { files: files.length, bytes, largestFileBytes, startupBytes, plan };
}

/** Until the router's /health answers 200 with every shard: the dev registry has found them all. */
async function waitHealthy(router: DevServer, count: number): Promise<void> {
  const deadline = performance.now() + HEALTH_TIMEOUT_MS;
  let last = "";
  while (performance.now() < deadline) {
    try {
      const response = await fetch(`${router.url}/health`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      const text = await response.text();
      if (response.ok) {
        const shards = (JSON.parse(text) as { shards?: unknown[] }).shards;
        if (shards?.length === count) return;
        throw new Error(`the router's /health lists ${shards?.length ?? "no"} shards, not ${count}: ${text.slice(0, 200)}`);
      }
      last = `${response.status}: ${text.slice(0, 300)}`;
    } catch (error) {
      if ((error as Error).message.startsWith("the router's")) throw error;
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the router's /health did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s (last: ${last})`);
}

interface CpuGroups {
  router: ProcessGroup;
  shards: ProcessGroup[];
}

/** Every wrangler dev's processes, when /proc tells their CPU time and each runs one runtime workerd; else null, and why in the result. */
function cpuGroups(router: DevServer, shards: readonly DevServer[], result: ShardsResult): CpuGroups | null {
  if (!procCpuAvailable()) {
    result.workerdCpu = { measured: false, note: "no /proc/<pid>/schedstat on this system: workerd's CPU is not read (the Node per-shard CPU stands in)" };
    return null;
  }
  const groups = { router: processGroup(router.pid), shards: shards.map((shard) => processGroup(shard.pid)) };
  const odd = [groups.router, ...groups.shards].find((group) => group.runtime.length !== 1);
  if (odd) {
    result.workerdCpu = { measured: false, note: `wrangler dev (process group ${odd.pgid}) runs ${odd.runtime.length} workerd processes with an inspector, not one: which is the Worker's is unclear` };
    return null;
  }
  const proxies = [groups.router, ...groups.shards].reduce((sum, group) => sum + group.proxy.length, 0);
  result.workerdCpu = {
    measured: true,
    note: `per thread from /proc/<pid>/task/*/schedstat around each router request: ${1 + shards.length} runtime workerd processes (the Worker's isolate with miniflare's entry and asset workers), ${proxies} proxy workerd processes and wrangler's Node processes, apart`,
  };
  return groups;
}

/** The runtime workerd's CPU per request for the 404 the Worker answers without its index: FLOOR_RUNS of them after warm-up. */
async function cpuOfWarm(server: DevServer, group: ProcessGroup): Promise<Summary> {
  const url = `${server.url}${WARM_PATH}`;
  for (let i = 0; i < WARMUP_RUNS; i++) await timed(url);
  const samples: number[] = [];
  for (let i = 0; i < FLOOR_RUNS; i++) {
    const before = groupCpu(group);
    await timed(url);
    samples.push(cpuMsBetween(before, groupCpu(group)).runtime);
  }
  return summarize(samples);
}

async function measureClass(
  queryCase: QueryCase,
  router: DevServer,
  shards: readonly DevServer[],
  groups: CpuGroups | null,
  method: ShardsResult["method"],
): Promise<ShardClassResult> {
  const base = { class: queryCase.class, q: queryCase.q, adversarial: queryCase.adversarial };
  let body: string;
  try {
    // What the router sends each shard (shards/router.ts): its validated request, the parsed query left out.
    // The router's first question for a first page: its best `limit` hits, with their content.
    const request = shardRequest(parseSearchRequest(new URLSearchParams({ q: queryCase.q })));
    body = JSON.stringify({ request, first: 0, content: request.limit });
  } catch (error) {
    return { ...base, error: `refused: ${(error as Error).message}` };
  }
  const searchUrl = `${router.url}/search?q=${encodeURIComponent(queryCase.q)}`;
  const askShard = (shard: DevServer) => timed(`${shard.url}${SHARD_PATHS.search}`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
  const samples = {
    router: [] as number[],
    shards: shards.map(() => [] as number[]),
    slowest: [] as number[],
    together: [] as number[],
    cpu: { router: [] as number[], shardsSum: [] as number[], shardMax: [] as number[], total: [] as number[], proxy: [] as number[], other: [] as number[] },
    alone: shards.map(() => [] as number[]),
  };
  const readAll = (all: CpuGroups) => ({ router: groupCpu(all.router), shards: all.shards.map(groupCpu) });
  const repetition = async (record: boolean) => {
    const before = groups ? readAll(groups) : null;
    const routed = checked(await timed(searchUrl), "the router");
    const after = groups ? readAll(groups) : null;
    const alone: number[] = [];
    const aloneCpu: number[] = [];
    for (const [n, shard] of shards.entries()) {
      const cpuBefore: GroupCpu | null = groups ? groupCpu(groups.shards[n]!) : null;
      alone.push(checked(await askShard(shard), `shard ${n}`).ms);
      if (groups && cpuBefore) aloneCpu.push(cpuMsBetween(cpuBefore, groupCpu(groups.shards[n]!)).runtime);
    }
    const sent = performance.now();
    (await Promise.all(shards.map(askShard))).forEach((answer, n) => checked(answer, `shard ${n}, all at once`));
    const together = performance.now() - sent;
    if (!record) return;
    samples.router.push(routed.ms);
    alone.forEach((ms, n) => samples.shards[n]!.push(ms));
    samples.slowest.push(Math.max(...alone));
    samples.together.push(together);
    if (before && after) {
      const routerCpu = cpuMsBetween(before.router, after.router);
      const shardCpu = after.shards.map((cpu, n) => cpuMsBetween(before.shards[n]!, cpu));
      const shardsSum = shardCpu.reduce((sum, cpu) => sum + cpu.runtime, 0);
      samples.cpu.router.push(routerCpu.runtime);
      samples.cpu.shardsSum.push(shardsSum);
      samples.cpu.shardMax.push(Math.max(...shardCpu.map((cpu) => cpu.runtime)));
      samples.cpu.total.push(routerCpu.runtime + shardsSum);
      samples.cpu.proxy.push([routerCpu, ...shardCpu].reduce((sum, cpu) => sum + cpu.proxy, 0));
      samples.cpu.other.push([routerCpu, ...shardCpu].reduce((sum, cpu) => sum + cpu.other, 0));
      aloneCpu.forEach((ms, n) => samples.alone[n]!.push(ms));
    }
  };

  let totals: { router: number; shards: number[] };
  try {
    // Once, checked: what the router and each shard answer (their totals are kept).
    const routed = checked(await timed(searchUrl), "the router");
    const answers = [];
    for (const [n, shard] of shards.entries()) answers.push(checked(await askShard(shard), `shard ${n}`));
    totals = {
      router: (JSON.parse(routed.text) as { total: number }).total,
      shards: answers.map((answer) => (JSON.parse(answer.text) as { answer: { total: number } }).answer.total),
    };
    const warmupEnd = performance.now() + method.budgetMs / 4;
    for (let i = 0; i < method.warmupRuns && performance.now() < warmupEnd; i++) await repetition(false);
    const end = performance.now() + method.budgetMs;
    let runs = 0;
    while (runs < method.maxRuns && (runs < method.minRuns || performance.now() < end)) {
      await repetition(true);
      runs++;
    }
  } catch (error) {
    return { ...base, error: (error as Error).message };
  }
  const routerTimes = summarize(samples.router);
  const slowest = summarize(samples.slowest);
  return {
    ...base,
    runs: samples.router.length,
    router: routerTimes,
    shards: samples.shards.map(summarize),
    slowest,
    together: summarize(samples.together),
    ratioP50: ratio(routerTimes.median, slowest.median),
    ratioP99: ratio(routerTimes.p99, slowest.p99),
    totals,
    ...(groups && {
      workerdCpu: {
        router: summarize(samples.cpu.router),
        shardsSum: summarize(samples.cpu.shardsSum),
        shardMax: summarize(samples.cpu.shardMax),
        total: summarize(samples.cpu.total),
        proxy: summarize(samples.cpu.proxy),
        other: summarize(samples.cpu.other),
      },
      shardAloneCpu: samples.alone.map(summarize),
    }),
  };
}

interface Timed {
  ms: number;
  status: number;
  text: string;
}

/** One request, its answer read whole, timed from the client. */
async function timed(url: string, init?: RequestInit): Promise<Timed> {
  const sent = performance.now();
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const text = await response.text();
  return { ms: performance.now() - sent, status: response.status, text };
}

function checked(answer: Timed, who: string): Timed {
  if (answer.status !== 200) throw new Error(`${who} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  return answer;
}
