/**
 * The build's first pass over a slice of the corpus, as a thread runs it:
 * read and check each file, make its document, and keep all of it but the
 * text, with the file's digest (so the second pass can tell it is the same
 * file). Runs in a worker thread or in the build's own thread.
 */
import type { DocumentEntry } from "./assemble";
import { digestOf } from "./assemble";
import { fileOutcome, type FileDigest, type FileOutcome } from "./build";
import type { GivenMetadata } from "./metadata";
import { readDocumentFile, type CorpusProblem } from "./read";

/** A document as the first pass keeps it: no text. */
export interface ScannedDocument extends DocumentEntry, FileDigest {}

export interface ScanJob {
  kind: "scan";
  corpusDir: string;
  maxFileBytes: number;
  /** Files in path order, with what the manifest gives each. */
  files: { path: string; given: GivenMetadata }[];
}

export interface ScanOutcome {
  /** In the order of the job's files; a file that could not be read has none. */
  outcomes: [path: string, outcome: FileOutcome<ScannedDocument>][];
  /** Files that could not be read (binary, invalid UTF-8, too large…). */
  problems: CorpusProblem[];
}

export async function runScanJob(job: ScanJob): Promise<ScanOutcome> {
  const result: ScanOutcome = { outcomes: [], problems: [] };
  for (const { path, given } of job.files) {
    const file = await readDocumentFile(job.corpusDir, path, job.maxFileBytes, result.problems);
    if (!file) continue;
    const outcome = fileOutcome(file, given, ({ text, ...record }): ScannedDocument => ({
      ...record,
      textLength: text.length,
      path: file.path,
      size: file.bytes.length,
      digest: digestOf(file.bytes),
    }));
    result.outcomes.push([path, outcome]);
  }
  return result;
}
