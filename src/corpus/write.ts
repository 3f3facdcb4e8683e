/** Publishes an artifact so readers see the old one or the new one, never a mix. */
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";

/**
 * Writes `contents` to `file` atomically: a temporary file in the same
 * folder, flushed to disk, then renamed over the target (rename is atomic
 * within one file system). A failure leaves the previous file untouched.
 */
export async function writeFileAtomically(file: string, contents: string): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const handle = await open(temporary, "w");
    try {
      await handle.writeFile(contents);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  // Make the rename itself durable.
  const folder = await open(dir, "r");
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}
