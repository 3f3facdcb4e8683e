/** Reading a built artifact outside the Worker: from its folder, or from memory. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { StoredDocument } from "../search/artifact";
import { ArtifactError, openSearchIndex, type ArtifactReader } from "../search/load";

/** Reads asset paths ("/_artifact/…") from the assets folder on disk. */
export function directoryReader(assetsDir: string): ArtifactReader {
  return async (assetPath) => {
    try {
      return new Uint8Array(await readFile(path.join(assetsDir, ...assetPath.split("/").filter(Boolean))));
    } catch {
      throw new ArtifactError(`the search artifact is missing ${assetPath}; rebuild it with \`npm run build:index\``);
    }
  };
}

/** Reads asset paths from a map of files (a BuiltArtifact's, plus its manifest). */
export function memoryReader(files: ReadonlyMap<string, Uint8Array>): ArtifactReader {
  return async (assetPath) => {
    const bytes = files.get(assetPath);
    if (!bytes) throw new ArtifactError(`the search artifact is missing ${assetPath}; rebuild it with \`npm run build:index\``);
    return bytes;
  };
}

/** Every document of the current build, in position order, read back through the Worker's own loader. */
export async function readDocuments(read: ArtifactReader): Promise<StoredDocument[]> {
  const index = await openSearchIndex(read);
  const positions = Array.from({ length: index.documentCount }, (_, position) => position);
  const [records, texts] = await Promise.all([index.records(positions), index.texts(positions)]);
  return positions.map((position) => ({ ...records.get(position)!, text: texts.get(position)! }));
}
