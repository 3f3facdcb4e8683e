/** The shards phase's tables (scripts/bench/shards.ts): nothing when it did not run. */
import type { QueryTiming } from "./children/probe-types";
import { failedText, fixed, kib, mib, ms, quoted, section, times } from "./format";
import { isFailed, type BenchResults, type CorpusResult, type ShardsResult } from "./results";
import { ratio, type Summary } from "./stats";

/** Workers' CPU limits per invocation: the free plan's, and the paid plans' default. */
export const CPU_LIMITS_MS = { free: 10, paid: 30_000 } as const;

export function shardsTables(results: BenchResults): string[] {
  const runs = results.corpora.filter((corpus) => corpus.shards && corpus.shards.length > 0);
  if (runs.length === 0) return [];
  const { machine } = results.environment;
  const method = runs.flatMap((corpus) => corpus.shards!).find((run): run is ShardsResult => !isFailed(run))?.method;
  const repetitions = method
    ? `${method.warmupRuns} warm-up repetitions, then repetitions for ${fixed(method.budgetMs / 1000, 1)} s, at least ${method.minRuns}, at most ${method.maxRuns}`
    : "no class was timed";
  return [
    section(
      `Shards: our artifact split (writeShards, in a fresh Node process) and served as \`npm run dev\` serves it: a wrangler dev per shard, then the router's (service bindings through wrangler's dev registry); machine: ${machine.cpu}, ${machine.cores} cores, which the router's and every shard's workerd share; per shard: documents, files, MiB, separated by /; heap = V8 used heap after a GC, MiB, at start / after every class; target ≤ ${mib(runs.flatMap((corpus) => corpus.shards!).find((run): run is ShardsResult => !isFailed(run))?.heapTargetBytes ?? NaN)} MiB a shard (! past it)`,
      splitTable(runs),
    ),
    section(
      `Shards: query classes (ms from the client, median / p99 over repetitions, warm: ${repetitions}; each repetition: GET /search?q=… on the router, then POST /_shard/search with the router's own request to each shard on its own port, one after the other (each alone), then to every shard at once from the client; slowest = per repetition the slowest shard alone; ÷ = router ÷ slowest shard, target ≤ ${fixed(targetRatio(runs), 1)}× (! past it); at once = the client asking every shard at once, as the router does, without it; hits = router / the shards added up / the whole artifact in Node; * adversarial)`,
      classTable(runs),
    ),
    section(
      `Shards: CPU per request (ms, median / p99; workerd = CPU time of the runtime workerd processes read from /proc around each router request: the router's, the shards' added up, the largest shard's, all of them (each holds the Worker's isolate and miniflare's entry and static-assets workers: an upper bound of the Worker's own); proxy = wrangler's proxy workerd processes, wrangler = its Node processes, local dev only; in Node = each shard's artifact answering as the shard does (rankedAnswer, every facet value), CPU medians added up, the largest shard's median / p99, against the whole artifact's search() in Node (the bench's own probe); plan = the plan whose CPU limit per invocation the p99 fits, in workerd the router's or the largest shard's (an invocation each), in Node the largest shard's: ${CPU_LIMITS_MS.free} ms free, ${CPU_LIMITS_MS.paid / 1000} s the paid plans' default; the 404 column of the first table is the local stack's CPU for a request that touches no index)`,
      cpuTable(runs),
    ),
  ];
}

/** Lines for the notes: what failed, what the split warned, what the phase met on the way. */
export function shardsNotes(corpus: CorpusResult): string[] {
  const lines: string[] = [];
  for (const run of corpus.shards ?? []) {
    if (isFailed(run)) {
      if (!run.skipped) lines.push(`${corpus.name}, ${run.shards} shards: ${run.failed}`);
      continue;
    }
    lines.push(`${corpus.name}, ${run.shards} shards: ${(run.milliseconds / 60000).toFixed(1)} min; workerd CPU: ${run.workerdCpu.note}`);
    for (const warning of run.split.warnings) lines.push(`${corpus.name}, ${run.shards} shards: the split warned: ${warning}`);
    for (const problem of run.problems) lines.push(`${corpus.name}, ${run.shards} shards: ${problem}`);
    for (const timing of run.classes) {
      if (timing.error) lines.push(`${corpus.name}, ${run.shards} shards, ${timing.class}: ${timing.error}`);
      if (timing.node?.error) lines.push(`${corpus.name}, ${run.shards} shards, ${timing.class}, in Node: ${timing.node.error}`);
      if (timing.totals && timing.totals.router !== sum(timing.totals.shards)) {
        lines.push(`${corpus.name}, ${run.shards} shards, ${timing.class}: the router counts ${timing.totals.router} hits, the shards ${timing.totals.shards.join(" + ")}`);
      }
    }
  }
  return lines;
}

function targetRatio(runs: readonly CorpusResult[]): number {
  return runs.flatMap((corpus) => corpus.shards!).find((run): run is ShardsResult => !isFailed(run))?.ratioTarget ?? NaN;
}

function splitTable(corpora: readonly CorpusResult[]): string[][] {
  const rows = [
    [
      "corpus",
      "shards",
      "split s",
      "peak RSS MiB",
      "documents",
      "files",
      "MiB",
      "largest MiB",
      "start-up KiB",
      "plan",
      "ready s",
      "heap at start",
      "heap after",
      "largest heap",
      "router heap",
      "404 CPU router / shard",
    ],
  ];
  for (const corpus of corpora) {
    for (const run of corpus.shards!) {
      if (isFailed(run)) {
        rows.push([corpus.name, String(run.shards), failedText(run.failed, run.skipped)]);
        continue;
      }
      const each = (pick: (shard: ShardsResult["perShard"][number]) => string) => run.perShard.map(pick).join(" / ");
      const plans = [...new Set(run.perShard.map((shard) => shard.plan))];
      const largestHeap = run.maxShardHeapBytes;
      rows.push([
        corpus.name,
        String(run.shards),
        fixed(run.split.milliseconds / 1000, 1),
        fixed(run.split.peakRssMiB, 0),
        each((shard) => String(shard.documents)),
        each((shard) => String(shard.files)),
        each((shard) => mib(shard.bytes)),
        mib(Math.max(...run.perShard.map((shard) => shard.largestFileBytes))),
        each((shard) => kib(shard.startupBytes)),
        plans.join(", "),
        each((shard) => fixed(shard.readyMs / 1000, 1)),
        each((shard) => mib(shard.heapAtStart?.usedBytes)),
        each((shard) => mib(shard.heapAfter?.usedBytes)),
        largestHeap === null ? "—" : `${mib(largestHeap)}${largestHeap > run.heapTargetBytes ? "!" : ""}`,
        `${mib(run.router.heapAtStart?.usedBytes)} / ${mib(run.router.heapAfter?.usedBytes)}`,
        run.cpuFloor ? `${ms(run.cpuFloor.router.median)} / ${ms(run.cpuFloor.shard.median)}` : "—",
      ]);
    }
  }
  return rows;
}

function classTable(corpora: readonly CorpusResult[]): string[][] {
  const rows = [
    [
      "corpus",
      "shards",
      "class",
      "query",
      "router p50",
      "p99",
      "slowest p50",
      "p99",
      "÷ p50",
      "÷ p99",
      "at once p50",
      "p99",
      "router ÷ at once p50",
      "each shard alone p50",
      "runs",
      "hits",
    ],
  ];
  for (const corpus of corpora) {
    for (const run of corpus.shards!) {
      if (isFailed(run)) continue;
      for (const timing of run.classes) {
        const name = `${timing.class}${timing.adversarial ? "*" : ""}`;
        if (timing.error || !timing.router || !timing.slowest || !timing.together) {
          rows.push([corpus.name, String(run.shards), name, quoted(timing.q, 24), failedText(timing.error ?? "not timed")]);
          continue;
        }
        const whole = wholeTiming(corpus, timing.class);
        rows.push([
          corpus.name,
          String(run.shards),
          name,
          quoted(timing.q, 24),
          ms(timing.router.median),
          ms(timing.router.p99),
          ms(timing.slowest.median),
          ms(timing.slowest.p99),
          againstTarget(timing.ratioP50 ?? null, run.ratioTarget),
          againstTarget(timing.ratioP99 ?? null, run.ratioTarget),
          ms(timing.together.median),
          ms(timing.together.p99),
          times(ratio(timing.router.median, timing.together.median)),
          (timing.shards ?? []).map((shard) => ms(shard.median)).join(" / "),
          String(timing.runs ?? 0),
          `${timing.totals?.router ?? "—"} / ${timing.totals ? sum(timing.totals.shards) : "—"} / ${whole?.total ?? "—"}`,
        ]);
      }
    }
  }
  return rows;
}

function cpuTable(corpora: readonly CorpusResult[]): string[][] {
  const rows = [
    [
      "corpus",
      "shards",
      "class",
      "workerd router",
      "shards Σ",
      "largest shard",
      "total",
      "proxy",
      "wrangler",
      "in Node: shards Σ p50",
      "largest p50 / p99",
      "whole p50",
      "Σ ÷ whole",
      "plan (workerd / Node)",
    ],
  ];
  const pair = (summary: Summary | undefined) => (summary ? `${ms(summary.median)} / ${ms(summary.p99)}` : "—");
  for (const corpus of corpora) {
    for (const run of corpus.shards!) {
      if (isFailed(run)) continue;
      for (const timing of run.classes) {
        if (timing.error) continue;
        const name = `${timing.class}${timing.adversarial ? "*" : ""}`;
        const cpu = timing.workerdCpu;
        const whole = wholeTiming(corpus, timing.class)?.cpu.median;
        // The plan one invocation needs at p99: in workerd the router's or the largest shard's (the local stack included), in Node the largest shard's.
        const worstWorkerd = cpu ? Math.max(cpu.router.p99, cpu.shardMax.p99) : null;
        rows.push([
          corpus.name,
          String(run.shards),
          name,
          pair(cpu?.router),
          pair(cpu?.shardsSum),
          pair(cpu?.shardMax),
          pair(cpu?.total),
          pair(cpu?.proxy),
          pair(cpu?.other),
          ms(timing.node?.cpuSumMs),
          `${ms(timing.node?.cpuMaxMs)} / ${ms(timing.node?.cpuMaxP99Ms)}`,
          ms(whole),
          times(ratio(timing.node?.cpuSumMs, whole)),
          `${planFor(worstWorkerd)} / ${planFor(timing.node?.cpuMaxP99Ms)}`,
        ]);
      }
    }
  }
  return rows;
}

/** The plan whose CPU limit per invocation a time fits. */
function planFor(cpuMs: number | null | undefined): string {
  if (cpuMs == null || !Number.isFinite(cpuMs)) return "—";
  return cpuMs <= CPU_LIMITS_MS.free ? "free" : cpuMs <= CPU_LIMITS_MS.paid ? "paid" : "over both";
}

/** The whole artifact's timing of a class in Node (the bench's own probe), for the same query. */
function wholeTiming(corpus: CorpusResult, cls: string): QueryTiming["ours"] | undefined {
  if (!corpus.queries || isFailed(corpus.queries)) return undefined;
  return corpus.queries.find((query) => query.class === cls)?.ours;
}

function againstTarget(value: number | null, target: number): string {
  return value === null ? "—" : `${times(value)}${value > target ? "!" : ""}`;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
