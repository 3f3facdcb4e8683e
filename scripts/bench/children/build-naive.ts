/**
 * Child: the naive baseline's build of one corpus: the same documents as our
 * build reads, into a MiniSearch with the text stored, written as
 * JSON.stringify(miniSearch). Prints NaiveBuildOutcome as JSON.
 * Args: --corpus DIR --assets DIR
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import MiniSearch from "minisearch";
import { answer, childArgs, requiredArg } from "../child";
import { readDocuments } from "../documents";
import { NAIVE_ASSET_PATH, NAIVE_OPTIONS, type NaiveDocument } from "../naive/options";

export interface NaiveBuildOutcome {
  documents: number;
  /** Reading the corpus, indexing, serializing and writing. */
  milliseconds: number;
  peakRssMiB: number;
}

const args = childArgs();
const assetsDir = requiredArg(args, "assets");
rmSync(assetsDir, { recursive: true, force: true });
const started = performance.now();
const documents = await readDocuments(requiredArg(args, "corpus"));
const miniSearch = new MiniSearch<NaiveDocument>(NAIVE_OPTIONS);
miniSearch.addAll(documents);
const json = JSON.stringify(miniSearch);
const file = path.join(assetsDir, ...NAIVE_ASSET_PATH.split("/").filter(Boolean));
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, json);
const outcome: NaiveBuildOutcome = {
  documents: documents.length,
  milliseconds: performance.now() - started,
  peakRssMiB: process.resourceUsage().maxRSS / 1024,
};
answer(outcome);
