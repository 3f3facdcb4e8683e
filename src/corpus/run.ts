/**
 * The whole build, streaming: memory holds the documents' metadata, one
 * batch per thread and one record per batch in the merge, never the corpus.
 *
 *   1. scan: read each file once, check it, make its document and keep all
 *      but the text (and the file's digest), in slices on worker threads;
 *   2. plan: browse order, text chunks, batches (assemble.ts);
 *   3. index: batches on worker threads, each writing its text chunks to the
 *      staging folder and its term records to a run file;
 *   4. find the passages documents share (passages.ts), from the staged
 *      texts, their words and fingerprints in files beside the batches'
 *      run files, compared a hash partition at a time; each document's
 *      answer, once final, goes to its records and related files, written
 *      a file at a time (record-files.ts);
 *   5. merge the run files into the vocabulary's blocks, write the rest, and
 *      publish (write.ts).
 * Any problem (unless skipInvalid) discards the staging folder: the previous
 * artifact stays current.
 */
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import type { ArtifactManifest } from "../search/artifact";
import { compareStrings } from "../strings";
import { ARTIFACT_FORMAT } from "../search/options";
import { digestOf, DocumentFacts, finishArtifact, planArtifact, type ArtifactLayout } from "./assemble";
import type { BatchJob } from "./batch-job";
import { contentHashOf, DocumentCollector, LAYOUT } from "./build";
import { capacityWarnings } from "./capacity";
import { mergeBatches } from "./merge";
import { DEFAULT_MAX_FILE_BYTES, listCorpus, readDocumentFile, type CorpusListing, type CorpusProblem } from "./read";
import { PassageCorpus, WORDS_PER_PARTITION } from "./passages";
import { RecordFiles } from "./record-files";
import { RELATED_PASSAGES } from "./related";
import { readRun } from "./run-file";
import type { ScanJob, ScannedDocument } from "./scan-job";
import { BuildThreads } from "./threads";
import { emptyCorpusReason } from "./skipped";
import { StagedBuild } from "./write";

export interface BuildOptions {
  corpusDir: string;
  /** Folder served as the Worker's static assets (wrangler.toml `assets.directory`). */
  assetsDir: string;
  /** Skip bad files with a warning instead of failing the build. */
  skipInvalid?: boolean;
  maxFileBytes?: number;
  /** Worker threads that scan and index; 0 runs everything in this thread. Default: one per core, from 1,000 documents. */
  threads?: number;
  /** How the artifact is cut into files (tests make blocks and batches small). */
  layout?: ArtifactLayout;
  /** Told how far the build is, stage by stage. */
  onProgress?: (progress: BuildProgress) => void;
  /** Words of the texts per hash partition of the passages stage (see WORDS_PER_PARTITION); tests make it small. */
  passageWordsPerPartition?: number;
}

/** How far the build is: each stage reports done: 0 as it starts, then as its work gets done; stages come in the order listed. */
export interface BuildProgress {
  stage: "scan" | "index" | "passages" | "merge";
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
  /** Files not read for their extension, by path. */
  ignored: string[];
}

/** Files per scan job: enough that a job's message costs little beside its work. */
const SCAN_JOB_FILES = 500;

/** Below this many documents the build runs in one thread: starting threads costs more than it saves. */
const MIN_DOCUMENTS_FOR_THREADS = 1000;

/** Runs the build; on any problem (unless skipInvalid) nothing is published. */
export async function buildCorpus(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const listing = await listCorpus(options.corpusDir);
  // Started once, for both passes.
  const threads = new BuildThreads(options.threads ?? (listing.documents.length >= MIN_DOCUMENTS_FOR_THREADS ? availableParallelism() : 0));
  try {
    const report = await buildOn(threads, listing, options);
    report.milliseconds = Math.round(performance.now() - started);
    return report;
  } finally {
    await threads.close();
  }
}

async function buildOn(threads: BuildThreads, listing: CorpusListing, options: BuildOptions): Promise<BuildReport> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const progress = options.onProgress ?? (() => {});
  const problems: CorpusProblem[] = [...listing.problems];
  const manifestFile = listing.manifest ? await readDocumentFile(options.corpusDir, listing.manifest, maxFileBytes, problems) : null;
  const collector = new DocumentCollector<ScannedDocument>(manifestFile);
  await scan(threads, listing, collector, options, progress, problems);
  const scanned = collector.finish();
  problems.push(...scanned.problems);
  problems.sort((a, b) => compareStrings(a.path, b.path));
  const documents = scanned.documents;
  const report: BuildReport = {
    ok: false,
    artifactPath: "",
    documents: documents.length,
    sources: {},
    bytesIn: filesOf(documents).reduce((sum, file) => sum + file.size, 0),
    bytesOut: 0,
    filesOut: 0,
    milliseconds: 0,
    problems,
    warnings: scanned.warnings,
    ignored: listing.ignored,
  };
  if (documents.length === 0 && listing.exists) {
    problems.push({ path: options.corpusDir, reason: emptyCorpusReason(listing.ignored, listing.documents.length) });
  }
  if (documents.length === 0 || (problems.length > 0 && !options.skipInvalid)) return report;

  progress({ stage: "index", done: 0, total: documents.length });
  const plan = planArtifact(documents, options.layout ?? LAYOUT);
  const staged = await StagedBuild.open(options.assetsDir);
  const runsDir = await mkdtemp(path.join(tmpdir(), "corpus-runs-"));
  try {
    const jobs = plan.batches.map(
      ({ first, count, chunks }, n): BatchJob => ({
        kind: "index",
        corpusDir: options.corpusDir,
        stagingDir: staged.folder,
        runFile: path.join(runsDir, `${n}.run`),
        first,
        files: documents.slice(first, first + count).map(({ path: file, digest, record }) => ({ path: file, digest, given: collector.given(file), record })),
        mapping: collector.mapping,
        fieldSettings: [...collector.settings],
        chunks,
      }),
    );
    await Promise.all(jobs.flatMap((job) => job.chunks.map((chunk) => staged.ensureFolder(`text/${chunk.number}.json`))));
    const facts = new DocumentFacts(documents.length);
    let indexed = 0;
    const outcomes = await threads.run(jobs, (outcome, job) => {
      facts.add(outcome);
      // Copied into the facts' typed arrays: the outcome's lists can go.
      [outcome.fieldLengths, outcome.stopWords] = [[[], [], []], []];
      progress({ stage: "index", done: (indexed += job.files.length), total: documents.length });
    });
    // The threads' heaps (a batch's tables, and what V8 has not collected of
    // them) are most of the build's memory; the merge needs none of it. At
    // 250,000 e-mails the peak was in the merge, with both threads idle.
    await threads.close();
    const changed = outcomes.flatMap((outcome) => outcome.problems);
    if (changed.length > 0) {
      problems.push(...changed);
      problems.sort((a, b) => compareStrings(a.path, b.path));
      await staged.discard();
      return report;
    }
    for (const outcome of outcomes) for (const [name, bytes, digest] of outcome.texts) staged.register(name, bytes, digest);

    progress({ stage: "passages", done: 0, total: 1 });
    const partitions = Math.max(1, Math.ceil(facts.textWords / (options.passageWordsPerPartition ?? WORDS_PER_PARTITION)));
    const records = new RecordFiles(documents, plan.recordsPerFile, staged);
    await passagesOfStaged(staged.folder, path.join(runsDir, "passages"), plan.textChunks.length, documents, partitions, records);
    const copies = records.finish();
    progress({ stage: "passages", done: 1, total: 1 });
    progress({ stage: "merge", done: 0, total: 1 });
    const blocks = mergeBatches(jobs.map((job) => readRun(job.runFile)), staged, plan.blocks);
    const byPath = filesOf(documents).sort((a, b) => compareStrings(a.path, b.path));
    const manifestDigest = manifestFile && { path: manifestFile.path, size: manifestFile.bytes.length, digest: digestOf(manifestFile.bytes) };
    const contentHash = contentHashOf(byPath, manifestDigest);
    const index = finishArtifact(documents, plan, facts, blocks, { contentHash, buildVersion: packageVersion() }, staged, collector.settings, copies);
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
  return report;
}

/** The first pass: every document file read, checked and made a document (text dropped), in slices on the threads. */
async function scan(
  threads: BuildThreads,
  listing: CorpusListing,
  collector: DocumentCollector<ScannedDocument>,
  options: BuildOptions,
  progress: (progress: BuildProgress) => void,
  problems: CorpusProblem[],
): Promise<void> {
  const jobs: ScanJob[] = [];
  for (let first = 0; first < listing.documents.length; first += SCAN_JOB_FILES) {
    const files = listing.documents.slice(first, first + SCAN_JOB_FILES).map((file) => ({ path: file, given: collector.given(file) }));
    jobs.push({ kind: "scan", corpusDir: options.corpusDir, maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, files, mapping: collector.mapping });
  }
  let done = 0;
  progress({ stage: "scan", done, total: listing.documents.length });
  const scans = await threads.run(jobs, (_, job) => progress({ stage: "scan", done: (done += job.files.length), total: listing.documents.length }));
  for (const { outcomes, problems: unreadable } of scans) {
    problems.push(...unreadable);
    for (const [file, outcome] of outcomes) collector.addOutcome(file, outcome);
  }
}

/**
 * What the documents share, their texts read back from the text chunks the
 * batches staged, a chunk at a time: each text is made words as it is read
 * and not kept. The words and fingerprints go to files in `folder` (beside
 * the batches' run files, not in the staging folder, which is published),
 * removed after. Only what a build keeps is made (RELATED_PASSAGES), and
 * each document's answer goes to `records` as soon as it is final.
 */
async function passagesOfStaged(stagingDir: string, folder: string, chunks: number, documents: readonly ScannedDocument[], partitions: number, records: RecordFiles): Promise<void> {
  await mkdir(folder);
  const corpus = new PassageCorpus({ folder, partitions });
  try {
    let position = 0;
    for (let chunk = 0; chunk < chunks; chunk++) {
      for (const text of JSON.parse(await readFile(path.join(stagingDir, `text/${chunk}.json`), "utf8")) as string[]) corpus.add({ id: documents[position++]!.id, text });
    }
    corpus.forEachDocument(RELATED_PASSAGES, (_, found) => records.add(found));
  } finally {
    // Its files closed before they are removed (a file removed while open keeps its blocks).
    corpus.close();
    await rm(folder, { recursive: true, force: true });
  }
}

/** The files documents came from, each once (a records file gives many documents). */
function filesOf(documents: readonly ScannedDocument[]): ScannedDocument[] {
  const seen = new Set<string>();
  return documents.filter((document) => !seen.has(document.path) && seen.add(document.path));
}

function manifestOf(build: string): Uint8Array {
  const manifest: ArtifactManifest = { artifactFormat: ARTIFACT_FORMAT, build };
  return new TextEncoder().encode(JSON.stringify(manifest));
}

function packageVersion(): string {
  const packageJson = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
}
