/**
 * Publishes an artifact so readers see the old one or the new one, never a
 * mix, whenever the build is stopped: the new build's files are written to
 * a staging folder and flushed, the folder is renamed into place, and only
 * then is the manifest that names it replaced. Older builds are removed last.
 */
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { ARTIFACT_DIR } from "../search/artifact";
import type { BuiltArtifact } from "./build";

const MANIFEST_FILE = "manifest.json";
const STAGING_PREFIX = ".staging-";

/** Writes the artifact's files under `assetsDir`, makes it current, and removes older builds. */
export async function publishArtifact(assetsDir: string, artifact: BuiltArtifact): Promise<void> {
  const root = path.join(assetsDir, ARTIFACT_DIR);
  await mkdir(root, { recursive: true });
  const target = path.join(root, artifact.build);
  // A folder of that name is complete: only a finished one is renamed there.
  if (!(await exists(target))) {
    const staging = path.join(root, `${STAGING_PREFIX}${artifact.build}.${process.pid}`);
    await rm(staging, { recursive: true, force: true });
    try {
      const folders = new Set<string>();
      for (const [assetPath, bytes] of artifact.files) {
        const file = path.join(staging, path.relative(`/${ARTIFACT_DIR}/${artifact.build}`, assetPath));
        await mkdir(path.dirname(file), { recursive: true });
        await writeAndSync(file, bytes);
        folders.add(path.dirname(file));
      }
      for (const folder of [...folders].sort().reverse()) await syncFolder(folder);
      await rename(staging, target).catch(async (error: unknown) => {
        // Another build of the same corpus got there first: its folder is the same.
        if (!(await exists(target))) throw error;
        await rm(staging, { recursive: true, force: true });
      });
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
    await syncFolder(root);
  }
  await writeFileAtomically(path.join(root, MANIFEST_FILE), artifact.manifest);
  // Older builds, leftovers of stopped builds, and the old single-file artifact;
  // not the work in progress of another build running at the same time.
  for (const entry of await readdir(root)) {
    if (entry === artifact.build || entry === MANIFEST_FILE || isAnotherRunningBuild(entry)) continue;
    await rm(path.join(root, entry), { recursive: true, force: true });
  }
}

/** Temporary names carry their build's process id: ".staging-<build>.<pid>", ".manifest.json.<pid>.<time>.tmp". */
const TEMPORARY = /^\.(?:staging-[0-9a-f]+|manifest\.json)\.(\d+)(?:\.\d+\.tmp)?$/;

function isAnotherRunningBuild(entry: string): boolean {
  const pid = Number(TEMPORARY.exec(entry)?.[1]);
  if (!pid || pid === process.pid) return false;
  try {
    process.kill(pid, 0); // throws when no such process
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes `contents` to `file` atomically: a temporary file in the same
 * folder, flushed to disk, then renamed over the target (rename is atomic
 * within one file system). A failure leaves the previous file untouched.
 */
export async function writeFileAtomically(file: string, contents: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeAndSync(temporary, contents);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  // Make the rename itself durable.
  await syncFolder(dir);
}

async function writeAndSync(file: string, contents: string | Uint8Array): Promise<void> {
  const handle = await open(file, "w");
  try {
    await handle.writeFile(contents);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
