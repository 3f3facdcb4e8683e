/** Summaries of repeated measurements: machines are noisy, so medians and tails. */

export interface Summary {
  n: number;
  median: number;
  p99: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile of unsorted samples (p in 0..100); NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    median: median(samples),
    p99: percentile(samples, 99),
    min: samples.length ? Math.min(...samples) : NaN,
    max: samples.length ? Math.max(...samples) : NaN,
  };
}

/** a ÷ b, or null when either side is missing (a ratio of nothing is not 0 or ∞). */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return a / b;
}

/** Wall time (Summary) and CPU time (process.cpuUsage, user + system: every thread of the process) of repeated runs, ms per run. */
export type RunTimes = Summary & { cpu: Summary };

export interface RepeatOptions {
  warmupRuns?: number;
  minRuns?: number;
  maxRuns?: number;
  budgetMs?: number;
}

/** Times fn until the budget is spent (at least minRuns, at most maxRuns), after warm-up. */
export function timeRepeated(fn: () => unknown, options: RepeatOptions = {}): RunTimes {
  const { warmupRuns, minRuns, maxRuns, budgetMs } = { ...REPEAT_DEFAULTS, ...options };
  const warmupEnd = performance.now() + budgetMs / 4;
  for (let i = 0; i < warmupRuns && performance.now() < warmupEnd; i++) fn();
  const samples = new Samples();
  const end = performance.now() + budgetMs;
  while (samples.count < maxRuns && (samples.count < minRuns || performance.now() < end)) {
    const started = samples.start();
    fn();
    samples.stop(started);
  }
  return samples.summary();
}

/** timeRepeated for a function that returns a promise: each run is awaited before the next starts. */
export async function timeRepeatedAsync(fn: () => Promise<unknown>, options: RepeatOptions = {}): Promise<RunTimes> {
  const { warmupRuns, minRuns, maxRuns, budgetMs } = { ...REPEAT_DEFAULTS, ...options };
  const warmupEnd = performance.now() + budgetMs / 4;
  for (let i = 0; i < warmupRuns && performance.now() < warmupEnd; i++) await fn();
  const samples = new Samples();
  const end = performance.now() + budgetMs;
  while (samples.count < maxRuns && (samples.count < minRuns || performance.now() < end)) {
    const started = samples.start();
    await fn();
    samples.stop(started);
  }
  return samples.summary();
}

const REPEAT_DEFAULTS = { warmupRuns: 5, minRuns: 3, maxRuns: 300, budgetMs: 750 };

/** CPU time used by this process since `since`, in ms. */
export function cpuMsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Wall and CPU samples; the CPU clock is read outside the wall clock's span, so reading it costs the wall time nothing. */
class Samples {
  private readonly wall: number[] = [];
  private readonly cpu: number[] = [];

  get count(): number {
    return this.wall.length;
  }

  start(): { cpu: NodeJS.CpuUsage; wall: number } {
    const cpu = process.cpuUsage();
    return { cpu, wall: performance.now() };
  }

  stop(started: { cpu: NodeJS.CpuUsage; wall: number }): void {
    this.wall.push(performance.now() - started.wall);
    this.cpu.push(cpuMsSince(started.cpu));
  }

  summary(): RunTimes {
    return { ...summarize(this.wall), cpu: summarize(this.cpu) };
  }
}
