/**
 * Vitest global setup for the Worker tests. The Workers integration does not
 * run wrangler's build, so this builds the seeds into the assets folder the
 * Worker serves (CORPUS_DIR is ignored on purpose: the tests assert on the
 * seeds), and builds a second, nested corpus whose artifact tests can hand
 * to the app through an assets binding of their own.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildCorpus } from "../../src/corpus/run";
import { ARTIFACT_ASSET_PATH } from "../../src/search/artifact";

import "./provided";

/** A user's corpus: folders as sources, front matter, a file at the root. */
const NESTED_CORPUS: Record<string, string> = {
  "reuters/2017/astana.md":
    "---\ntitle: Talks in Astana\ndate: 2017-05-03\nurl: https://example.org/astana\n---\nCeasefire talks opened in Astana with a U.S. observer.\n",
  "ap/readout.txt": "Kremlin readout\n\nPutin and Trump spoke about safe zones in Syria.\n",
  "notes.txt": "date 2017-04 Notes about <b>zones</b> & markup.\n",
};

async function build(corpusDir: string, assetsDir: string): Promise<void> {
  const report = await buildCorpus({ corpusDir, assetsDir });
  if (!report.ok) {
    const problems = report.problems.map((problem) => `${problem.path}: ${problem.reason}`).join("\n");
    throw new Error(`building ${corpusDir} failed:\n${problems}`);
  }
}

export default async function setup(project: TestProject): Promise<void> {
  await build("seeds", ".build/assets");

  const scratch = await mkdtemp(path.join(tmpdir(), "corpus-search-nested-"));
  try {
    for (const [file, text] of Object.entries(NESTED_CORPUS)) {
      await mkdir(path.dirname(path.join(scratch, "corpus", file)), { recursive: true });
      await writeFile(path.join(scratch, "corpus", file), text);
    }
    await build(path.join(scratch, "corpus"), path.join(scratch, "assets"));
    const artifact = await readFile(path.join(scratch, "assets", ...ARTIFACT_ASSET_PATH.split("/")), "utf8");
    project.provide("nestedArtifact", artifact);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
