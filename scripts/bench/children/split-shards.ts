/**
 * Child: our artifact of a corpus, already built and linked as <root>/whole,
 * split into N shards with writeShards (src/corpus/shard-build.ts), as
 * `npm run build:index -- --shards N` splits it after its build: each
 * shard's artifact, the router's router.json and every Worker's wrangler
 * configuration. Timed from a fresh process, with its peak RSS. Prints
 * SplitOutcome as JSON.
 * Args: --root DIR --shards N --name WORKER --compatibility-date DATE --main FILE
 */
import { writeShards, type ShardedBuild } from "../../../src/corpus/shard-build";
import { answer, childArgs, requiredArg } from "../child";
import { ROOT } from "../paths";

export interface SplitOutcome {
  milliseconds: number;
  peakRssMiB: number;
  sharded: ShardedBuild;
}

const args = childArgs();
const started = performance.now();
const sharded = await writeShards(
  requiredArg(args, "root"),
  Number(requiredArg(args, "shards")),
  { name: requiredArg(args, "name"), compatibilityDate: requiredArg(args, "compatibility-date"), main: requiredArg(args, "main") },
  ROOT,
);
const outcome: SplitOutcome = { milliseconds: performance.now() - started, peakRssMiB: process.resourceUsage().maxRSS / 1024, sharded };
answer(outcome);
