/**
 * The real CLI, spawned as `npm run build:index` would run it: exit codes,
 * what it prints, and what it writes.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { directoryReader, readDocuments } from "../../src/corpus/artifact-files";
import { scratchFolders, writeCorpus } from "./scratch";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const tsx = path.join(repoRoot, "node_modules", ".bin", "tsx");

const scratch = scratchFolders("corpus-cli-");

/** Runs scripts/build-index.ts from the repo root; CORPUS_DIR is unset unless given. */
function runCli(args: string[], env: Record<string, string> = {}) {
  const { CORPUS_DIR: _corpus, ASSETS_DIR: _assets, ...inherited } = process.env;
  const result = spawnSync(tsx, ["scripts/build-index.ts", ...args], {
    cwd: repoRoot,
    env: { ...inherited, WRANGLER_SEND_METRICS: "false", ...env },
    encoding: "utf8",
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const buildDir = () => {
  const { build } = JSON.parse(readFileSync(path.join(scratch.assetsDir, "_artifact", "manifest.json"), "utf8")) as { build: string };
  return path.join(scratch.assetsDir, "_artifact", build);
};
const readIds = async () => (await readDocuments(directoryReader(scratch.assetsDir))).map((document) => document.id);

describe("build:index CLI", { timeout: 60_000 }, () => {
  it("builds a good corpus, exits 0 and prints the report", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "One.", "b.txt": "Two.", "reuters/c.txt": "Three." });
    const { status, stdout, stderr } = runCli(["--corpus", scratch.corpusDir, "--assets", scratch.assetsDir]);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout).toContain(`Indexed ${scratch.corpusDir} → `);
    expect(stdout).toContain("  documents  3\n");
    expect(stdout).toContain("  sources    reuters 1, unknown 2\n");
    expect(stdout).toContain("  bytes in   14\n");
    expect(stdout).toMatch(/^ {2}bytes out {2}\d+ in \d+ files$/m);
    expect(stdout).toContain(`→ ${path.relative(process.cwd(), buildDir())}\n`);
    expect(stdout).toMatch(/^ {2}time {7}\d+ ms$/m);
    expect(await readIds()).toEqual(["a", "b", "reuters/c"]);
  });

  it("names the files it did not read for their extension, the first few by name and the rest by extension", async () => {
    const others = Object.fromEntries(["a.pdf", "b.pdf", "c.pdf", "d.pdf", "e.pdf", "f.pdf", "g.csv", "Makefile"].map((name) => [name, "not a document"]));
    await writeCorpus(scratch.corpusDir, { "a.txt": "One.", ...others });
    const { status, stdout } = runCli(["--corpus", scratch.corpusDir, "--assets", scratch.assetsDir]);
    expect(status).toBe(0);
    expect(stdout).toContain("  documents  1\n");
    expect(stdout).toContain(
      "  not read   8 file(s) for their extension: Makefile, a.pdf, b.pdf, c.pdf, d.pdf and 3 more (.pdf 2, .csv 1)\n",
    );
  });

  it("builds two corpora side by side into their own assets folders, neither touching the other's", async () => {
    const other = path.join(scratch.root, "other-corpus");
    const otherAssets = path.join(scratch.root, "other-assets");
    await writeCorpus(scratch.corpusDir, { "first.txt": "One." });
    await writeCorpus(other, { "second.txt": "Two." });
    expect(runCli(["--corpus", scratch.corpusDir, "--assets", scratch.assetsDir]).status).toBe(0);
    const before = readFileSync(path.join(scratch.assetsDir, "_artifact", "manifest.json"));
    expect(runCli(["--corpus", other, "--assets", otherAssets]).status).toBe(0);
    expect(readFileSync(path.join(scratch.assetsDir, "_artifact", "manifest.json")).equals(before)).toBe(true);
    expect(await readIds()).toEqual(["first"]);
    expect((await readDocuments(directoryReader(otherAssets))).map((document) => document.id)).toEqual(["second"]);
  });

  it("writes into ASSETS_DIR when --assets is absent, the folder npm run dev and deploy then serve", async () => {
    await writeCorpus(scratch.corpusDir, { "env.txt": "One." });
    expect(runCli(["--corpus", scratch.corpusDir], { ASSETS_DIR: scratch.assetsDir }).status).toBe(0);
    expect(await readIds()).toEqual(["env"]);
  });

  it("exits 1 on two bad files, naming both with their reasons, and writes nothing", async () => {
    await writeCorpus(scratch.corpusDir, {
      "a.txt": "One.",
      "scan.txt": new Uint8Array([0x00, 0x01, 0x02]),
      "latin.txt": new Uint8Array([...Buffer.from("Prices rose in the caf"), 0xe9, ...Buffer.from(" district on Tuesday, officials said.")]),
    });
    const { status, stdout, stderr } = runCli(["--corpus", scratch.corpusDir, "--assets", scratch.assetsDir]);
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      [
        `build:index: 2 problem(s) in ${scratch.corpusDir}; nothing was written:`,
        "  latin.txt: invalid UTF-8 at byte 22 (another encoding, such as Latin-1?)",
        "  scan.txt: binary file: documents must be UTF-8 text",
        "Fix these files, or pass --skip-invalid to leave them out.",
        "",
      ].join("\n"),
    );
    expect(existsSync(scratch.assetsDir)).toBe(false);
  });

  it("with --skip-invalid exits 0 and warns about the skipped file", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "One.", "scan.txt": new Uint8Array([0x00, 0x01, 0x02]) });
    const { status, stdout, stderr } = runCli(["--corpus", scratch.corpusDir, "--assets", scratch.assetsDir, "--skip-invalid"]);
    expect(status).toBe(0);
    expect(stderr).toBe(
      [
        "warning: left out scan.txt: binary file: documents must be UTF-8 text",
        "warning: 1 problem(s) left out (--skip-invalid)",
        "",
      ].join("\n"),
    );
    expect(stdout).toContain("  documents  1\n");
    expect(await readIds()).toEqual(["a"]);
  });

  it("reads the corpus from CORPUS_DIR when --corpus is absent", async () => {
    await writeCorpus(scratch.corpusDir, { "from-env.txt": "From the environment." });
    const { status, stdout } = runCli(["--assets", scratch.assetsDir], { CORPUS_DIR: scratch.corpusDir });
    expect(status).toBe(0);
    expect(stdout).toContain(`Indexed ${scratch.corpusDir} → `);
    expect(await readIds()).toEqual(["from-env"]);
  });

  it("prefers --corpus over CORPUS_DIR", async () => {
    await writeCorpus(scratch.corpusDir, { "flag.txt": "From the flag." });
    const { status } = runCli(["--corpus", scratch.corpusDir, "--assets", scratch.assetsDir], { CORPUS_DIR: path.join(scratch.root, "nowhere") });
    expect(status).toBe(0);
    expect(await readIds()).toEqual(["flag"]);
  });

  it("applies --max-file-bytes", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "One.", "big.txt": "x".repeat(11) });
    const { status, stderr } = runCli(["--corpus", scratch.corpusDir, "--assets", scratch.assetsDir, "--max-file-bytes", "10"]);
    expect(status).toBe(1);
    expect(stderr).toContain("  big.txt: too large: 11 bytes, the limit is 10\n");
  });

  it("exits 2 on a --max-file-bytes that is not a positive integer", () => {
    const { status, stderr } = runCli(["--corpus", scratch.corpusDir, "--assets", scratch.assetsDir, "--max-file-bytes", "lots"]);
    expect(status).toBe(2);
    expect(stderr).toBe('build:index: --max-file-bytes must be a positive integer, got "lots"\n');
  });

  it("exits 2 on an unknown option", () => {
    const { status, stderr } = runCli(["--corpse", scratch.corpusDir]);
    expect(status).toBe(2);
    expect(stderr).toContain("Run with --help for the options.");
  });

  it("exits 1 on a corpus folder that does not exist, without the --skip-invalid hint", () => {
    const missing = path.join(scratch.root, "missing");
    const { status, stderr } = runCli(["--corpus", missing, "--assets", scratch.assetsDir]);
    expect(status).toBe(1);
    expect(stderr).toBe(
      [
        `build:index: 1 problem(s) in ${missing}; nothing was written:`,
        `  ${missing}: the corpus folder does not exist or is not a folder`,
        "",
      ].join("\n"),
    );
    expect(existsSync(scratch.assetsDir)).toBe(false);
  });
});
