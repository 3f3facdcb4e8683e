/**
 * Child: our build of one corpus (buildCorpus, as npm run build:index runs
 * it), timed from a fresh process. Prints BuildOutcome as JSON.
 * Args: --corpus DIR --assets DIR
 */
import { rmSync } from "node:fs";
import { buildCorpus } from "../../../src/corpus/run";
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
}

const args = childArgs();
const assetsDir = requiredArg(args, "assets");
// Only this build's files are measured.
rmSync(assetsDir, { recursive: true, force: true });
const started = performance.now();
const report = await buildCorpus({ corpusDir: requiredArg(args, "corpus"), assetsDir, skipInvalid: true });
const milliseconds = performance.now() - started;
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
};
answer(outcome);
