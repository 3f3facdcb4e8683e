/**
 * The build's stages, each timed and its peak RSS kept, from inside the
 * build's own process (children/build-ours.ts), as buildCorpus's onProgress
 * tells them.
 *
 * The passages stage is minutes of synchronous work on the main thread, when
 * none of its timers fire: the RSS is sampled by a worker thread every
 * SAMPLE_MS, which runs regardless, and by the main thread at every report,
 * so that a stage shorter than the interval still has a peak. The sampler's
 * own thread adds a few MiB to every figure.
 *
 * A stage runs from its first report (done: 0, as it starts) to the next
 * stage's first report, the last one to the end of the build.
 */
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import type { BuildProgress } from "../../src/corpus/run";

export type StageName = BuildProgress["stage"];

/** What one stage cost. */
export interface StageCost {
  name: StageName;
  milliseconds: number;
  peakRssMiB: number;
}

/** The order the build goes through them; a Record, so that a stage added to BuildProgress fails to compile here. */
const ORDER: Record<StageName, number> = { scan: 0, index: 1, passages: 2, merge: 3 };
const STAGES = (Object.keys(ORDER) as StageName[]).sort((a, b) => ORDER[a] - ORDER[b]);

export const SAMPLE_MS = 50;

/** Plain JavaScript, eval'd in the worker: the largest RSS seen in each stage, the stage the main thread is in. */
const SAMPLER = `
const { workerData } = require("node:worker_threads");
const current = new Int32Array(workerData.current);
const peaks = new Float64Array(workerData.peaks);
setInterval(() => {
  const stage = Atomics.load(current, 0);
  peaks[stage] = Math.max(peaks[stage], process.memoryUsage.rss());
}, ${SAMPLE_MS});
`;

/** A stage that has reported: when it started, and the largest RSS the main thread saw in it, at reports. */
interface Started {
  stage: number;
  startedAt: number;
  peakRss: number;
}

export class StageWatch {
  private readonly started: Started[] = [];
  /** Shared with the sampler: the stage the build is in, and each stage's largest RSS the sampler saw. */
  private readonly current = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  private readonly sampled = new Float64Array(new SharedArrayBuffer(STAGES.length * Float64Array.BYTES_PER_ELEMENT));
  private readonly sampler = new Worker(SAMPLER, { eval: true, workerData: { current: this.current.buffer, peaks: this.sampled.buffer } });

  /** Once the sampler runs: the build starts when this returns. */
  static async start(): Promise<StageWatch> {
    const watch = new StageWatch();
    await once(watch.sampler, "online");
    return watch;
  }

  /** For buildCorpus's onProgress. */
  readonly onProgress = (progress: BuildProgress): void => {
    const rss = process.memoryUsage.rss();
    const stage = ORDER[progress.stage];
    const last = this.started.at(-1);
    if (last) last.peakRss = Math.max(last.peakRss, rss);
    if (last && stage <= last.stage) return;
    this.started.push({ stage, startedAt: performance.now(), peakRss: rss });
    Atomics.store(this.current, 0, stage);
  };

  /** Stops the sampler; each stage that reported, its time up to the next one's start (the last: `endedAt`, the build's end) and its peak RSS. */
  async finish(endedAt: number): Promise<StageCost[]> {
    const last = this.started.at(-1);
    if (last) last.peakRss = Math.max(last.peakRss, process.memoryUsage.rss());
    await this.sampler.terminate();
    return this.started.map(({ stage, startedAt, peakRss }, i) => ({
      name: STAGES[stage]!,
      milliseconds: (this.started[i + 1]?.startedAt ?? endedAt) - startedAt,
      peakRssMiB: Math.max(peakRss, this.sampled[stage]!) / 2 ** 20,
    }));
  }
}
