/**
 * Publishing survives anything: the real CLI, killed at random moments many
 * times, leaves the complete old artifact or the complete new one; and the
 * same corpus builds to the same bytes in any time zone, locale or file order.
 */
import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildName, digestOf } from "../../src/corpus/assemble";
import { directoryReader, readDocuments } from "../../src/corpus/artifact-files";
import { scratchFolders, writeCorpus } from "./scratch";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

const scratch = scratchFolders("corpus-publish-");

/** Runs the CLI; with `killAfterMs`, SIGKILLs it then. Resolves when it has exited. */
function runCli(corpusDir: string, assetsDir: string, { killAfterMs, env = {} }: { killAfterMs?: number; env?: Record<string, string> } = {}) {
  return new Promise<{ code: number | null; ms: number }>((resolve, reject) => {
    const started = performance.now();
    // One process (tsx's CLI would run the build in a child that outlives a SIGKILL).
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/build-index.ts", "--corpus", corpusDir, "--assets", assetsDir], {
      cwd: repoRoot,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", ...env },
      stdio: "ignore",
    });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, ms: performance.now() - started });
    });
  });
}

/** A corpus of `count` documents whose words say which corpus they are. */
function corpus(name: string, count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    files[`${name}/${String(i).padStart(4, "0")}.txt`] = `${name} document ${i}\n\n${`The ${name} corpus says ${i} things about talks in Astana. `.repeat(40)}`;
  }
  return files;
}

/**
 * The artifact as published: the build the manifest names, checked whole
 * (exactly its files, and their hash is its name); returns its document ids.
 */
async function publishedIds(assetsDir: string): Promise<string[]> {
  const root = path.join(assetsDir, "_artifact");
  const { build } = JSON.parse(await readFile(path.join(root, "manifest.json"), "utf8")) as { build: string };
  const folder = path.join(root, build);
  const files: [string, number, string][] = [];
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const bytes = await readFile(path.join(entry.parentPath, entry.name));
    files.push([path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"), bytes.length, digestOf(bytes)]);
  }
  expect(buildName(files), "the build folder's files hash to its name").toBe(build);
  // Every file the loader asks for is there: reading every document back reads every records file and text chunk.
  return (await readDocuments(directoryReader(assetsDir))).map((document) => document.id);
}

describe("publishing the artifact", () => {
  it("leaves the complete old artifact or the complete new one when the build is killed at any moment", { timeout: 240_000 }, async () => {
    const [oldCorpus, newCorpus] = [path.join(scratch.root, "old"), path.join(scratch.root, "new")];
    await writeCorpus(oldCorpus, corpus("old", 40));
    await writeCorpus(newCorpus, corpus("new", 400));
    expect((await runCli(oldCorpus, scratch.assetsDir)).code).toBe(0);
    const oldIds = await publishedIds(scratch.assetsDir);

    // How long a whole build of the new corpus takes, measured on a copy.
    const whole = await runCli(newCorpus, path.join(scratch.root, "measure"));
    expect(whole.code).toBe(0);
    const newIds = await publishedIds(path.join(scratch.root, "measure"));

    const KILLS = 14;
    const seen = { old: 0, new: 0 };
    for (let i = 0; i < KILLS; i++) {
      // Spread over the whole run and a little past it, at random within each
      // slice; the last one late enough that a build slowed by a busy machine
      // still finishes, so both sides of the switch are seen.
      const killAfterMs = i === KILLS - 1 ? whole.ms * 3 : (whole.ms * 1.3 * (i + Math.random())) / (KILLS - 1);
      await runCli(newCorpus, scratch.assetsDir, { killAfterMs });
      const ids = await publishedIds(scratch.assetsDir);
      if (ids.join() === oldIds.join()) seen.old++;
      else {
        expect(ids, `killed after ${Math.round(killAfterMs)} ms`).toEqual(newIds);
        seen.new++;
        // Back to the old one for the next kill.
        expect((await runCli(oldCorpus, scratch.assetsDir)).code).toBe(0);
      }
    }
    // Kills landed on both sides of the switch.
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.new).toBeGreaterThan(0);
  });

  it("builds byte-identical artifacts in any time zone and locale, whatever order the files were written in", { timeout: 60_000 }, async () => {
    const files = {
      ...corpus("wire", 3),
      "notes/café.md": "---\ntitle: Café notes\ndate: 2017-05-02T23:30:00-05:00\n---\nÇa va. İstanbul, Straße, ﬁnal.",
      "manifest.json": '{"documents": {"wire/0000.txt": {"date": "2017-05-03"}}}',
    };
    const [a, b] = [path.join(scratch.root, "a"), path.join(scratch.root, "b")];
    await writeCorpus(a, files);
    await writeCorpus(b, Object.fromEntries(Object.entries(files).reverse()));
    const first = await runCli(a, path.join(scratch.root, "assets-a"), { env: { TZ: "Pacific/Kiritimati", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" } });
    const second = await runCli(b, path.join(scratch.root, "assets-b"), { env: { TZ: "America/Los_Angeles", LANG: "C", LC_ALL: "C" } });
    expect([first.code, second.code]).toEqual([0, 0]);
    const snapshot = async (assets: string) => {
      const root = path.join(assets, "_artifact");
      const entries = (await readdir(root, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
      const result: Record<string, string> = {};
      for (const entry of entries) {
        const file = path.join(entry.parentPath, entry.name);
        result[path.relative(root, file)] = (await readFile(file)).toString("base64");
      }
      return result;
    };
    expect(await snapshot(path.join(scratch.root, "assets-b"))).toEqual(await snapshot(path.join(scratch.root, "assets-a")));
  });
});
