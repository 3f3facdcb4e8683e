/**
 * The passages stage's stores: a file store reads back what was pushed,
 * across the blocks it writes and the one it still buffers, as a store in
 * memory does; dropped, its file is gone.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fileStore, memoryStore } from "../../src/corpus/passage-store";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const made = mkdtempSync(path.join(tmpdir(), "passage-store-"));
  folders.push(made);
  return made;
}

describe("a file store", () => {
  // More than three of its 16,384-integer blocks, the last one partly buffered.
  const COUNT = 3 * 16_384 + 1_000;
  const values = Array.from({ length: COUNT }, (_, k) => (k * 2_654_435_761) | 0);

  it("gives back every range as a store in memory does: within a block, across blocks, into the buffered end, within it", () => {
    const file = fileStore(path.join(folder(), "values"));
    const memory = memoryStore();
    for (const value of values) {
      file.push(value);
      memory.push(value);
    }
    expect(file.length).toBe(COUNT);
    const ranges = [
      [0, 0],
      [0, 10],
      [16_380, 16_390],
      [16_384, 2 * 16_384],
      [3 * 16_384 - 5, COUNT],
      [3 * 16_384 + 10, 3 * 16_384 + 20],
      [0, COUNT],
    ] as const;
    for (const [from, to] of ranges) expect([...file.slice(from, to)]).toEqual([...memory.slice(from, to)]);
    expect([...file.slice(0, COUNT)]).toEqual(values);
  });

  it("reads what is pushed after a read, and removes its file when dropped (twice is harmless)", () => {
    const filePath = path.join(folder(), "values");
    const file = fileStore(filePath);
    file.push(1);
    expect([...file.slice(0, 1)]).toEqual([1]);
    file.push(2);
    expect([...file.slice(0, 2)]).toEqual([1, 2]);
    file.drop();
    file.drop();
    expect(existsSync(filePath)).toBe(false);
  });
});
