/** Real folders on disk for build tests: a fresh one per test, removed after it. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";

export interface ScratchFolders {
  /** The temporary folder itself. */
  root: string;
  /** `root/corpus`, not created until something is written to it. */
  corpusDir: string;
  /** `root/assets`, where builds write the artifact. */
  assetsDir: string;
}

/** Registers hooks that give every test of the file new scratch folders. */
export function scratchFolders(prefix: string): ScratchFolders {
  const folders: ScratchFolders = { root: "", corpusDir: "", assetsDir: "" };
  beforeEach(async () => {
    folders.root = await mkdtemp(path.join(os.tmpdir(), prefix));
    folders.corpusDir = path.join(folders.root, "corpus");
    folders.assetsDir = path.join(folders.root, "assets");
  });
  afterEach(async () => {
    await rm(folders.root, { recursive: true, force: true });
  });
  return folders;
}

/** Writes files (relative path → text or bytes) under `dir`, in the order given. */
export async function writeCorpus(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [relative, contents] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
    await writeFile(path.join(dir, relative), contents);
  }
}
