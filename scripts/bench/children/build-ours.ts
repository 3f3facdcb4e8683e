/**
 * Child: our build of one corpus (buildCorpus, as npm run build:index runs
 * it), timed from a fresh process, stage by stage too (build-stages.ts).
 * Prints OursBuildOutcome as JSON.
 * Args: --corpus DIR --assets DIR
 */
import { rmSync } from "node:fs";
import { buildCorpus } from "../../../src/corpus/run";
import { StageWatch, type StageCost } from "../build-stages";
import { answer, childArgs, requiredArg } from "../child";

export interface OursBuildOutcome {
  documents: number;
  bytesIn: number;
  milliseconds: number;
  /** Files left out (as --skip-invalid does), with the first few reasons. */
  problems: number;
  firstProblems: string[];
  warnings: string[];
  peakRssMiB: number;
  /**
   * Each stage the build reported, in order: its time (together, the build's)
   * and the process's peak RSS during it. Absent from the previous design's
   * build (its own tree's child) and from results written before.
   */
  stages?: StageCost[];
}

const args = childArgs();
const assetsDir = requiredArg(args, "assets");
// Only this build's files are measured.
rmSync(assetsDir, { recursive: true, force: true });
const stages = await StageWatch.start();
const started = performance.now();
const report = await buildCorpus({ corpusDir: requiredArg(args, "corpus"), assetsDir, skipInvalid: true, onProgress: stages.onProgress });
const ended = performance.now();
const milliseconds = ended - started;
if (!report.ok) throw new Error(`bench: the build wrote nothing: ${report.problems.slice(0, 3).map((p) => `${p.path}: ${p.reason}`).join("; ")}`);
const outcome: OursBuildOutcome = {
  documents: report.documents,
  bytesIn: report.bytesIn,
  milliseconds,
  problems: report.problems.length,
  firstProblems: report.problems.slice(0, 3).map((problem) => `${problem.path}: ${problem.reason}`),
  // As the build gave them (an artifact over the asset limit is one; the sizes report it too).
  warnings: report.warnings,
  peakRssMiB: process.resourceUsage().maxRSS / 1024,
  stages: await stages.finish(ended),
};
answer(outcome);
