/**
 * The Workers are bundled once, at the start of a run, but every Node child
 * (builds, probes) imports src/ as it is when it starts: an edit to src/
 * during a run would mix two versions in one table without a word. This
 * notices it, so the results can say so.
 */
import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./paths";

const SOURCE_DIR = path.join(ROOT, "src");

/** A fingerprint of src/: every file's path, size and modification time. */
export function sourceFingerprint(): string {
  const hash = createHash("sha256");
  const files = readdirSync(SOURCE_DIR, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${path.relative(SOURCE_DIR, file)}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest("hex");
}

/** A check to call later: whether src/ differs from what it was when this was called. */
export function watchSource(): () => boolean {
  const atStart = sourceFingerprint();
  return () => sourceFingerprint() !== atStart;
}
