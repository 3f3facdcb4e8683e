/**
 * Corpus files → documents → the search artifact. Pure: no file system, and
 * deterministic, so the same corpus always gives byte-identical output.
 */
import { createHash } from "node:crypto";
import { ARTIFACT_DIR, type ArtifactManifest, type IndexMeta, type StoredDocument } from "../search/artifact";
import { codePointLength, compareStrings } from "../strings";
import { LIMITS } from "../limits";
import { dateSpan } from "../search/dates";
import { ARTIFACT_FORMAT } from "../search/options";
import { buildName, digestOf, DocumentFacts, finishArtifact, MemorySink, planArtifact, textChunkFile, type ArtifactLayout, type DocumentEntry } from "./assemble";
import { indexBatch } from "./batch";
import { BLOCK_SIZES, mergeBatches } from "./merge";
import {
  MetadataError,
  normalizeDate,
  parseManifest,
  readGivenMetadata,
  sourceFromPath,
  type GivenMetadata,
  type Manifest,
} from "./metadata";
import { FrontMatterError, parseText } from "./parse";
import { formatOf, type CorpusFile, type CorpusProblem } from "./read";
import { titleFromBody } from "./title";

export interface DocumentsResult {
  /** Documents in browse order: newest first, undated last, then by id. */
  documents: StoredDocument[];
  /** Files that could not become documents, and why. */
  problems: CorpusProblem[];
  /** Things worth knowing that did not stop a file (empty documents, stale manifest entries). */
  warnings: string[];
}

/**
 * The id of a file: its path relative to the corpus root without extension,
 * in NFC (macOS file systems hand out names decomposed; URLs rarely are).
 */
export function documentId(relativePath: string): string {
  return relativePath.replace(/\.[^./]+$/, "").normalize("NFC");
}

/** Turns read files into documents, collecting every problem. */
export function documentsFromFiles(files: CorpusFile[], manifestFile: CorpusFile | null): DocumentsResult {
  const collector = new DocumentCollector(manifestFile, (document) => document);
  for (const file of files) collector.add(file);
  return collector.finish();
}

/**
 * Files → documents one file at a time, so a build need not hold every
 * file: each document is kept as `keep` makes it (the streaming build keeps
 * everything but the text), and duplicate ids, stale manifest entries and
 * the browse order are settled at the end.
 */
export class DocumentCollector<D extends Pick<StoredDocument, "id" | "date">> {
  private readonly manifest: Manifest = new Map();
  private readonly problems: CorpusProblem[] = [];
  private readonly warnings: string[] = [];
  private readonly candidates: D[] = [];
  private readonly paths: string[] = [];

  constructor(
    private readonly manifestFile: CorpusFile | null,
    private readonly keep: (document: StoredDocument, file: CorpusFile) => D = (document) => document as unknown as D,
  ) {
    if (!manifestFile) return;
    try {
      const parsed = parseManifest(manifestFile.text);
      this.manifest = parsed.entries;
      for (const error of parsed.errors) this.problems.push({ path: manifestFile.path, reason: `invalid manifest entry: ${error}` });
    } catch (error) {
      this.problems.push({ path: manifestFile.path, reason: `invalid manifest: ${(error as Error).message}` });
    }
  }

  /** What the manifest gives a file. */
  given(path: string): GivenMetadata {
    return this.manifest.get(path.normalize("NFC")) ?? {};
  }

  add(file: CorpusFile): void {
    this.addOutcome(file.path, fileOutcome(file, this.given(file.path), this.keep));
  }

  /** Adds what reading a file gave, where it was read elsewhere (a worker thread, see scan-job.ts). */
  addOutcome(path: string, outcome: FileOutcome<D>): void {
    this.paths.push(path);
    if ("document" in outcome) this.candidates.push(outcome.document);
    else if ("problem" in outcome) this.problems.push({ path, reason: outcome.problem });
    else this.warnings.push(`${path}: empty document, skipped`);
  }

  finish(): { documents: D[]; problems: CorpusProblem[]; warnings: string[] } {
    const paths = new Set(this.paths.map((path) => path.normalize("NFC")));
    for (const listed of this.manifest.keys()) {
      if (!paths.has(listed)) this.warnings.push(`${this.manifestFile!.path} lists "${listed}", which is not a document in the corpus`);
    }
    const { unique, duplicates } = rejectDuplicateIds(this.candidates, this.paths);
    const problems = [...this.problems, ...duplicates].sort((a, b) => compareStrings(a.path, b.path));
    return { documents: unique.sort(browseOrder), problems, warnings: this.warnings };
  }
}

/** What a read file gives: its document, nothing (it has no text), or a problem. */
export type FileOutcome<D> = { document: D } | { empty: true } | { problem: string };

/** A read file → its outcome, the document kept as `keep` makes it. */
export function fileOutcome<D>(file: CorpusFile, given: GivenMetadata, keep: (document: StoredDocument, file: CorpusFile) => D): FileOutcome<D> {
  try {
    const document = toDocument(file, given);
    return document ? { document: keep(document, file) } : { empty: true };
  } catch (error) {
    if (!(error instanceof FrontMatterError || error instanceof MetadataError)) throw error;
    return { problem: error.message };
  }
}

/** A file's document as the corpus gives it, or null when it has no text; throws FrontMatterError or MetadataError. */
export function toDocument(file: CorpusFile, fromManifest: GivenMetadata): StoredDocument | null {
  const parsed = parseText(file.text, formatOf(file.path) ?? "text");
  if (INVISIBLE.test(parsed.body)) return null;
  const given = { ...fromManifest, ...readGivenMetadata(parsed.frontMatter) };
  // A headline becomes the title only when none is given, and leaves the
  // text only then: a word of the file is never dropped.
  const headline = given.title === undefined ? parsed.headline : null;
  const document: StoredDocument = {
    id: documentId(file.path),
    title: given.title ?? headline?.title ?? titleFromBody(parsed.body),
    source: given.source ?? sourceFromPath(file.path),
    date: given.date ?? (parsed.dateLine === null ? null : normalizeDate(parsed.dateLine)),
    url: given.url ?? null,
    text: headline ? headline.after : parsed.body,
  };
  // What the API would refuse to look up must not get into the index.
  if (codePointLength(document.id) > LIMITS.idLength) {
    throw new MetadataError(`the id (the path without extension) is over ${LIMITS.idLength} characters`);
  }
  if (codePointLength(document.source) > LIMITS.sourceLength) {
    throw new MetadataError(`the source "${document.source.slice(0, 40)}…" is over ${LIMITS.sourceLength} characters`);
  }
  return document;
}

// Nothing but spaces and invisible format characters (zero-width space, BOM…).
const INVISIBLE = /^[\s\p{Cf}]*$/u;

/**
 * Ids must be unique however a file system or a URL treats them, so ids that
 * differ only in case or Unicode normalization (NFC/NFD) collide too.
 */
function rejectDuplicateIds<D extends Pick<StoredDocument, "id">>(documents: D[], paths: readonly string[]): { unique: D[]; duplicates: CorpusProblem[] } {
  const pathsByKey = new Map<string, string[]>();
  for (const path of paths) {
    const key = collisionKey(documentId(path));
    pathsByKey.set(key, [...(pathsByKey.get(key) ?? []), path]);
  }
  const duplicates: CorpusProblem[] = [];
  const unique: D[] = [];
  const reported = new Set<string>();
  for (const document of documents) {
    const key = collisionKey(document.id);
    const sharing = pathsByKey.get(key)!;
    if (sharing.length === 1) {
      unique.push(document);
    } else if (!reported.has(key)) {
      reported.add(key);
      for (const path of sharing) {
        const others = sharing.filter((other) => other !== path).join(", ");
        duplicates.push({ path, reason: `duplicate id "${documentId(path)}": collides with ${others}` });
      }
    }
  }
  return { unique, duplicates };
}

function collisionKey(id: string): string {
  return id.normalize("NFC").toLowerCase();
}

function browseOrder(a: Pick<StoredDocument, "id" | "date">, b: Pick<StoredDocument, "id" | "date">): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    const order = compareStrings(dateSpan(b.date).start, dateSpan(a.date).start);
    if (order !== 0) return order;
  }
  return compareStrings(a.id, b.id);
}

/** SHA-256 over each used file's path, size and digest, and the manifest's. */
export function contentHash(files: readonly Pick<CorpusFile, "path" | "bytes">[], manifest: Pick<CorpusFile, "path" | "bytes"> | null): string {
  const summary = (file: Pick<CorpusFile, "path" | "bytes">): FileDigest => ({ path: file.path, size: file.bytes.length, digest: digestOf(file.bytes) });
  return contentHashOf(files.map(summary), manifest && summary(manifest));
}

/** A file as the content hash takes it: path, size and SHA-256. */
export interface FileDigest {
  path: string;
  size: number;
  digest: string;
}

/** contentHash from files' digests, for a build that does not keep the files. */
export function contentHashOf(files: readonly FileDigest[], manifest: FileDigest | null): string {
  const hash = createHash("sha256");
  for (const { path, size, digest } of manifest ? [manifest, ...files] : files) hash.update(`${path}\0${size}\0${digest}\0`);
  return hash.digest("hex");
}

/** An artifact ready to publish: its files, and the manifest that makes it current. */
export interface BuiltArtifact {
  /** The build folder's name: a hash of the files, so equal builds get equal names. */
  build: string;
  /** Asset path (see artifactPaths) → bytes; the manifest is not among them. */
  files: Map<string, Uint8Array>;
  manifest: Uint8Array;
  /** What meta.json holds. */
  index: IndexMeta;
}

export const LAYOUT: ArtifactLayout = { blocks: BLOCK_SIZES, textChunkChars: 32 * 1024, batchDocuments: 4096 };

/**
 * Indexes documents (given in browse order) into the artifact's files, in
 * memory: the same batches, merge and files as the streaming build of a
 * folder (run.ts), which tests hold to this.
 */
export function buildArtifact(
  documents: StoredDocument[],
  facts: { contentHash: string; buildVersion: string },
  layout: ArtifactLayout = LAYOUT,
): BuiltArtifact {
  const entries = documents.map(({ text, ...record }): DocumentEntry => ({ ...record, textLength: text.length }));
  const plan = planArtifact(entries, layout);
  const sink = new MemorySink();
  const texts = (first: number, count: number) => documents.slice(first, first + count).map((document) => document.text);
  const perDocument = new DocumentFacts(documents.length);
  const batches = plan.batches.map(({ first, count, chunks }) => {
    for (const chunk of chunks) sink.write(`text/${chunk.number}.json`, textChunkFile(texts(chunk.first, chunk.count)));
    const batch = indexBatch(documents.slice(first, first + count), first);
    perDocument.add(batch);
    return batch;
  });
  const blocks = mergeBatches(batches.map((batch) => batch.terms), sink, plan.blocks);
  const index = finishArtifact(entries, plan, perDocument, blocks, facts, sink);
  const build = buildName([...sink.files].map(([name, bytes]) => [name, bytes.length, digestOf(bytes)] as const));
  const manifest: ArtifactManifest = { artifactFormat: ARTIFACT_FORMAT, build };
  return {
    build,
    files: new Map([...sink.files].map(([name, bytes]) => [`/${ARTIFACT_DIR}/${build}/${name}`, bytes])),
    manifest: new TextEncoder().encode(JSON.stringify(manifest)),
    index,
  };
}
