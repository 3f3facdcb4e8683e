/**
 * The build's first pass over a slice of the corpus, as a thread runs it:
 * read and check each file, make its document, and keep all of it but the
 * text, with the file's digest (so the second pass can tell it is the same
 * file). Runs in a worker thread or in the build's own thread.
 */
import type { DocumentEntry } from "./assemble";
import { digestOf } from "./assemble";
import { fileOutcome, type FileDigest, type FileOutcome } from "./build";
import type { RecordMapping } from "./formats/records";
import type { GivenMetadata } from "./metadata";
import { readDocumentFile, type CorpusProblem } from "./read";

/** A document as the first pass keeps it: no text, and its number in its file when it is a JSON record. */
export interface ScannedDocument extends DocumentEntry, FileDigest {
  record: number | null;
}

export interface ScanJob {
  kind: "scan";
  corpusDir: string;
  maxFileBytes: number;
  /** Files in path order, with what the manifest gives each. */
  files: { path: string; given: GivenMetadata }[];
  /** Which keys of a JSON record are its id, title, text… */
  mapping: RecordMapping;
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
    const digest = digestOf(file.bytes);
    const outcome = fileOutcome(
      file,
      given,
      ({ text, ...document }, _, record): ScannedDocument => ({ ...document, textLength: text.length, path: file.path, size: file.bytes.length, digest, record }),
      job.mapping,
    );
    result.outcomes.push([path, outcome]);
  }
  return result;
}
