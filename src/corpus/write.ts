/**
 * Publishes an artifact so readers see the old one or the new one, never a
 * mix, whenever the build is stopped: the new build's files are streamed
 * into a staging folder as the build makes them, each flushed; once all are
 * there the folder is renamed to the build's name (a hash of its files), and
 * only then is the manifest that names it replaced. Older builds are
 * removed last.
 *
 * The staging folder, the manifest's temporary file and the builds being
 * removed live beside the assets folder (in its work folder), not in it:
 * `wrangler dev` watches the assets folder, and on any change lists it and
 * then stats every file it listed, so a folder renamed or removed in
 * between stops it with ENOENT (seen with a build's staging folder, one
 * rebuild in about twenty). Inside the assets folder a build only adds its
 * folder, replaces the manifest and moves old builds out, each one rename,
 * done within wrangler's 100 ms debounce of one another.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { ARTIFACT_DIR } from "../search/artifact";
import { buildName, digestOf } from "./assemble";
import type { BuiltArtifact } from "./build";
import type { ArtifactSink } from "./merge";

const MANIFEST_FILE = "manifest.json";
const STAGING_PREFIX = ".staging-";
const REMOVING_PREFIX = ".removing-";

/**
 * Where a build works beside `assetsDir`: ".build/assets" → ".build/.assets-work".
 * On the assets folder's file system, so a rename moves a folder in or out at once.
 */
export function workFolderOf(assetsDir: string): string {
  const assets = path.resolve(assetsDir);
  return path.join(path.dirname(assets), `.${path.basename(assets)}-work`);
}

/** A build being written: a staging folder that files go into, and that becomes the build's folder when published. */
export class StagedBuild implements ArtifactSink {
  /** File name within the build → [bytes, SHA-256]. */
  private readonly written = new Map<string, [number, string]>();
  private readonly folders = new Set<string>();

  private constructor(
    private readonly root: string,
    /** The folder beside the assets folder where the build stages, and old builds are removed. */
    private readonly work: string,
    /** The staging folder, in the work folder. */
    readonly folder: string,
  ) {}

  /** Starts a build for `assetsDir` (its staging folder carries this process's id, so a running build's is never removed). */
  static async open(assetsDir: string): Promise<StagedBuild> {
    const root = path.join(assetsDir, ARTIFACT_DIR);
    await mkdir(root, { recursive: true });
    const work = workFolderOf(assetsDir);
    await mkdir(work, { recursive: true });
    // A work folder on another file system (an assets folder that is a mount) could not be renamed
    // from: the build then stages in the artifact folder, as it did before.
    const beside = (await stat(work)).dev === (await stat(root)).dev ? work : root;
    const folder = path.join(beside, `${STAGING_PREFIX}${process.pid}.${Date.now()}`);
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder);
    return new StagedBuild(root, beside, folder);
  }

  write(name: string, bytes: Uint8Array): void {
    const file = path.join(this.folder, name);
    const folder = path.dirname(file);
    if (!this.folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
    }
    writeAndSync(file, bytes);
    this.written.set(name, [bytes.length, digestOf(bytes)]);
  }

  /** Makes the folder a file will be written in by another thread. */
  async ensureFolder(name: string): Promise<void> {
    const folder = path.dirname(path.join(this.folder, name));
    if (this.folders.has(folder)) return;
    await mkdir(folder, { recursive: true });
    this.folders.add(folder);
  }

  /** The files written so far: [name within the build, bytes]. */
  files(): [name: string, bytes: number][] {
    return [...this.written].map(([name, [bytes]]) => [name, bytes]);
  }

  /** Records a file another thread wrote into the staging folder (and flushed). */
  register(name: string, bytes: number, digest: string): void {
    this.written.set(name, [bytes, digest]);
    this.folders.add(path.dirname(path.join(this.folder, name)));
  }

  /** The build's name: a hash of the files written so far. */
  name(): string {
    return buildName([...this.written].map(([name, [bytes, digest]]) => [name, bytes, digest] as const));
  }

  /** Makes the staged build current: renamed into place, then named by the manifest; older builds removed. Returns its folder. */
  async publish(manifest: (build: string) => Uint8Array): Promise<string> {
    const build = this.name();
    const target = path.join(this.root, build);
    try {
      // A folder of that name is complete: only a finished one is renamed there.
      if (await exists(target)) {
        await rm(this.folder, { recursive: true, force: true });
      } else {
        for (const folder of [...this.folders].sort().reverse()) await syncFolder(folder);
        await syncFolder(this.folder);
        await rename(this.folder, target).catch(async (error: unknown) => {
          // Another build of the same corpus got there first: its folder is the same.
          if (!(await exists(target))) throw error;
          await rm(this.folder, { recursive: true, force: true });
        });
        await syncFolder(this.root);
      }
    } catch (error) {
      await this.discard();
      throw error;
    }
    await writeFileAtomically(path.join(this.root, MANIFEST_FILE), manifest(build), this.work);
    // Older builds, leftovers of stopped builds, and the old single-file artifact;
    // not the work in progress of another build running at the same time. Each is
    // moved out of the assets folder at once, then removed there.
    const removing = new Set<string>();
    for (const entry of await readdir(this.root)) {
      if (entry === build || entry === MANIFEST_FILE || isAnotherRunningBuild(entry)) continue;
      const away = path.join(this.work, `${REMOVING_PREFIX}${process.pid}.${Date.now()}.${removing.size}`);
      // Where it cannot be moved, it is removed where it is.
      removing.add(await rename(path.join(this.root, entry), away).then(() => away, () => path.join(this.root, entry)));
    }
    for (const entry of this.work === this.root ? [] : await readdir(this.work)) {
      if (!isAnotherRunningBuild(entry)) removing.add(path.join(this.work, entry));
    }
    for (const folder of removing) await rm(folder, { recursive: true, force: true });
    return target;
  }

  /** Removes the staging folder: the previous artifact stays as it was. */
  async discard(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
  }
}

/** Writes an artifact built in memory under `assetsDir`, makes it current, and removes older builds. */
export async function publishArtifact(assetsDir: string, artifact: BuiltArtifact): Promise<void> {
  const staged = await StagedBuild.open(assetsDir);
  const prefix = `/${ARTIFACT_DIR}/${artifact.build}/`;
  try {
    for (const [assetPath, bytes] of artifact.files) staged.write(assetPath.slice(prefix.length), bytes);
  } catch (error) {
    await staged.discard();
    throw error;
  }
  await staged.publish(() => artifact.manifest);
}

/** Temporary names carry their build's process id: ".staging-<pid>.<time>", ".manifest.json.<pid>.<time>.tmp", ".removing-<pid>.<time>.<n>". */
const TEMPORARY = /^\.(?:staging-|removing-|manifest\.json\.)(\d+)\.\d+(?:\.tmp|\.\d+)?$/;

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
 * Writes `contents` to `file` atomically: a temporary file (in the same
 * folder, or `temporaryDir` on the same file system), flushed to disk, then
 * renamed over the target (rename is atomic within one file system). A
 * failure leaves the previous file untouched.
 */
export async function writeFileAtomically(file: string, contents: string | Uint8Array, temporaryDir = path.dirname(file)): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temporary = path.join(temporaryDir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeAndSync(temporary, typeof contents === "string" ? new TextEncoder().encode(contents) : contents);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  // Make the rename itself durable.
  await syncFolder(dir);
}

/** Writes a file and flushes it to disk before returning. */
export function writeAndSync(file: string, contents: Uint8Array): void {
  const handle = openSync(file, "w");
  try {
    for (let offset = 0; offset < contents.length; ) offset += writeSync(handle, contents, offset);
    fsyncSync(handle);
  } finally {
    closeSync(handle);
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
