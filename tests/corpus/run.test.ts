/**
 * The whole build on real folders: every bad input fails it with a reason,
 * all of them in one run, and a failed build never touches the last artifact.
 */
import { mkdir, readdir, readFile, symlink } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { existsSync, watch, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildCorpus, type BuildOptions } from "../../src/corpus/run";
import type { ArtifactLayout } from "../../src/corpus/assemble";
import { buildArtifact, contentHash, documentsFromFiles } from "../../src/corpus/build";
import { readCorpus } from "../../src/corpus/read";
import type { CorpusProblem } from "../../src/corpus/read";
import { directoryReader, readDocuments } from "../../src/corpus/artifact-files";
import type { IndexMeta } from "../../src/search/artifact";
import { workFolderOf } from "../../src/corpus/write";
import { passageWords, wordCount } from "../../src/corpus/passages";
import { decodeCopies } from "../../src/search/index/copies";
import { scratchFolders, writeCorpus } from "./scratch";

const scratch = scratchFolders("corpus-run-");

const build = (options: Partial<BuildOptions> = {}) => buildCorpus({ corpusDir: scratch.corpusDir, assetsDir: scratch.assetsDir, ...options });
const artifactDir = (assetsDir = scratch.assetsDir) => path.join(assetsDir, "_artifact");
const manifestFile = () => path.join(artifactDir(), "manifest.json");
const buildDir = async (assetsDir = scratch.assetsDir) => {
  const { build } = JSON.parse(await readFile(path.join(artifactDir(assetsDir), "manifest.json"), "utf8")) as { build: string };
  return path.join(artifactDir(assetsDir), build);
};

/** The current build's metadata, and its documents read back through the Worker's loader. */
const readArtifact = async (assetsDir = scratch.assetsDir) => {
  const index = JSON.parse(await readFile(path.join(await buildDir(assetsDir), "meta.json"), "utf8")) as IndexMeta;
  return { meta: index.meta, documents: await readDocuments(directoryReader(assetsDir)) };
};

/** Every file under _artifact, by relative path, with its bytes. */
const snapshot = async (assetsDir = scratch.assetsDir) => {
  const files: Record<string, Buffer> = {};
  for (const entry of await readdir(artifactDir(assetsDir), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files[path.relative(artifactDir(assetsDir), file)] = await readFile(file);
    }
  }
  return files;
};
const sameFiles = (a: Record<string, Buffer>, b: Record<string, Buffer>) =>
  Object.keys(a).sort().join("\n") === Object.keys(b).sort().join("\n") && Object.entries(a).every(([name, bytes]) => bytes.equals(b[name]!));
const byPath = (problems: CorpusProblem[]) => [...problems].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

// One bad byte (0xE9, "é" in Latin-1) at offset 22 in otherwise plain text,
// long enough that it reads as text with a bad byte, not as binary.
const invalidUtf8 = new Uint8Array([
  ...new TextEncoder().encode("Prices rose in the caf"),
  0xe9,
  ...new TextEncoder().encode(" district on Tuesday, officials said, and trading went on."),
]);

describe("buildCorpus: a good corpus", () => {
  it("writes the artifact and reports what it indexed", async () => {
    const a = "Talks on Syria\n\nThe leaders spoke.";
    const b = "---\ntitle: Ceasefire\ndate: 2017-05-02\n---\nA ceasefire in Syria.";
    await writeCorpus(scratch.corpusDir, { "a.txt": a, "reuters/b.md": b, "photo.jpg": "not a document" });
    const report = await build();
    expect(report).toMatchObject({
      ok: true,
      artifactPath: await buildDir(),
      documents: 2,
      sources: { reuters: 1, unknown: 1 },
      bytesIn: Buffer.byteLength(a) + Buffer.byteLength(b),
      problems: [],
      warnings: [],
      ignored: ["photo.jpg"],
    });
    expect(report.bytesOut).toBe(Object.values(await snapshot()).reduce((sum, bytes) => sum + bytes.length, 0));
    const artifact = await readArtifact();
    expect(artifact.documents).toEqual([
      { id: "reuters/b", title: "Ceasefire", source: "reuters", date: "2017-05-02", url: null, text: "A ceasefire in Syria.", fields: {} },
      { id: "a", title: "Talks on Syria", source: "unknown", date: null, url: null, text: "The leaders spoke.", fields: {} },
    ]);
    expect(artifact.meta).toMatchObject({ documents: 2, sources: { reuters: 1, unknown: 1 } });
  });

  it("facets nested folders by their first-level folder", async () => {
    await writeCorpus(scratch.corpusDir, {
      "reuters/a.txt": "One.",
      "reuters/2017/may/b.txt": "Two.",
      "c.txt": "Three.",
    });
    const report = await build();
    expect(report.ok).toBe(true);
    const artifact = await readArtifact();
    expect(artifact.documents.map(({ id, source }) => [id, source])).toEqual([
      ["c", "unknown"],
      ["reuters/2017/may/b", "reuters"],
      ["reuters/a", "reuters"],
    ]);
    expect(artifact.meta.sources).toEqual({ reuters: 2, unknown: 1 });
  });

  it("stores an unquoted front matter date as the day it names", async () => {
    await writeCorpus(scratch.corpusDir, { "a.md": "---\ndate: 2017-05-02\n---\nBody." });
    expect((await build()).ok).toBe(true);
    expect((await readArtifact()).documents.map((document) => document.date)).toEqual(["2017-05-02"]);
  });

  it("reads a file with a byte-order mark and Windows line ends", async () => {
    await writeCorpus(scratch.corpusDir, { "a.md": "\uFEFF---\r\nsource: AP\r\n---\r\nTalks on Syria\r\n\r\nThe leaders spoke.\r\n" });
    expect((await build()).ok).toBe(true);
    expect((await readArtifact()).documents).toEqual([
      { id: "a", title: "Talks on Syria", source: "AP", date: null, url: null, text: "The leaders spoke.", fields: {} },
    ]);
  });

  it("skips dotfiles and dot-folders", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "One.", ".draft.txt": "Draft.", ".git/b.txt": "Hidden." });
    const report = await build();
    expect(report.ok).toBe(true);
    expect((await readArtifact()).documents.map((document) => document.id)).toEqual(["a"]);
  });

  it("skips an empty document with a warning and builds the rest", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "One.", "empty.txt": " \n\n" });
    const report = await build();
    expect(report.ok).toBe(true);
    expect(report.documents).toBe(1);
    expect(report.warnings).toEqual(["empty.txt: empty document, skipped"]);
    expect(report.problems).toEqual([]);
  });

  it("leaves no temporary file beside the artifact: the manifest and one build folder", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "One." });
    expect((await build()).ok).toBe(true);
    expect((await readdir(artifactDir())).sort()).toEqual([path.basename(await buildDir()), "manifest.json"].sort());
  });
});

describe("buildCorpus: each bad input fails the build, named with its reason", () => {
  it("fails on a binary file", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "One.", "scan.txt": new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41]) });
    const report = await build();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ path: "scan.txt", reason: "binary file: documents must be UTF-8 text" }]);
    expect(existsSync(manifestFile())).toBe(false);
  });

  it("fails on invalid UTF-8, giving the byte offset", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "One.", "latin.txt": invalidUtf8 });
    const report = await build();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ path: "latin.txt", reason: "invalid UTF-8 at byte 22 (another encoding, such as Latin-1?)" }]);
  });

  it("reports a short Latin-1 text as invalid UTF-8 at its first accent, not as binary", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "One.", "fr.txt": new Uint8Array(Buffer.from("Le café était fermé.", "latin1")) });
    const report = await build();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ path: "fr.txt", reason: "invalid UTF-8 at byte 6 (another encoding, such as Latin-1?)" }]);
  });

  it("fails on an unreadable file (a dangling symbolic link)", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "One." });
    await symlink("missing-target", path.join(scratch.corpusDir, "bad.txt"));
    const report = await build();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ path: "bad.txt", reason: "unreadable: broken symbolic link (ENOENT)" }]);
  });

  it("ignores a broken symbolic link that is not a document, like any other such file", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "One." });
    await symlink("missing-target", path.join(scratch.corpusDir, "photo.jpg"));
    const report = await build();
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.ignored).toEqual(["photo.jpg"]);
  });

  it("names a pipe or device with a document name as unreadable instead of blocking on it", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "One." });
    execFileSync("mkfifo", [path.join(scratch.corpusDir, "pipe.txt")]);
    await symlink("/dev/zero", path.join(scratch.corpusDir, "zero.txt"));
    const report = await build();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      { path: "pipe.txt", reason: "unreadable: not a regular file" },
      { path: "zero.txt", reason: "unreadable: not a regular file" },
    ]);
  });

  it("fails on a file over maxFileBytes", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "One.", "big.txt": "x".repeat(11) });
    const report = await build({ maxFileBytes: 10 });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ path: "big.txt", reason: "too large: 11 bytes, the limit is 10" }]);
  });

  it("accepts a file of exactly maxFileBytes", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "x".repeat(10) });
    expect((await build({ maxFileBytes: 10 })).ok).toBe(true);
  });

  it("fails on duplicate ids, naming both files", async () => {
    await writeCorpus(scratch.corpusDir, { "a.md": "One.", "a.txt": "Two.", "b.txt": "Three." });
    const report = await build();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      { path: "a.md", reason: 'duplicate id "a": collides with a.txt' },
      { path: "a.txt", reason: 'duplicate id "a": collides with a.md' },
    ]);
  });

  it("fails on invalid front matter", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "One.", "b.md": "---\n- a list\n---\nBody." });
    const report = await build();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ path: "b.md", reason: "invalid front matter: expected key: value pairs" }]);
  });

  it("fails on an invalid manifest", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "One.", "manifest.json": '{"documents": {"a.txt": {"date": "soon"}}}' });
    const report = await build();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      { path: "manifest.json", reason: 'invalid manifest entry: a.txt: date must be an ISO 8601 date such as 2017-05-02, got "soon"' },
    ]);
  });

  it("with skipInvalid, drops only the bad manifest entry and keeps the good ones", async () => {
    await writeCorpus(scratch.corpusDir, {
      "a.txt": "One.",
      "b.txt": "Two.",
      "manifest.json": '{"documents": {"a.txt": {"source": "Reuters"}, "b.txt": {"date": "soon"}}}',
    });
    const report = await build({ skipInvalid: true });
    expect(report.ok).toBe(true);
    expect(report.problems.map((problem) => problem.path)).toEqual(["manifest.json"]);
    const artifact = await readArtifact();
    expect(artifact.documents.map(({ id, source, date }) => ({ id, source, date }))).toEqual([
      { id: "a", source: "Reuters", date: null },
      { id: "b", source: "unknown", date: null },
    ]);
  });

  it("fails on a corpus with no documents", async () => {
    await writeCorpus(scratch.corpusDir, { "notes.pdf": "not a document" });
    const report = await build();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      {
        path: scratch.corpusDir,
        reason: "empty corpus: no document with text in it (1 file(s) not read for their extension: notes.pdf); the build reads .txt, .md, .markdown, .html, .htm, .json, .jsonl, .ndjson",
      },
    ]);
    expect(existsSync(manifestFile())).toBe(false);
  });

  it("fails on a corpus whose documents are all empty", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "", "b.md": "\n\n" });
    const report = await build();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      { path: scratch.corpusDir, reason: "empty corpus: no document with text in it (2 document file(s) empty or unusable); the build reads .txt, .md, .markdown, .html, .htm, .json, .jsonl, .ndjson" },
    ]);
    expect(report.warnings).toEqual(["a.txt: empty document, skipped", "b.md: empty document, skipped"]);
  });

  it("fails on a corpus folder that does not exist", async () => {
    const missing = path.join(scratch.root, "no-such-folder");
    const report = await build({ corpusDir: missing });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ path: missing, reason: "the corpus folder does not exist or is not a folder" }]);
    expect(existsSync(scratch.assetsDir)).toBe(false);
  });

  it("fails on a corpus path that is a file", async () => {
    await writeCorpus(scratch.root, { "file.txt": "One." });
    const notAFolder = path.join(scratch.root, "file.txt");
    const report = await build({ corpusDir: notAFolder });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ path: notAFolder, reason: "the corpus folder does not exist or is not a folder" }]);
  });

  it("reports a folder that links back to its parent, without walking it forever", async () => {
    await writeCorpus(scratch.corpusDir, { "sub/a.txt": "One." });
    await symlink("..", path.join(scratch.corpusDir, "sub", "up"));
    const report = await build();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      { path: "sub/up", reason: "symbolic link loop: this folder links back to one that contains it" },
    ]);
  });

  it("reports a folder that links to itself", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "One." });
    await symlink(".", path.join(scratch.corpusDir, "self"));
    const report = await build();
    expect(report.problems).toEqual([
      { path: "self", reason: "symbolic link loop: this folder links back to one that contains it" },
    ]);
  });

  it("follows a folder link that is not a loop", async () => {
    await writeCorpus(scratch.root, { "elsewhere/b.txt": "Two." });
    await writeCorpus(scratch.corpusDir, { "a.txt": "One." });
    await symlink(path.join(scratch.root, "elsewhere"), path.join(scratch.corpusDir, "linked"));
    const report = await build();
    expect(report.ok).toBe(true);
    expect((await readArtifact()).documents.map(({ id, source }) => [id, source])).toEqual([
      ["a", "unknown"],
      ["linked/b", "linked"],
    ]);
  });
});

describe("buildCorpus: many bad inputs", () => {
  async function writeBadCorpus(): Promise<void> {
    await writeCorpus(scratch.corpusDir, {
      "good.txt": "The leaders spoke.",
      "a.md": "One.",
      "a.txt": "Two.",
      "big.txt": "x".repeat(201),
      "binary.txt": new Uint8Array([0x00, 0x01, 0x02, 0x03]),
      "fm.md": "---\ntitle: [unclosed\n---\nBody.",
      "latin.txt": invalidUtf8,
      "sub/c.txt": "Three.",
    });
    await symlink("missing-target", path.join(scratch.corpusDir, "bad.txt"));
    await symlink("..", path.join(scratch.corpusDir, "sub", "up"));
  }

  it("names every bad file with its reason in one run, not just the first", async () => {
    await writeBadCorpus();
    const report = await build({ maxFileBytes: 200 });
    expect(report.ok).toBe(false);
    expect(report.documents).toBe(2);
    expect(byPath(report.problems)).toEqual([
      { path: "a.md", reason: 'duplicate id "a": collides with a.txt' },
      { path: "a.txt", reason: 'duplicate id "a": collides with a.md' },
      { path: "bad.txt", reason: "unreadable: broken symbolic link (ENOENT)" },
      { path: "big.txt", reason: "too large: 201 bytes, the limit is 200" },
      { path: "binary.txt", reason: "binary file: documents must be UTF-8 text" },
      {
        path: "fm.md",
        reason: expect.stringMatching(/^invalid front matter: Flow sequence in block collection/) as unknown as string,
      },
      { path: "latin.txt", reason: "invalid UTF-8 at byte 22 (another encoding, such as Latin-1?)" },
      { path: "sub/up", reason: "symbolic link loop: this folder links back to one that contains it" },
    ]);
    expect(existsSync(scratch.assetsDir)).toBe(false);
  });

  it("with skipInvalid builds the good files and lists the bad ones as problems", async () => {
    await writeBadCorpus();
    const report = await build({ maxFileBytes: 200, skipInvalid: true });
    expect(report.ok).toBe(true);
    expect(report.documents).toBe(2);
    expect(byPath(report.problems).map((problem) => problem.path)).toEqual([
      "a.md",
      "a.txt",
      "bad.txt",
      "big.txt",
      "binary.txt",
      "fm.md",
      "latin.txt",
      "sub/up",
    ]);
    const artifact = await readArtifact();
    expect(artifact.documents.map((document) => document.id)).toEqual(["good", "sub/c"]);
    expect(artifact.meta.documents).toBe(2);
    expect(report.bytesIn).toBe("The leaders spoke.".length + "Three.".length);
  });

  it("fails on a bad JSON record, naming its file and line; with skipInvalid keeps the file's good records", async () => {
    await writeCorpus(scratch.corpusDir, { "log.jsonl": '{"id": "a", "text": "One."}\n{"id": "b", "date": "someday", "text": "Two."}\n{"id": "c", "text": "Three."}' });
    const failed = await build();
    expect(failed.ok).toBe(false);
    expect(failed.problems).toEqual([{ path: "log.jsonl", reason: 'line 2: date must be an ISO 8601 date such as 2017-05-02, got "someday"' }]);
    expect(existsSync(manifestFile())).toBe(false);
    const skipped = await build({ skipInvalid: true });
    expect(skipped.ok).toBe(true);
    expect((await readArtifact()).documents.map((document) => document.id)).toEqual(["log/a", "log/c"]);
    expect(skipped.bytesIn).toBe((await readFile(path.join(scratch.corpusDir, "log.jsonl"))).length);
  });

  it("with skipInvalid still fails when no good document is left", async () => {
    await writeCorpus(scratch.corpusDir, { "binary.txt": new Uint8Array([0x00, 0x01]) });
    const report = await build({ skipInvalid: true });
    expect(report.ok).toBe(false);
    expect(byPath(report.problems)).toEqual([
      { path: scratch.corpusDir, reason: "empty corpus: no document with text in it (1 document file(s) empty or unusable); the build reads .txt, .md, .markdown, .html, .htm, .json, .jsonl, .ndjson" },
      { path: "binary.txt", reason: "binary file: documents must be UTF-8 text" },
    ]);
    expect(existsSync(manifestFile())).toBe(false);
  });
});

describe("buildCorpus: publishing", () => {
  it("leaves the previous artifact byte-for-byte untouched when a build fails", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "One." });
    expect((await build()).ok).toBe(true);
    const before = await snapshot();

    const badCorpus = path.join(scratch.root, "bad-corpus");
    await writeCorpus(badCorpus, { "a.txt": "Changed.", "binary.txt": new Uint8Array([0x00]) });
    expect((await build({ corpusDir: badCorpus })).ok).toBe(false);

    expect(sameFiles(await snapshot(), before)).toBe(true);
  });

  it("replaces the previous artifact when a build succeeds, and removes the old build", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "One." });
    await build();
    const otherCorpus = path.join(scratch.root, "other");
    await writeCorpus(otherCorpus, { "b.txt": "Two." });
    expect((await build({ corpusDir: otherCorpus })).ok).toBe(true);
    expect((await readArtifact()).documents.map((document) => document.id)).toEqual(["b"]);
    expect((await readdir(artifactDir())).sort()).toEqual([path.basename(await buildDir()), "manifest.json"].sort());
  });

  it("changes the assets folder only by adding its build, replacing the manifest and moving old builds out: no staging there for wrangler dev to trip on", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "One." });
    await build();
    const seen: string[] = [];
    // wrangler dev watches the assets folder and stats what it lists; a folder that vanishes in between stops it.
    const watcher = watch(artifactDir(), (_event, name) => seen.push(String(name)));
    const otherCorpus = path.join(scratch.root, "other");
    await writeCorpus(otherCorpus, { "b.txt": "Two." });
    const old = path.basename(await buildDir());
    expect((await build({ corpusDir: otherCorpus })).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    watcher.close();
    const current = path.basename(await buildDir());
    expect(new Set(seen)).toEqual(new Set([current, "manifest.json", old]));
    // The work folder beside the assets folder is left empty.
    expect(await readdir(workFolderOf(scratch.assetsDir))).toEqual([]);
  });

  it("removes its temporary files when the manifest cannot be written", async () => {
    await writeCorpus(scratch.corpusDir, { "a.txt": "One." });
    // A folder where the manifest should go makes its final rename fail.
    await mkdir(path.join(manifestFile(), "blocker"), { recursive: true });
    await expect(build()).rejects.toThrow();
    const left = await readdir(artifactDir(), { recursive: true });
    expect(left.filter((name) => name.includes(".tmp") || name.includes(".staging-"))).toEqual([]);
    expect(await readdir(workFolderOf(scratch.assetsDir))).toEqual([]);
    expect(await readdir(manifestFile())).toEqual(["blocker"]);
  });

  it("gives byte-identical artifacts for two builds of the same corpus", async () => {
    await writeCorpus(scratch.corpusDir, {
      "a.txt": "Talks on Syria\n\nThe leaders spoke.",
      "reuters/b.txt": "date 2017-05-02 A ceasefire.",
      "manifest.json": '{"documents": {"a.txt": {"source": "AP"}}}',
    });
    await build();
    const secondAssets = path.join(scratch.root, "assets-2");
    await build({ assetsDir: secondAssets });
    expect(sameFiles(await snapshot(secondAssets), await snapshot())).toBe(true);
  });

  it("gives byte-identical artifacts for a copy whose files were created in another order", async () => {
    const files: Record<string, string> = {
      "a.txt": "Talks on Syria\n\nThe leaders spoke.",
      "b.md": "---\ndate: 2017-05-02\n---\nA ceasefire.",
      "reuters/c.txt": "They will meet in July.",
      "reuters/d.txt": "date 2016 An old one.",
      "manifest.json": '{"documents": {"a.txt": {"source": "AP"}}}',
    };
    await writeCorpus(scratch.corpusDir, files);
    const copy = path.join(scratch.root, "copy");
    await writeCorpus(copy, Object.fromEntries(Object.entries(files).reverse()));
    const copyAssets = path.join(scratch.root, "assets-copy");

    await build();
    await build({ corpusDir: copy, assetsDir: copyAssets });
    expect(sameFiles(await snapshot(copyAssets), await snapshot())).toBe(true);
  });
});

describe("buildCorpus: streaming on threads", () => {
  // Batches of two documents and blocks of a few terms: the corpus is cut every way a large one is.
  const small: ArtifactLayout = {
    blocks: { postingsBytes: 64, terms: 3, spelledEntries: 3, positionsBytes: 64 },
    textChunkChars: 40,
    batchDocuments: 2,
  };
  const files: Record<string, string> = {
    "a.txt": "Talks on Syria\n\nThe leaders spoke of safe zones.",
    "b.md": "---\ndate: 2017-05-02\ntitle: Ceasefire\n---\n## Summary\n\nA ceasefire in Syria, and safe zones.",
    "reuters/c.txt": "They will meet in July to talk about the cease-fire.",
    "reuters/d.txt": "date 2016 An old one about zones.",
    "ap/e.txt": "Putin and Trump spoke by phone about Syria.",
    "ap/f.txt": "The White House readout says the two leaders discussed safe zones.",
    "page.html": '<html><head><title>A page</title><meta name="author" content="Jane Doe"></head><body><nav>Menu</nav><p>Safe zones, said the page.</p></body></html>',
    // Records, one per line, read again for each batch that holds one.
    "catalogue/items.jsonl": [
      '{"sku": "x1", "name": "Zone map", "body": "A map of the zones.", "tags": ["maps", "syria"], "author": "Ana Lima"}',
      '{"sku": "x2", "name": "Phone", "body": "For calls about Syria.", "tags": ["phones"]}',
      '{"sku": "x3", "name": "Talks guide", "body": "How the talks work.", "author": "Jane Doe"}',
    ].join("\n"),
    "manifest.json": JSON.stringify({
      documents: { "a.txt": { source: "AP" } },
      fields: { author: { facet: true } },
      records: { id: "sku", title: "name" },
    }),
  };

  it("gives the same artifact on worker threads, in this thread, and built in memory from the same documents", { timeout: 60_000 }, async () => {
    await writeCorpus(scratch.corpusDir, files);
    const threaded = await build({ layout: small, threads: 2 });
    const inThread = await build({ assetsDir: path.join(scratch.root, "assets-one-thread"), layout: small, threads: 0 });
    expect(threaded.ok && inThread.ok).toBe(true);
    expect(path.basename(threaded.artifactPath)).toBe(path.basename(inThread.artifactPath));
    expect(sameFiles(await snapshot(path.join(scratch.root, "assets-one-thread")), await snapshot())).toBe(true);

    const contents = await readCorpus(scratch.corpusDir);
    const { documents, settings } = documentsFromFiles(contents.files, contents.manifest);
    expect(documents.map((document) => document.id)).toContain("catalogue/items/x2");
    const facts = { contentHash: contentHash(contents.files, contents.manifest), buildVersion: (await readArtifact()).meta.buildVersion };
    expect(buildArtifact(documents, facts, small, settings).build).toBe(path.basename(threaded.artifactPath));
    expect((await readArtifact()).documents).toEqual(documents);
  });

  it("reports every file that changed between its two reads, and publishes nothing", { timeout: 60_000 }, async () => {
    await writeCorpus(scratch.corpusDir, files);
    await build();
    const before = await snapshot();
    let changed = false;
    const report = await build({
      layout: small,
      threads: 0,
      // Once the first batch is indexed, two files of later batches change.
      onProgress: ({ stage }) => {
        if (stage !== "index" || changed) return;
        changed = true;
        writeFileSync(path.join(scratch.corpusDir, "reuters/c.txt"), "Something else entirely.");
        writeFileSync(path.join(scratch.corpusDir, "ap/f.txt"), "Rewritten.");
      },
    });
    expect(report.ok).toBe(false);
    expect(report.problems.map(({ path: file, reason }) => [file, reason])).toEqual([
      ["ap/f.txt", "changed while the build was running; build again"],
      ["reuters/c.txt", "changed while the build was running; build again"],
    ]);
    expect(sameFiles(await snapshot(), before)).toBe(true);
  });
});

describe("buildCorpus: shared passages", () => {
  // a and b carry one wire story (near-copies); c quotes a sentence of it (less than half of either side); d shares nothing.
  const story =
    "The two leaders discussed the creation of safe zones in Syria to help civilians, and agreed that the suffering there must end, the White House said on Tuesday " +
    "in a statement released after the call, which lasted close to an hour and was described by officials on both sides as constructive";
  const files: Record<string, string> = {
    "a.txt": `${story}.`,
    "b.txt": `${story}, adding that more talks would follow.`,
    "c.txt":
      "Asked about the call, a spokesman for the Kremlin would only repeat that the two leaders discussed the creation of safe zones in Syria to help civilians. " +
      "He declined to say whether a meeting was planned, or when, and referred further questions to the foreign ministry in Moscow.",
    "d.txt": "Markets were calm on Wednesday.",
  };
  /** Words of the corpus's texts as passages read them, counted here the simple way. */
  const corpusWords = async () => (await readArtifact()).documents.reduce((sum, document) => sum + wordCount(passageWords(document.text)), 0);
  /** What the build recorded: each position's related ids (related/0.json), its copy group (copies.bin), and meta.json's count. */
  const recorded = async () => {
    const dir = await buildDir();
    const related = JSON.parse(await readFile(path.join(dir, "related/0.json"), "utf8")) as ([string, ...unknown[]][] | null)[];
    const meta = JSON.parse(await readFile(path.join(dir, "meta.json"), "utf8")) as IndexMeta;
    return {
      related: related.map((entries) => entries && entries.map(([id]) => id)),
      copies: [...decodeCopies(await readFile(path.join(dir, "copies.bin")), related.length)],
      inGroups: meta.copies,
    };
  };

  it("finds them: a and b are near-copies, c shares a sentence with both, d nothing", async () => {
    await writeCorpus(scratch.corpusDir, files);
    const report = await build();
    expect(report.ok).toBe(true);
    expect(report.warnings).toEqual([]);
    // Undated documents, in id order: a, b, c, d.
    expect(await recorded()).toEqual({ related: [["b", "c"], ["a", "c"], ["a", "b"], null], copies: [0, 0, -1, -1], inGroups: 2 });
  });

  it("writes the same artifact, byte for byte, with the fingerprints cut into many hash partitions as with one", async () => {
    await writeCorpus(scratch.corpusDir, files);
    const words = await build().then(corpusWords);
    const one = await build({ passageWordsPerPartition: words });
    // A partition of 7 words: each of a dozen partitions holds a few of the fingerprints.
    const many = await build({ passageWordsPerPartition: 7, threads: 2 });
    expect(words / 7).toBeGreaterThan(12);
    expect([one.ok, many.ok]).toEqual([true, true]);
    // A build is named by a hash of its files: the same name, the same files.
    expect(path.basename(many.artifactPath)).toBe(path.basename(one.artifactPath));
    expect(await recorded()).toEqual({ related: [["b", "c"], ["a", "c"], ["a", "b"], null], copies: [0, 0, -1, -1], inGroups: 2 });
  });
});
