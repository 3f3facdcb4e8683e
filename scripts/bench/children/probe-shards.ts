/**
 * Child: each shard's artifact opened in Node as its Worker opens it
 * (openSearchIndex over the folder), and every query class answered as the
 * shard answers its router (routes/shard.ts): the request the router sends
 * (shardRequest of the validated request), parsed again on the shard, then
 * rankedAnswer with every facet value. Timed as probe-ours times search():
 * one run to read its blocks, then repeated after warm-up, wall and CPU
 * (process.cpuUsage). One shard after the other, in one process. Prints
 * ShardProbeOutcome as JSON.
 * Args: --shards FILE (JSON: the shards' asset folders) --queries FILE --budget-ms N
 */
import { readFileSync } from "node:fs";
import { directoryReader } from "../../../src/corpus/artifact-files";
import { openSearchIndex } from "../../../src/search/load";
import { parseSearchRequest } from "../../../src/search/query";
import { rankedAnswer } from "../../../src/search/search";
import { requestFromShard, shardRequest, type ShardRequest } from "../../../src/shards/protocol";
import { answer, childArgs, requiredArg } from "../child";
import type { QueryCase } from "../queries";
import { timeRepeatedAsync } from "../stats";
import type { TimedQuery } from "./probe-types";

export interface ShardProbeOutcome {
  /** Per shard, per query class (in the order of the cases): its timing, or why there is none. */
  shards: { documents: number; classes: { class: string; timing?: TimedQuery; error?: string }[] }[];
}

const args = childArgs();
const folders = JSON.parse(readFileSync(requiredArg(args, "shards"), "utf8")) as string[];
const cases = JSON.parse(readFileSync(requiredArg(args, "queries"), "utf8")) as QueryCase[];
const budgetMs = Number(args["budget-ms"] ?? 750);

const outcome: ShardProbeOutcome = { shards: [] };
for (const folder of folders) {
  const index = await openSearchIndex(directoryReader(folder));
  const classes: ShardProbeOutcome["shards"][number]["classes"] = [];
  for (const queryCase of cases) {
    let body: ShardRequest;
    try {
      body = shardRequest(parseSearchRequest(new URLSearchParams({ q: queryCase.q })));
    } catch (error) {
      // Refused before any shard is asked: the router answers 400.
      classes.push({ class: queryCase.class, error: (error as Error).message });
      continue;
    }
    const run = () => rankedAnswer(index, requestFromShard(body), { first: 0, content: body.limit, facetValues: Infinity });
    try {
      const total = (await run()).total;
      classes.push({ class: queryCase.class, timing: { ...(await timeRepeatedAsync(run, { budgetMs })), total } });
    } catch (error) {
      classes.push({ class: queryCase.class, error: (error as Error).message });
    }
  }
  outcome.shards.push({ documents: index.documentCount, classes });
}
answer(outcome);
