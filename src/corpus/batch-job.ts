/**
 * One batch of the streaming build, as a thread runs it: read the batch's
 * files again (the first pass kept no text), make their documents as the
 * first pass did, index them, and write the batch's text chunks into the
 * staging folder and its term records to a run file. Runs in a worker
 * thread (threads.ts) or, for small corpora and tests, in the build's own
 * thread: the same function either way.
 */
import { writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { StoredDocument } from "../search/artifact";
import { digestOf, textChunkFile } from "./assemble";
import { indexBatch, type BatchIndex } from "./batch";
import { fileOutcome, indexedDocuments } from "./build";
import type { RecordMapping } from "./formats/records";
import type { FieldSetting } from "./fields";
import type { GivenMetadata } from "./metadata";
import { decodeText, type CorpusProblem } from "./read";
import { encodeRun } from "./run-file";
import { writeAndSync } from "./write";

export interface BatchJob {
  kind: "index";
  corpusDir: string;
  /** The staging folder the batch's text chunks go into. */
  stagingDir: string;
  /** Where the batch's term records go. */
  runFile: string;
  first: number;
  /**
   * The batch's documents in position order: their file, its SHA-256 from
   * the first pass, what the manifest gives it, and the document's number
   * among the file's records (null when the file is one document).
   */
  files: { path: string; digest: string; given: GivenMetadata; record: number | null }[];
  /** Which keys of a JSON record are its id, title, text… */
  mapping: RecordMapping;
  /** What the manifest says each field is for (searchable…), as pairs. */
  fieldSettings: [string, FieldSetting][];
  /** The batch's text chunks: chunk number, first position, document count. */
  chunks: { number: number; first: number; count: number }[];
}

export interface BatchOutcome extends Pick<BatchIndex, "first" | "fieldLengths" | "textWords"> {
  /** Stop word → positions, as pairs (a Map does not cross threads as cheaply). */
  stopWords: [string, number[]][];
  /** Text chunk files written: [name within the build, bytes, SHA-256]. */
  texts: [string, number, string][];
  /** Files that changed or vanished since the first pass. */
  problems: CorpusProblem[];
}

export async function runBatchJob(job: BatchJob): Promise<BatchOutcome> {
  const problems: CorpusProblem[] = [];
  const documents: StoredDocument[] = [];
  // A records file's documents, read once for all of the batch's records in it (and only those made documents).
  const read = new Map<string, Map<number | null, StoredDocument>>();
  const recordsOf = new Map<string, Set<number>>();
  for (const { path: relative, record } of job.files) {
    if (record !== null) recordsOf.set(relative, (recordsOf.get(relative) ?? new Set()).add(record));
  }
  for (const { path: relative, digest, given, record } of job.files) {
    let ofFile = read.get(relative);
    if (!ofFile) {
      // The first pass checked these bytes (size, binary, UTF-8): the same digest means the same checks hold.
      const bytes = await readFile(path.join(job.corpusDir, relative)).catch(() => null);
      const file = bytes && digestOf(bytes) === digest ? { path: relative, bytes, text: decodeText(bytes) } : null;
      const keep = (document: StoredDocument, _: unknown, number: number | null) => [number, document] as const;
      const outcome = file ? fileOutcome(file, given, keep, job.mapping, recordsOf.get(relative)) : null;
      ofFile = new Map(outcome?.documents ?? []);
      read.set(relative, ofFile);
    }
    const document = ofFile.get(record);
    if (!document) {
      if (!problems.some((problem) => problem.path === relative)) problems.push({ path: relative, reason: "changed while the build was running; build again" });
      // Keeps positions in step; the build fails on the problem, so this document is never published.
      documents.push({ id: relative, title: "", source: "", date: null, url: null, text: "", fields: {} });
      continue;
    }
    documents.push(document);
  }
  const outcome: BatchOutcome = { first: job.first, fieldLengths: [[], [], []], stopWords: [], textWords: 0, texts: [], problems };
  if (problems.length > 0) return outcome;
  for (const chunk of job.chunks) {
    const name = `text/${chunk.number}.json`;
    const offset = chunk.first - job.first;
    const bytes = textChunkFile(documents.slice(offset, offset + chunk.count).map((document) => document.text));
    writeAndSync(path.join(job.stagingDir, name), bytes);
    outcome.texts.push([name, bytes.length, digestOf(bytes)]);
  }
  const index = indexBatch(indexedDocuments(documents, new Map(job.fieldSettings)), job.first);
  writeFileSync(job.runFile, encodeRun(index.terms));
  outcome.fieldLengths = index.fieldLengths;
  outcome.stopWords = [...index.stopWords];
  outcome.textWords = index.textWords;
  return outcome;
}
