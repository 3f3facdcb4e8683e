/**
 * The file of a built artifact that every load reads whole: ours is the
 * meta.json of the build the manifest names (with documents.bin beside it),
 * the naive one's is its single JSON.stringify(miniSearch).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { artifactPaths, type ArtifactManifest } from "../../src/search/artifact";
import { BenchError } from "./errors";
import { NAIVE_ASSET_PATH } from "./naive/options";
import type { Engine } from "./results";

/** The index file's path on disk, under assetsDir. */
export function indexFileOf(engine: Engine, assetsDir: string): string {
  if (engine === "naive") return onDisk(assetsDir, NAIVE_ASSET_PATH);
  const manifestFile = onDisk(assetsDir, artifactPaths.manifest);
  let manifest: ArtifactManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as ArtifactManifest;
  } catch (error) {
    throw new BenchError(`cannot read the manifest of the build in ${assetsDir}: ${(error as Error).message}`);
  }
  return onDisk(assetsDir, artifactPaths.meta(manifest.build));
}

/** An asset path ("/_artifact/…") as a file under assetsDir. */
function onDisk(assetsDir: string, assetPath: string): string {
  return path.join(assetsDir, ...assetPath.split("/").filter(Boolean));
}
