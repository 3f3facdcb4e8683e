/**
 * A corpus's built static assets: their sizes (raw and gzip), and a copy
 * that wrangler dev accepts when a file is over the 25 MiB static-asset
 * limit, with each such file split into parts that serve/chunked-assets.ts
 * puts back together inside the Worker.
 */
import { closeSync, createReadStream, linkSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync, writeSync, copyFileSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Writable } from "node:stream";
import { createGzip } from "node:zlib";
import { MAX_ASSET_BYTES } from "../../src/corpus/run";

/** Parts well under the limit. */
const PART_BYTES = 16 * 1024 * 1024;

export interface AssetSizes {
  /** Every file the build wrote, added up. */
  bytes: number;
  /** The same files gzipped one by one (level 6), added up: about what travels compressed. */
  gzipBytes: number;
  largestFile: { path: string; bytes: number } | null;
  /** Files past the static-asset limit: `wrangler deploy` refuses them. */
  oversize: string[];
}

export async function measureAssets(dir: string): Promise<AssetSizes> {
  const sizes: AssetSizes = { bytes: 0, gzipBytes: 0, largestFile: null, oversize: [] };
  for (const file of filesUnder(dir)) {
    const bytes = statSync(file).size;
    const relative = path.relative(dir, file);
    sizes.bytes += bytes;
    sizes.gzipBytes += await gzipSize(file);
    if (!sizes.largestFile || bytes > sizes.largestFile.bytes) sizes.largestFile = { path: relative, bytes };
    if (bytes > MAX_ASSET_BYTES) sizes.oversize.push(relative);
  }
  return sizes;
}

/**
 * The folder to serve: dir itself when every file fits, else a copy in
 * splitDir with oversize files as <file>.part0, .part1, … (others hard-linked).
 */
export function servableAssets(dir: string, splitDir: string): { dir: string; split: boolean } {
  const files = filesUnder(dir);
  if (files.every((file) => statSync(file).size <= MAX_ASSET_BYTES)) return { dir, split: false };
  rmSync(splitDir, { recursive: true, force: true });
  for (const file of files) {
    const target = path.join(splitDir, path.relative(dir, file));
    mkdirSync(path.dirname(target), { recursive: true });
    if (statSync(file).size > MAX_ASSET_BYTES) splitFile(file, target);
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
