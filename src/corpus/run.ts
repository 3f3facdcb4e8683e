/**
 * The whole build, streaming: memory holds the documents' metadata, one
 * batch per thread and one record per batch in the merge, never the corpus.
 *
 *   1. scan: read each file once, check it, make its document and keep all
 *      but the text (and the file's digest);
 *   2. plan: browse order, text chunks, batches (assemble.ts);
 *   3. index: batches on worker threads, each writing its text chunks to the
 *      staging folder and its term records to a run file;
 *   4. merge the run files into the vocabulary's blocks, write the rest, and
 *      publish (write.ts).
 * Any problem (unless skipInvalid) discards the staging folder: the previous
 * artifact stays current.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { ArtifactManifest } from "../search/artifact";
import { compareStrings } from "../strings";
import { ARTIFACT_FORMAT } from "../search/options";
import { digestOf, DocumentFacts, finishArtifact, planArtifact, type ArtifactLayout, type DocumentEntry } from "./assemble";
import { runBatchJob, type BatchJob, type BatchOutcome } from "./batch-job";
import { contentHashOf, DocumentCollector, LAYOUT, type FileDigest } from "./build";
import { capacityWarnings } from "./capacity";
import { mergeBatches } from "./merge";
import { DEFAULT_MAX_FILE_BYTES, listCorpus, readDocumentFile, type CorpusProblem } from "./read";
import { readRun } from "./run-file";
import { StagedBuild } from "./write";

export interface BuildOptions {
  corpusDir: string;
  /** Folder served as the Worker's static assets (wrangler.toml `assets.directory`). */
  assetsDir: string;
  /** Skip bad files with a warning instead of failing the build. */
  skipInvalid?: boolean;
  maxFileBytes?: number;
  /** Worker threads that index batches; 0 indexes in this thread. Default: one per core, when there is more than one batch. */
  threads?: number;
  /** How the artifact is cut into files (tests make blocks and batches small). */
  layout?: ArtifactLayout;
  /** Told how far the build is, stage by stage. */
  onProgress?: (progress: BuildProgress) => void;
}

export interface BuildProgress {
  stage: "scan" | "index" | "merge";
  done: number;
  total: number;
}

export interface BuildReport {
  ok: boolean;
  /** The build folder the artifact was written to (only when ok). */
  artifactPath: string;
  documents: number;
  sources: Record<string, number>;
  bytesIn: number;
  bytesOut: number;
  /** Files in the artifact (the manifest included). */
  filesOut: number;
  milliseconds: number;
  /** Files that failed the build (or were skipped, with skipInvalid). */
  problems: CorpusProblem[];
  warnings: string[];
  /** Files ignored for their extension. */
  ignored: number;
}

/** A document as the first pass keeps it: no text. */
interface ScannedDocument extends DocumentEntry, FileDigest {}

/** Runs the build; on any problem (unless skipInvalid) nothing is published. */
export async function buildCorpus(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const layout = options.layout ?? LAYOUT;
  const progress = options.onProgress ?? (() => {});
  const listing = await listCorpus(options.corpusDir);
  const problems: CorpusProblem[] = [...listing.problems];
  const manifestFile = listing.manifest ? await readDocumentFile(options.corpusDir, listing.manifest, maxFileBytes, problems) : null;

  // 1. Scan.
  const collector = new DocumentCollector(manifestFile, (document, file): ScannedDocument => {
    const { text, ...record } = document;
    return { ...record, textLength: text.length, path: file.path, size: file.bytes.length, digest: digestOf(file.bytes) };
  });
  for (const [done, relative] of listing.documents.entries()) {
    const file = await readDocumentFile(options.corpusDir, relative, maxFileBytes, problems);
    if (file) collector.add(file);
    if (done % 1000 === 0) progress({ stage: "scan", done, total: listing.documents.length });
  }
  const scanned = collector.finish();
  problems.push(...scanned.problems);
  problems.sort((a, b) => compareStrings(a.path, b.path));
  const documents = scanned.documents;
  const report: BuildReport = {
    ok: false,
    artifactPath: "",
    documents: documents.length,
    sources: {},
    bytesIn: documents.reduce((sum, document) => sum + document.size, 0),
    bytesOut: 0,
    filesOut: 0,
    milliseconds: 0,
    problems,
    warnings: scanned.warnings,
    ignored: listing.ignored.length,
  };
  if (documents.length === 0 && listing.exists) {
    problems.push({ path: options.corpusDir, reason: "empty corpus: no .txt or .md document with text in it" });
  }
  if (documents.length === 0 || (problems.length > 0 && !options.skipInvalid)) return finished(report, started);

  // 2. Plan; 3. index.
  const plan = planArtifact(documents, layout);
  const staged = await StagedBuild.open(options.assetsDir);
  const runsDir = await mkdtemp(path.join(tmpdir(), "corpus-runs-"));
  try {
    const jobs = plan.batches.map(
      ({ first, count, chunks }, n): BatchJob => ({
        corpusDir: options.corpusDir,
        maxFileBytes,
        stagingDir: staged.folder,
        runFile: path.join(runsDir, `${n}.run`),
        first,
        files: documents.slice(first, first + count).map(({ path: file, digest }) => ({ path: file, digest, given: collector.given(file) })),
        chunks,
      }),
    );
    await Promise.all(jobs.flatMap((job) => job.chunks.map((chunk) => staged.ensureFolder(`text/${chunk.number}.json`))));
    const threads = options.threads ?? (jobs.length > 1 ? Math.min(availableParallelism(), jobs.length) : 0);
    const facts = new DocumentFacts(documents.length);
    const outcomes = await runJobs(jobs, threads, (outcome, done) => {
      facts.add(outcome);
      // Copied into the facts' typed arrays: the outcome's lists can go.
      [outcome.fieldLengths, outcome.stopWords] = [[[], []], []];
      progress({ stage: "index", done, total: documents.length });
    });
    const changed = outcomes.flatMap((outcome) => outcome.problems);
    if (changed.length > 0) {
      problems.push(...changed);
      problems.sort((a, b) => compareStrings(a.path, b.path));
      await staged.discard();
      return finished(report, started);
    }
    for (const outcome of outcomes) for (const [name, bytes, digest] of outcome.texts) staged.register(name, bytes, digest);

    // 4. Merge, finish, publish.
    progress({ stage: "merge", done: 0, total: 1 });
    const blocks = mergeBatches(jobs.map((job) => readRun(job.runFile)), staged, plan.blocks);
    const byPath = [...documents].sort((a, b) => compareStrings(a.path, b.path));
    const manifestDigest = manifestFile && { path: manifestFile.path, size: manifestFile.bytes.length, digest: digestOf(manifestFile.bytes) };
    const contentHash = contentHashOf(byPath, manifestDigest);
    const index = finishArtifact(documents, plan, facts, blocks, { contentHash, buildVersion: packageVersion() }, staged);
    progress({ stage: "merge", done: 1, total: 1 });
    const files = staged.files();
    report.artifactPath = await staged.publish((build) => manifestOf(build));
    report.ok = true;
    report.sources = index.meta.sources;
    report.bytesOut = files.reduce((sum, [, bytes]) => sum + bytes, 0) + manifestOf(path.basename(report.artifactPath)).length;
    report.filesOut = files.length + 1;
    report.warnings.push(...capacityWarnings(files));
  } catch (error) {
    await staged.discard();
    throw error;
  } finally {
    await rm(runsDir, { recursive: true, force: true });
  }
  return finished(report, started);
}

function manifestOf(build: string): Uint8Array {
  const manifest: ArtifactManifest = { artifactFormat: ARTIFACT_FORMAT, build };
  return new TextEncoder().encode(JSON.stringify(manifest));
}

function finished(report: BuildReport, started: number): BuildReport {
  report.milliseconds = Math.round(performance.now() - started);
  return report;
}

/**
 * Runs the jobs on `threads` worker threads (in this thread when 0), each
 * thread taking the next job as it finishes one; outcomes in job order.
 */
async function runJobs(jobs: readonly BatchJob[], threads: number, onOutcome: (outcome: BatchOutcome, documentsDone: number) => void): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = new Array(jobs.length);
  let [next, documents] = [0, 0];
  const finish = (i: number, outcome: BatchOutcome) => {
    outcomes[i] = outcome;
    documents += jobs[i]!.files.length;
    onOutcome(outcome, documents);
  };
  if (threads === 0) {
    for (const [i, job] of jobs.entries()) finish(i, await runBatchJob(job));
    return outcomes;
  }
  const bootstrap = new URL("./worker-bootstrap.mjs", import.meta.url);
  const entry = new URL("./batch-worker.ts", import.meta.url).href;
  const workers = Array.from({ length: threads }, () => new Worker(bootstrap, { workerData: { entry } }));
  try {
    await Promise.all(
      workers.map(async (worker) => {
        while (next < jobs.length) {
          const i = next++;
          finish(i, await onWorker(worker, jobs[i]!));
        }
      }),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return outcomes;
}

function onWorker(worker: Worker, job: BatchJob): Promise<BatchOutcome> {
  return new Promise((resolve, reject) => {
    const settle = (message: { outcome?: BatchOutcome; error?: string }) => {
      worker.off("error", reject);
      if (message.outcome) resolve(message.outcome);
      else reject(new Error(`a build thread failed: ${message.error}`));
    };
    worker.once("message", settle);
    worker.once("error", reject);
    worker.postMessage(job);
  });
}

function packageVersion(): string {
  const packageJson = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
}
