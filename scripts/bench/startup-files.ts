/**
 * The files of a built artifact that an isolate reads whole before its first
 * query can run, on disk: ours reads the manifest, then the meta.json and
 * documents.bin of the build it names; the previous design read the manifest
 * and one index.json; the naive Worker its single JSON.stringify(miniSearch).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { artifactPaths, ARTIFACT_DIR, type ArtifactManifest } from "../../src/search/artifact";
import { BenchError } from "./errors";
import { NAIVE_ASSET_PATH } from "./naive/options";
import type { Engine } from "./results";

/** The start-up files' paths on disk, under assetsDir. */
export function startupFilesOf(engine: Engine, assetsDir: string): string[] {
  if (engine === "naive") return [onDisk(assetsDir, NAIVE_ASSET_PATH)];
  const manifestFile = onDisk(assetsDir, artifactPaths.manifest);
  let manifest: ArtifactManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as ArtifactManifest;
  } catch (error) {
    throw new BenchError(`cannot read the manifest of the build in ${assetsDir}: ${(error as Error).message}`);
  }
  if (engine === "previous") return [manifestFile, onDisk(assetsDir, `/${ARTIFACT_DIR}/${manifest.build}/index.json`)];
  return [manifestFile, onDisk(assetsDir, artifactPaths.meta(manifest.build)), onDisk(assetsDir, artifactPaths.documents(manifest.build))];
}

/** An asset path ("/_artifact/…") as a file under assetsDir. */
function onDisk(assetsDir: string, assetPath: string): string {
  return path.join(assetsDir, ...assetPath.split("/").filter(Boolean));
}
