/**
 * The Worker in front of a corpus split into shards: it serves what
 * router.json says of the whole corpus, asks every shard Worker (service
 * bindings SHARD_0…) each question at once, and merges their answers
 * (gather.ts). A document lives in one shard, found by its id's hash.
 *
 * Each call has a deadline: a shard that fails, is late or answers with
 * another build than router.json names is a ShardFailure (503
 * shard_unavailable, or left out of a partial answer).
 */
import type { Bindings } from "../env";
import { ApiError } from "../errors";
import { ARTIFACT_FORMAT } from "../search/options";
import { artifactPaths, type RouterManifest } from "../search/artifact";
import { bucketOf, shardOf } from "../search/index/hash";
import { ArtifactError } from "../search/load";
import type { SearchRequest } from "../search/query";
import type { RankedRows } from "../search/search";
import type { ServedCorpus } from "../served-corpus";
import { searchShards, ShardFailure, suggestShards, type Shard } from "./gather";
import { SHARD_PATHS, shardRequest, type ShardAnswers, type ShardQuestions, type ShardReply } from "./protocol";

/** How long a shard may take to answer by default, in milliseconds: well within a request's CPU and wall-clock budget. */
export const DEFAULT_SHARD_DEADLINE_MS = 5000;

// One router per assets binding (in practice one per isolate), as search-index.ts keeps one index.
const routers = new WeakMap<Fetcher, Promise<ServedCorpus>>();

/** The router over this Worker's shards, loaded once per isolate (a failed load is forgotten). */
export function routerOf(env: Bindings): Promise<ServedCorpus> {
  let loading = routers.get(env.ASSETS);
  if (!loading) {
    loading = loadRouter(env).catch((error: unknown) => {
      routers.delete(env.ASSETS);
      throw error;
    });
    routers.set(env.ASSETS, loading);
  }
  return loading;
}

export function forgetRouter(env: Bindings): void {
  routers.delete(env.ASSETS);
}

async function loadRouter(env: Bindings): Promise<ServedCorpus> {
  const manifest = await readManifest(env.ASSETS);
  const deadline = Number(env.SHARD_DEADLINE_MS ?? DEFAULT_SHARD_DEADLINE_MS);
  if (!(deadline > 0)) throw new ApiError("index_unavailable", `SHARD_DEADLINE_MS must be a positive number of milliseconds, not "${env.SHARD_DEADLINE_MS}"`);
  const shards = manifest.shards.map((build, number) => {
    const binding = env[`SHARD_${number}`];
    if (!binding) throw new ApiError("index_unavailable", `the corpus has ${manifest.shards.length} shards, and this Worker has no binding SHARD_${number}; deploy the configuration the build wrote`);
    return new ShardEndpoint(number, binding, build, deadline);
  });
  return new ShardedCorpus(manifest, shards, env.ASSETS);
}

async function readManifest(assets: Fetcher): Promise<RouterManifest> {
  let manifest: RouterManifest;
  try {
    const response = await assets.fetch(`https://assets.local${artifactPaths.router}`);
    if (!response.ok) throw new ArtifactError("this Worker routes to shards, and its router.json is missing; run `npm run build:index -- --shards N` and deploy what it wrote");
    manifest = (await response.json()) as RouterManifest;
  } catch (error) {
    throw error instanceof ArtifactError ? new ApiError("index_unavailable", error.message) : new ApiError("index_unavailable", `router.json could not be read (${(error as Error).message})`);
  }
  if (manifest.artifactFormat !== ARTIFACT_FORMAT || !Array.isArray(manifest.shards) || manifest.shards.length === 0 || !(Number.isInteger(manifest.placedBuckets) && manifest.placedBuckets >= 0) || !(Number.isInteger(manifest.copies) && manifest.copies >= 0)) {
    throw new ApiError("index_unavailable", "router.json is from another version or damaged; rebuild with `npm run build:index -- --shards N` and redeploy");
  }
  return manifest;
}

/** One bucket of placed documents (id → shard), checked: a shard number past the shards is a damaged router. */
async function readPlaced(assets: Fetcher, build: string, bucket: number, shards: number): Promise<Record<string, number>> {
  const response = await assets.fetch(`https://assets.local${artifactPaths.placed(build, bucket)}`);
  const damaged = () => new ApiError("index_unavailable", `the router's placed/${bucket}.json is missing or damaged; rebuild with \`npm run build:index -- --shards N\` and redeploy`);
  if (!response.ok) throw damaged();
  const placed = (await response.json().catch(() => null)) as unknown;
  if (typeof placed !== "object" || placed === null || Array.isArray(placed)) throw damaged();
  if (!Object.values(placed).every((shard) => Number.isInteger(shard) && shard >= 0 && shard < shards)) throw damaged();
  return placed as Record<string, number>;
}

class ShardedCorpus implements ServedCorpus {
  readonly meta;
  readonly build;
  readonly years;
  readonly fields;
  readonly copies: number;
  private readonly facetFields: string[];
  private readonly placedBuckets: number;
  /** placed/<n>.json buckets read so far: at most the corpus's near-copies, a few bytes each. */
  private readonly placed = new Map<number, Promise<Record<string, number>>>();

  constructor(
    manifest: RouterManifest,
    private readonly shards: readonly ShardEndpoint[],
    private readonly assets: Fetcher,
  ) {
    this.placedBuckets = manifest.placedBuckets;
    this.copies = manifest.copies;
    this.meta = manifest.meta;
    // The shards are cut from the corpus's build, and answer as it does: one build, whatever the shard count.
    this.build = manifest.corpusBuild;
    this.years = manifest.years;
    this.fields = manifest.fields;
    this.facetFields = manifest.fields.filter((field) => field.facet).map((field) => field.name);
  }

  search(request: SearchRequest) {
    return searchShards(this.shards, request, this.facetFields);
  }

  suggest(q: string, limit: number) {
    return suggestShards(this.shards, q, limit);
  }

  async document(id: string) {
    return (await (await this.owner(id)).ask("document", { id: id.normalize("NFC") })) ?? undefined;
  }

  async reading(id: string, request: SearchRequest) {
    return (await (await this.owner(id)).ask("reading", { id: id.normalize("NFC"), request: shardRequest(request) })) ?? undefined;
  }

  async shardHealth() {
    const replies = await Promise.all(this.shards.map((shard) => shard.ask("health", {})));
    return replies.map(({ place, documents }, number) => ({ shard: place.shard, documents, build: this.shards[number]!.build }));
  }

  /** The shard that holds the document with this id, if any does: the one its id hashes to, unless the split placed it with its copy group. */
  private async owner(id: string): Promise<ShardEndpoint> {
    const normalized = id.normalize("NFC");
    const placed = this.placedBuckets > 0 ? (await this.placedBucket(bucketOf(normalized, this.placedBuckets)))[normalized] : undefined;
    return this.shards[placed ?? shardOf(normalized, this.shards.length)]!;
  }

  private placedBucket(bucket: number): Promise<Record<string, number>> {
    let loaded = this.placed.get(bucket);
    if (!loaded) {
      loaded = readPlaced(this.assets, this.build, bucket, this.shards.length);
      this.placed.set(bucket, loaded);
      loaded.catch(() => this.placed.delete(bucket));
    }
    return loaded;
  }
}

/** One shard Worker, behind its service binding. */
class ShardEndpoint implements Shard {
  constructor(
    readonly number: number,
    private readonly binding: Fetcher,
    /** The build router.json says this shard serves. */
    readonly build: string,
    private readonly deadlineMs: number,
  ) {}

  search(request: SearchRequest, { first, content }: RankedRows) {
    return this.ask("search", { request: shardRequest(request), first, content: Number.isFinite(content) ? content : null });
  }

  strictTotal(request: SearchRequest) {
    return this.ask("strictTotal", shardRequest(request));
  }

  suggestionCounts(q: string) {
    return this.ask("suggest", { q });
  }

  /** Asks the shard; throws ShardFailure when it fails, is late, or serves another build. */
  async ask<K extends keyof ShardAnswers>(question: K, body: ShardQuestions[K]): Promise<ShardAnswers[K]> {
    const controller = new AbortController();
    let timer = 0 as unknown as ReturnType<typeof setTimeout>;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new ShardFailure(this.number, `no answer within ${this.deadlineMs} ms`));
      }, this.deadlineMs);
    });
    try {
      return await Promise.race([this.fetchAnswer(question, body, controller.signal), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async fetchAnswer<K extends keyof ShardAnswers>(question: K, body: ShardQuestions[K], signal: AbortSignal): Promise<ShardAnswers[K]> {
    let response: Response;
    try {
      response = await this.binding.fetch(`https://shard-${this.number}.internal${SHARD_PATHS[question]}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        signal,
      });
    } catch (error) {
      throw new ShardFailure(this.number, `the call failed (${(error as Error).message})`);
    }
    let reply: ShardReply<ShardAnswers[K]> | { error?: { message?: string } };
    try {
      reply = (await response.json()) as typeof reply;
    } catch {
      throw new ShardFailure(this.number, `it answered ${response.status} without JSON`);
    }
    if (!response.ok || !("build" in reply)) {
      const message = "error" in reply ? reply.error?.message : undefined;
      throw new ShardFailure(this.number, `it answered ${response.status}${message ? `: ${message}` : ""}`);
    }
    if (reply.build !== this.build) {
      throw new ShardFailure(this.number, `it serves build ${reply.build}, and the router expects ${this.build} (a deploy under way? deploy every shard, then the router)`);
    }
    return reply.answer;
  }
}
