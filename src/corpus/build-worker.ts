/** A worker thread of the build: runs the jobs it is sent (threads.ts), one at a time, and answers each. */
import { parentPort } from "node:worker_threads";
import { runJob, type BuildJob } from "./threads";

parentPort!.on("message", (job: BuildJob) => {
  runJob(job).then(
    (outcome) => parentPort!.postMessage({ outcome }),
    (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
