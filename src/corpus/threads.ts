/**
 * The build's threads: a pool of worker threads that take the build's jobs
 * (a slice of files to scan, a batch to index) one at a time, or none, to
 * run every job in the build's own thread. Outcomes come back in job order
 * whatever order the threads finish in, so the artifact does not depend on
 * how many threads made it.
 */
import { Worker } from "node:worker_threads";
import { runBatchJob, type BatchJob, type BatchOutcome } from "./batch-job";
import { runScanJob, type ScanJob, type ScanOutcome } from "./scan-job";

export type BuildJob = ScanJob | BatchJob;
export type OutcomeOf<J extends BuildJob> = J extends ScanJob ? ScanOutcome : BatchOutcome;

/** Runs one job, in whichever thread calls it. */
export function runJob<J extends BuildJob>(job: J): Promise<OutcomeOf<J>> {
  return (job.kind === "scan" ? runScanJob(job) : runBatchJob(job)) as Promise<OutcomeOf<J>>;
}

export class BuildThreads {
  private workers: Worker[];

  /** Starts `count` worker threads (0: jobs run in this thread). */
  constructor(count: number) {
    // Workers do not inherit the TypeScript loader the build runs under; the bootstrap registers it.
    const bootstrap = new URL("./worker-bootstrap.mjs", import.meta.url);
    const entry = new URL("./build-worker.ts", import.meta.url).href;
    this.workers = Array.from({ length: count }, () => new Worker(bootstrap, { workerData: { entry } }));
  }

  /** Runs the jobs, each thread taking the next as it finishes one; `onOutcome` hears each as it comes. Outcomes in job order. */
  async run<J extends BuildJob>(jobs: readonly J[], onOutcome: (outcome: OutcomeOf<J>, job: J) => void = () => {}): Promise<OutcomeOf<J>[]> {
    const outcomes: OutcomeOf<J>[] = new Array(jobs.length);
    let next = 0;
    const take = async (run: (job: J) => Promise<OutcomeOf<J>>) => {
      while (next < jobs.length) {
        const i = next++;
        outcomes[i] = await run(jobs[i]!);
        onOutcome(outcomes[i]!, jobs[i]!);
      }
    };
    if (this.workers.length === 0) await take(runJob);
    else await Promise.all(this.workers.map((worker) => take((job) => onWorker(worker, job))));
    return outcomes;
  }

  /** Ends the threads, and with them their heaps; jobs run after this run in the calling thread. */
  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

function onWorker<J extends BuildJob>(worker: Worker, job: J): Promise<OutcomeOf<J>> {
  return new Promise((resolve, reject) => {
    const settle = (message: { outcome?: OutcomeOf<J>; error?: string }) => {
      worker.off("error", reject);
      if (message.outcome) resolve(message.outcome);
      else reject(new Error(`a build thread failed: ${message.error}`));
    };
    worker.once("message", settle);
    worker.once("error", reject);
    worker.postMessage(job);
  });
}
