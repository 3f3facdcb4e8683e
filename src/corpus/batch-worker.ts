/** A worker thread of the streaming build: runs the batch jobs it is sent, one at a time, and answers each. */
import { parentPort } from "node:worker_threads";
import { runBatchJob, type BatchJob } from "./batch-job";

parentPort!.on("message", (job: BatchJob) => {
  runBatchJob(job).then(
    (outcome) => parentPort!.postMessage({ outcome }),
    (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
