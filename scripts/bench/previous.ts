/**
 * The design before artifact format 4, measured in the same run as ours: the
 * last revision whose isolates loaded one index.json whole and rebuilt
 * MiniSearch from it. Its tree is taken out of git with `git archive` into
 * .build/bench/previous/<commit> (reading the repository only: the working
 * tree and its index are never touched) and run with its own build child,
 * probe child and Worker, on the project's node_modules (MiniSearch 7.2.0 in
 * both). Numbers from another day's README would carry another day's load on
 * the machine; these carry this run's.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BenchError } from "./errors";
import { BENCH_DIR, ROOT } from "./paths";

/** The parent of 72a0501 ("An index that pages in"): the last index.json design. */
export const PREVIOUS_REVISION = "4b355d8";

export interface PreviousTree {
  /** As asked for (a short hash, a tag). */
  revision: string;
  commit: string;
  /** The extracted tree: its src/, scripts/bench/ and seeds/, as they were. */
  root: string;
  /** Its bench wrangler.toml (main = its src/index.ts). */
  config: string;
}

/** The tree of `revision`, extracted once and reused while the marker file says it is whole. */
export function preparePrevious(revision: string): PreviousTree {
  const commit = git("rev-parse", "--verify", `${revision}^{commit}`).toString("utf8").trim();
  const root = path.join(BENCH_DIR, "previous", commit);
  const complete = path.join(root, ".bench-extracted");
  if (!existsSync(complete)) {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    const tar = spawnSync("tar", ["-x", "-C", root], { input: git("archive", "--format=tar", commit), maxBuffer: 1 << 30 });
    if (tar.status !== 0) throw new BenchError(`could not extract ${revision}: ${tar.stderr?.toString("utf8").trim() || `tar exit ${tar.status}`}`);
    // Its imports of minisearch, hono, tsx … resolve here.
    symlinkSync(path.join(ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
    writeFileSync(complete, `${commit}\n`);
  }
  const config = path.join(root, "scripts", "bench", "wrangler.toml");
  if (!existsSync(config)) throw new BenchError(`${revision} has no scripts/bench/wrangler.toml to serve it with`);
  return { revision, commit, root, config };
}

function git(...args: string[]): Buffer {
  try {
    return execFileSync("git", args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 30 });
  } catch (error) {
    throw new BenchError(`git ${args.join(" ")} failed: ${(error as { stderr?: Buffer }).stderr?.toString("utf8").trim() || (error as Error).message}`);
  }
}
