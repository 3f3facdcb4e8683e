/**
 * What a shard Worker answers its router (shards/protocol.ts): POSTs of
 * JSON on /_shard/…, each reply carrying the shard's build. Only an
 * artifact that is a shard answers them; a shard Worker is deployed with
 * no public route, so its router is the only caller.
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { searchIndexOf } from "../search-index";
import type { SearchIndex } from "../search/load";
import { documentById } from "../search/document";
import { markDocument, rankedAnswer, strictTotalOf } from "../search/search";
import { suggestionCounts } from "../search/suggest";
import { requestFromShard, SHARD_PATHS, type ShardAnswers, type ShardQuestions, type ShardReply } from "../shards/protocol";

type Answer<K extends keyof ShardAnswers> = (index: SearchIndex, body: ShardQuestions[K]) => Promise<ShardAnswers[K]>;

const ANSWERS: { [K in keyof ShardAnswers]: Answer<K> } = {
  // Every facet value: the router adds the shards' counts up before it keeps the most frequent.
  search: (index, { request, first, content }) => rankedAnswer(index, requestFromShard(request), { first, content: content ?? Infinity, facetValues: Infinity }),
  strictTotal: (index, request) => strictTotalOf(index, requestFromShard(request)),
  suggest: (index, { q }) => suggestionCounts(index, q),
  document: async (index, { id }) => (await documentById(index, id)) ?? null,
  async reading(index, { id, request }) {
    const position = await index.positionOf(id);
    if (position === undefined) return null;
    const [marked, records] = await Promise.all([markDocument(index, requestFromShard(request), position), index.records([position])]);
    return { record: records.get(position)!, marked };
  },
  health: async (index) => ({ place: index.shard!, documents: index.documentCount }),
};

export const shardRoutes = new Hono<AppEnv>();
for (const [question, path] of Object.entries(SHARD_PATHS) as [keyof ShardAnswers, string][]) {
  shardRoutes.post(path, (c) => answer(c, question));
}

async function answer<K extends keyof ShardAnswers>(c: Context<AppEnv>, question: K): Promise<Response> {
  const index = await searchIndexOf(c.env.ASSETS);
  if (!index.shard) throw new ApiError("not_found", `no route for ${c.req.method} ${c.req.path}: this Worker's corpus is not split into shards`);
  let body: ShardQuestions[K];
  try {
    body = await c.req.json<ShardQuestions[K]>();
  } catch {
    throw new ApiError("invalid_parameter", "a shard question is a JSON body");
  }
  // Only the router calls, and it sends these; anything else gets a 400, not a 500.
  if (!wellFormed(question, body)) throw new ApiError("invalid_parameter", `a shard's ${question} question is a JSON object as its router sends it`);
  const reply: ShardReply<ShardAnswers[K]> = { build: index.build, answer: await (ANSWERS[question] as Answer<K>)(index, body) };
  return c.json(reply);
}

function wellFormed(question: keyof ShardAnswers, body: unknown): boolean {
  if (typeof body !== "object" || body === null) return false;
  const fields = body as Record<string, { q?: unknown } | unknown>;
  if (question === "health") return true;
  if (question === "document") return typeof fields.id === "string";
  if (question === "reading" || question === "search") {
    const request = fields.request as { q?: unknown } | null | undefined;
    return typeof request?.q === "string" && (question === "reading" ? typeof fields.id === "string" : Number.isInteger(fields.first));
  }
  return typeof fields.q === "string";
}
