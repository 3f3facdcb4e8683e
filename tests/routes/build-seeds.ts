/**
 * Vitest global setup for the Worker tests: the Workers integration does not
 * run wrangler's build, so build the seeds into the assets folder first.
 * CORPUS_DIR is ignored on purpose: these tests assert on the seeds.
 */
import { buildCorpus } from "../../src/corpus/run";

export default async function buildSeeds(): Promise<void> {
  const report = await buildCorpus({ corpusDir: "seeds", assetsDir: ".build/assets" });
  if (!report.ok) {
    const problems = report.problems.map((problem) => `${problem.path}: ${problem.reason}`).join("\n");
    throw new Error(`building the seed index failed:\n${problems}`);
  }
}
