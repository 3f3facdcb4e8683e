/**
 * What the routes serve: the corpus, from one artifact in this Worker's
 * assets, or, when the corpus is split into shards, from the shard Workers
 * this one routes to (shards/router.ts). The routes ask the same questions
 * of both and get the same answers.
 */
import type { Bindings } from "./env";
import { ApiError } from "./errors";
import type { BuildMeta, DocumentRecord, FieldInfo } from "./search/artifact";
import { documentById, type DocumentWithRelated } from "./search/document";
import type { SearchIndex } from "./search/load";
import type { SearchRequest } from "./search/query";
import { markDocument, search } from "./search/search";
import { suggest, type Suggestion } from "./search/suggest";
import { forgetSearchIndex, searchIndexOf } from "./search-index";
import type { GatheredResult } from "./shards/gather";
import { routerOf, forgetRouter } from "./shards/router";

export interface ServedCorpus {
  /** The whole corpus's build facts (/health, /sources). */
  readonly meta: BuildMeta;
  /** Changes whenever an answer may: ETags and the edge cache are keyed by it. */
  readonly build: string;
  readonly years: { first: string; last: string } | null;
  readonly fields: readonly FieldInfo[];
  /** Documents that are near-copies of another: 0 when collapse=copies has nothing to fold (the page then offers no "Hide copies"). */
  readonly copies: number;
  search(request: SearchRequest): Promise<GatheredResult>;
  suggest(q: string, limit: number): Promise<Suggestion[]>;
  /** A document by its id, with the documents it shares passages with, or undefined. */
  document(id: string): Promise<DocumentWithRelated | undefined>;
  /** A document's record and its text with the request's matches marked, or undefined when no document has the id. */
  reading(id: string, request: SearchRequest): Promise<{ record: DocumentRecord; marked: string } | undefined>;
  /** The shards, checked now (a 503 when one fails); none for a corpus in one piece. */
  shardHealth(): Promise<{ shard: number; documents: number; build: string }[] | undefined>;
}

/**
 * The corpus this Worker serves. Routes ask for it after validating their
 * parameters, so bad input gets its 400 even when the corpus is unavailable.
 */
export function servedCorpusOf(env: Bindings): Promise<ServedCorpus> {
  return env.SHARD_0 ? routerOf(env) : searchIndexOf(env.ASSETS).then(localCorpus);
}

/** Forgets what was loaded, after a piece of it could not be read: the next request loads the current build. */
export function forgetServedCorpus(env: Bindings): void {
  if (env.SHARD_0) forgetRouter(env);
  else forgetSearchIndex(env.ASSETS);
}

/** One artifact, read from this Worker's assets. */
function localCorpus(index: SearchIndex): ServedCorpus {
  if (index.shard) {
    // A shard answers its router only (routes/shard.ts): alone, its answers would be a part passed off as the whole.
    throw new ApiError(
      "index_unavailable",
      `this Worker holds shard ${index.shard.shard} of ${index.shard.shards} of a corpus; search it through the Worker that routes to its shards`,
    );
  }
  return {
    meta: index.meta,
    build: index.build,
    years: index.years,
    fields: index.fields,
    copies: index.copies,
    search: async (request) => ({ ...(await search(index, request)), missingShards: [] }),
    suggest: (q, limit) => suggest(index, q, limit),
    document: (id) => documentById(index, id),
    async reading(id, request) {
      const position = await index.positionOf(id);
      if (position === undefined) return undefined;
      const [marked, records] = await Promise.all([markDocument(index, request, position), index.records([position])]);
      return { record: records.get(position)!, marked };
    },
    shardHealth: async () => undefined,
  };
}
