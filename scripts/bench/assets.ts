/**
 * A corpus's built static assets: their sizes (raw and gzip, all files and
 * the start-up files alone), checked against the Workers Static Assets
 * limits, and a copy that wrangler dev accepts when a file is over the
 * 25 MiB limit, with each such file split into parts that
 * serve/chunked-assets.ts puts back together inside the Worker.
 */
import { closeSync, createReadStream, linkSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync, writeSync, copyFileSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Writable } from "node:stream";
import { createGzip } from "node:zlib";
import { ASSET_LIMITS } from "../../src/corpus/capacity";

/** Parts well under the limit. */
const PART_BYTES = 16 * 1024 * 1024;

export interface AssetSizes {
  /** Every file the build wrote, added up. */
  bytes: number;
  /** The same files gzipped one by one (level 6), added up: about what travels compressed. */
  gzipBytes: number;
  files: number;
  largestFile: { path: string; bytes: number } | null;
  /** The files an isolate reads whole at start (see startup-files.ts), raw and gzipped. */
  startup: { bytes: number; gzipBytes: number; files: { path: string; bytes: number }[] };
  /** Files past the static-asset limit: `wrangler deploy` refuses them. */
  oversize: string[];
  /**
   * Against the files-per-version limits: within the free plan's, the paid
   * plan's only, or past both. `wrangler deploy --dry-run` does not count
   * files (the API refuses at upload), so the bench does.
   */
  plan: "free" | "paid" | "over";
}

/** Sizes of the files under dir; startupFiles are those every isolate reads whole (see startup-files.ts). */
export async function measureAssets(dir: string, startupFiles: readonly string[]): Promise<AssetSizes> {
  const files = filesUnder(dir);
  const startupPaths = new Set(startupFiles.map((file) => path.relative(dir, file)));
  const sizes: AssetSizes = {
    bytes: 0,
    gzipBytes: 0,
    files: files.length,
    largestFile: null,
    startup: { bytes: 0, gzipBytes: 0, files: [] },
    oversize: [],
    plan: files.length > ASSET_LIMITS.paidFiles ? "over" : files.length > ASSET_LIMITS.freeFiles ? "paid" : "free",
  };
  for (const file of files) {
    const bytes = statSync(file).size;
    const gzipBytes = await gzipSize(file);
    const relative = path.relative(dir, file);
    sizes.bytes += bytes;
    sizes.gzipBytes += gzipBytes;
    if (startupPaths.has(relative)) {
      sizes.startup.bytes += bytes;
      sizes.startup.gzipBytes += gzipBytes;
      sizes.startup.files.push({ path: relative, bytes });
    }
    if (!sizes.largestFile || bytes > sizes.largestFile.bytes) sizes.largestFile = { path: relative, bytes };
    if (bytes > ASSET_LIMITS.fileBytes) sizes.oversize.push(relative);
  }
  return sizes;
}

/**
 * The folder to serve: dir itself when every file fits, else a copy in
 * splitDir with oversize files as <file>.part0, .part1, … (others hard-linked).
 */
export function servableAssets(dir: string, splitDir: string): { dir: string; split: boolean } {
  const files = filesUnder(dir);
  if (files.every((file) => statSync(file).size <= ASSET_LIMITS.fileBytes)) return { dir, split: false };
  rmSync(splitDir, { recursive: true, force: true });
  for (const file of files) {
    const target = path.join(splitDir, path.relative(dir, file));
    mkdirSync(path.dirname(target), { recursive: true });
    if (statSync(file).size > ASSET_LIMITS.fileBytes) splitFile(file, target);
    else linkOrCopy(file, target);
  }
  return { dir: splitDir, split: true };
}

function splitFile(file: string, target: string): void {
  const input = openSync(file, "r");
  const buffer = Buffer.allocUnsafe(PART_BYTES);
  try {
    for (let part = 0; ; part++) {
      const read = readSync(input, buffer, 0, PART_BYTES, null);
      if (read === 0) break;
      const output = openSync(`${target}.part${part}`, "w");
      writeSync(output, buffer, 0, read);
      closeSync(output);
    }
  } finally {
    closeSync(input);
  }
}

function linkOrCopy(file: string, target: string): void {
  try {
    linkSync(file, target);
  } catch {
    copyFileSync(file, target);
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

async function gzipSize(file: string): Promise<number> {
  let bytes = 0;
  const counter = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  await pipeline(createReadStream(file), createGzip({ level: 6 }), counter);
  return bytes;
}
