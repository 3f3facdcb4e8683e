/**
 * Walks a corpus folder and reads its document files, rejecting what is not
 * clean UTF-8 text. Every problem is collected, none stops the walk, so one
 * run names every bad file.
 */
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { isBinaryFile } from "isbinaryfile";
import { compareStrings } from "../strings";
import type { DocumentFormat } from "./parse";
import { firstInvalidUtf8Offset } from "./utf8";

/** How a file is read: as one document, or as JSON records (json: an array or one object; jsonl: one object per line). */
export type FileFormat = DocumentFormat | "json" | "jsonl";

/** File extensions read as documents, and how each is read. */
export const DOCUMENT_FORMATS: Readonly<Record<string, FileFormat>> = {
  ".txt": "text",
  ".md": "markdown",
  ".markdown": "markdown",
  ".html": "html",
  ".htm": "html",
  ".json": "json",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
};

/** How a document file is read; undefined for a file that is not a document. */
export function formatOf(relative: string): FileFormat | undefined {
  const dot = relative.lastIndexOf(".");
  return dot <= relative.lastIndexOf("/") ? undefined : DOCUMENT_FORMATS[relative.slice(dot).toLowerCase()];
}

/** The manifest's name, in the corpus root. */
export const MANIFEST_NAME = "manifest.json";

const BINARY = "binary file: documents must be UTF-8 text";

/** Default largest document file, in bytes. */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface CorpusFile {
  /** Path relative to the corpus root, "/"-separated. */
  path: string;
  bytes: Uint8Array;
  /** The bytes decoded: BOM dropped, line ends as "\n". */
  text: string;
}

/** A file the build cannot use, and why. */
export interface CorpusProblem {
  path: string;
  reason: string;
}

export interface CorpusContents {
  /** False when the corpus folder itself does not exist (also listed in problems). */
  exists: boolean;
  /** Readable document files, sorted by path in code-unit order. */
  files: CorpusFile[];
  /** The manifest's bytes, when the corpus has one. */
  manifest: CorpusFile | null;
  problems: CorpusProblem[];
  /** Files skipped because their extension is not a document's. */
  ignored: string[];
}

export interface ReadOptions {
  maxFileBytes?: number;
}

/** What a corpus folder holds, before any document is read. */
export interface CorpusListing {
  /** False when the corpus folder itself does not exist (also listed in problems). */
  exists: boolean;
  /** Document files, by path relative to the root, sorted in code-unit order. */
  documents: string[];
  /** The manifest's path, when the corpus has one. */
  manifest: string | null;
  problems: CorpusProblem[];
  /** Files skipped because their extension is not a document's. */
  ignored: string[];
}

/** Lists the document files under `root` (dotfiles and dot-folders skipped), reading none. */
export async function listCorpus(root: string): Promise<CorpusListing> {
  const listing: CorpusListing = { exists: true, documents: [], manifest: null, problems: [], ignored: [] };
  const rootStat = await stat(root).catch(() => null);
  if (!rootStat?.isDirectory()) {
    listing.exists = false;
    listing.problems.push({ path: root, reason: "the corpus folder does not exist or is not a folder" });
    return listing;
  }
  const found: string[] = [];
  await walk(root, "", new Set([await realpath(root)]), found, listing.problems);
  for (const relative of found.sort(compareStrings)) {
    if (relative === MANIFEST_NAME) listing.manifest = relative;
    else if (isDocumentPath(relative)) listing.documents.push(relative);
    else listing.ignored.push(relative);
  }
  return listing;
}

/** Reads every document file under `root` (dotfiles and dot-folders skipped). */
export async function readCorpus(root: string, options: ReadOptions = {}): Promise<CorpusContents> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const listing = await listCorpus(root);
  const contents: CorpusContents = { exists: listing.exists, files: [], manifest: null, problems: listing.problems, ignored: listing.ignored };
  if (listing.manifest) contents.manifest = await readDocumentFile(root, listing.manifest, maxFileBytes, contents.problems);
  for (const relative of listing.documents) {
    const file = await readDocumentFile(root, relative, maxFileBytes, contents.problems);
    if (file) contents.files.push(file);
  }
  contents.problems.sort((a, b) => compareStrings(a.path, b.path));
  return contents;
}

async function walk(
  root: string,
  relativeDir: string,
  ancestors: Set<string>,
  found: string[],
  problems: CorpusProblem[],
): Promise<void> {
  const dir = path.join(root, relativeDir);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    problems.push({ path: relativeDir || ".", reason: `unreadable folder (${errorCode(error)})` });
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
    const absolute = path.join(root, relative);
    let isDirectory = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      const target = await stat(absolute).catch((error: unknown) => error);
      if (target instanceof Error) {
        if (isDocumentPath(relative)) {
          problems.push({ path: relative, reason: `unreadable: broken symbolic link (${errorCode(target)})` });
        } else {
          found.push(relative); // ignored for its extension, like any other such file
        }
        continue;
      }
      isDirectory = (target as Awaited<ReturnType<typeof stat>>).isDirectory();
    }
    if (isDirectory) {
      // A folder that links back to one of its ancestors would be walked forever.
      const real = await realpath(absolute);
      if (ancestors.has(real)) {
        problems.push({ path: relative, reason: "symbolic link loop: this folder links back to one that contains it" });
        continue;
      }
      await walk(root, relative, new Set([...ancestors, real]), found, problems);
    } else {
      found.push(relative);
    }
  }
}

/** Reads and checks one file (size, binary, UTF-8); null, with the problem noted, when it cannot be a document. */
export async function readDocumentFile(
  root: string,
  relative: string,
  maxFileBytes: number,
  problems: CorpusProblem[],
): Promise<CorpusFile | null> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path.join(root, relative));
    // A pipe or device (even behind a link) would block or never end.
    if (!info.isFile()) {
      problems.push({ path: relative, reason: "unreadable: not a regular file" });
      return null;
    }
    if (info.size > maxFileBytes) {
      problems.push({ path: relative, reason: `too large: ${info.size} bytes, the limit is ${maxFileBytes}` });
      return null;
    }
    bytes = await readFile(path.join(root, relative));
  } catch (error) {
    problems.push({ path: relative, reason: `unreadable (${errorCode(error)})` });
    return null;
  }
  // NUL bytes mean binary. Otherwise bad UTF-8 is reported with its offset
  // (a Latin-1 text is fixable, and the offset shows where), and only then
  // does the heuristic look for control bytes in otherwise valid UTF-8.
  if (bytes.includes(0)) {
    problems.push({ path: relative, reason: BINARY });
    return null;
  }
  const invalidAt = firstInvalidUtf8Offset(bytes);
  if (invalidAt !== -1) {
    problems.push({ path: relative, reason: `invalid UTF-8 at byte ${invalidAt} (another encoding, such as Latin-1?)` });
    return null;
  }
  if (await isBinaryFile(Buffer.from(bytes))) {
    problems.push({ path: relative, reason: BINARY });
    return null;
  }
  return { path: relative, bytes, text: decodeText(bytes) };
}

/** A checked file's text: UTF-8 decoded (a byte-order mark dropped), line ends as "\n". */
export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder("utf-8").decode(bytes).replace(/\r\n?/g, "\n");
}

function isDocumentPath(relative: string): boolean {
  return formatOf(relative) !== undefined;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? String(error);
}
