/**
 * A reader that notes every file it reads and its size: what a query
 * fetches from static assets, counted in Node where the Worker would fetch.
 * src/ has no hook for this and needs none: the index reads through the
 * ArtifactReader it is opened with, and this wraps one.
 */
import type { ArtifactReader } from "../../src/search/load";

export interface FileRead {
  /** The asset path, as the index asked for it ("/_artifact/<build>/lexicon/3.json"). */
  path: string;
  bytes: number;
}

export interface CountingReader {
  read: ArtifactReader;
  /** The reads since the last take (or since the start), in the order they finished; forgets them. */
  take(): FileRead[];
}

export function countingReader(read: ArtifactReader): CountingReader {
  let reads: FileRead[] = [];
  return {
    async read(assetPath) {
      const bytes = await read(assetPath);
      reads.push({ path: assetPath, bytes: bytes.length });
      return bytes;
    },
    take() {
      const taken = reads;
      reads = [];
      return taken;
    },
  };
}

/** What kind of file a read was: its folder in the build ("lexicon", "text" …) or its name ("meta.json"). */
export function kindOf(assetPath: string): string {
  const parts = assetPath.split("/").filter(Boolean);
  // _artifact/manifest.json, _artifact/<build>/<file>, _artifact/<build>/<folder>/<file>
  return (parts.length <= 2 ? parts.at(-1) : parts[2]) ?? assetPath;
}

/** Bytes read per kind of file. */
export function bytesByKind(reads: readonly FileRead[]): Record<string, number> {
  const byKind: Record<string, number> = {};
  for (const { path, bytes } of reads) byKind[kindOf(path)] = (byKind[kindOf(path)] ?? 0) + bytes;
  return byKind;
}
