/**
 * The part of Meilisearch's API its search clients and InstantSearch use,
 * for one read-only index whose uid is INDEX_UID ("corpus" by default):
 *   POST|GET /indexes/:uid/search   POST /multi-search
 *   POST /indexes/:uid/facet-search GET /indexes/:uid  GET /indexes
 *   GET /version                    GET /health (to a Meilisearch client)
 * Answers and errors are Meilisearch's shapes (meilisearch/*.ts); the
 * search itself is ours, so hits, totals and facets are /search's.
 */
import { Hono, type Context } from "hono";
import type { AppEnv, Bindings } from "../env";
import { servedCorpusOf, type ServedCorpus } from "../served-corpus";
import { MeilisearchError } from "../meilisearch/errors";
import { parseMeilisearchSearch, searchBodyFromQuery, type MeilisearchSearch } from "../meilisearch/request";
import { meilisearchAnswer, type MeilisearchSearchAnswer } from "../meilisearch/response";
import { facetHits, parseFacetSearch } from "../meilisearch/facet-search";

/** The index uid when INDEX_UID is not set. */
export const DEFAULT_INDEX_UID = "corpus";

/** Largest request body read, in bytes: a search body is a few hundred; a multi-search of many queries a few tens of kilobytes. */
const MAX_BODY_BYTES = 256 * 1024;

/** Most queries in one multi-search (instant-meilisearch sends one per refined disjunctive facet, plus one). */
const MAX_QUERIES = 50;

/** The paths these routes answer, for the error shape and the methods allowed (index.ts). */
export const MEILISEARCH_PATH = /^\/(?:indexes(?:\/.*)?|multi-search|version)\/?$/;

/** The POST routes among them. */
export const MEILISEARCH_POST_PATH = /^\/(?:indexes\/[^/]+\/(?:search|facet-search)|multi-search)\/?$/;

export function indexUidOf(env: Bindings): string {
  return env.INDEX_UID || DEFAULT_INDEX_UID;
}

export const meilisearchRoutes = new Hono<AppEnv>()
  .post("/indexes/:uid/search", async (c) => {
    indexOf(c);
    const body = await jsonBody(c);
    return c.json(await answer(await corpusFor(c, body), body));
  })
  .get("/indexes/:uid/search", async (c) => {
    indexOf(c);
    const body = searchBodyFromQuery(new URL(c.req.url).searchParams);
    return c.json(await answer(await corpusFor(c, body), body));
  })
  .post("/multi-search", async (c) => {
    const body = await jsonBody(c);
    const queries = (body as { queries?: unknown } | null)?.queries;
    if (typeof body !== "object" || body === null || !Array.isArray(queries)) {
      throw new MeilisearchError("invalid_multi_search_queries", "Invalid value at `.queries`: expected an array of search queries");
    }
    if (queries.length > MAX_QUERIES) throw new MeilisearchError("invalid_multi_search_queries", `Too many queries: ${queries.length}; at most ${MAX_QUERIES} are allowed in one multi-search`);
    const uid = indexUidOf(c.env);
    queries.forEach((query, i) => {
      const named = (query as { indexUid?: unknown } | null)?.indexUid;
      if (named !== uid) throw new MeilisearchError("index_not_found", `Inside \`.queries[${i}]\`: Index \`${String(named)}\` not found.`);
    });
    const corpus = await servedCorpusOf(c.env);
    // Every query validated before any runs: one bad query fails the whole multi-search, as in Meilisearch.
    const searches = queries.map((query, i) => withPlace(i, () => parseMeilisearchSearch(query, corpus, { extra: ["indexUid"] })));
    const results = await Promise.all(searches.map((search) => run(corpus, search)));
    return c.json({ results: results.map((result) => ({ indexUid: uid, ...result })) });
  })
  .post("/indexes/:uid/facet-search", async (c) => {
    indexOf(c);
    const body = await jsonBody(c);
    const corpus = await servedCorpusOf(c.env);
    const { facetName, facetQuery, search } = parseFacetSearch(body, corpus);
    const started = performance.now();
    const result = await corpus.search({ ...search.request, limit: 0, offset: 0, facetValues: Number.MAX_SAFE_INTEGER });
    return c.json({ facetHits: facetHits(result.facets[facetName] ?? {}, facetQuery), facetQuery, processingTimeMs: elapsed(started) });
  })
  .get("/indexes/:uid", (c) => c.json(indexInfo(indexOf(c))))
  .get("/indexes", (c) => c.json({ results: [indexInfo(indexUidOf(c.env))], offset: 0, limit: 20, total: 1 }))
  .get("/version", async (c) => {
    const corpus = await servedCorpusOf(c.env);
    // Not a Meilisearch version: this package's, and the build it serves.
    return c.json({ pkgVersion: corpus.meta.buildVersion, commitSha: corpus.build, commitDate: "unknown" });
  });

/** GET /health as Meilisearch answers it, for a Meilisearch client (which names itself in X-Meilisearch-Client). */
export function isMeilisearchClient(c: Context<AppEnv>): boolean {
  return c.req.header("X-Meilisearch-Client") !== undefined;
}

/** The uid in the path, when it is this index's: else 404 index_not_found. */
function indexOf(c: Context<AppEnv>): string {
  const uid = c.req.param("uid") ?? "";
  if (uid !== indexUidOf(c.env)) throw new MeilisearchError("index_not_found", `Index \`${uid}\` not found.`);
  return uid;
}

/** An index built ahead of time has no creation or update time: null, rather than a made-up one. */
function indexInfo(uid: string) {
  return { uid, primaryKey: "id", createdAt: null, updatedAt: null };
}

async function corpusFor(c: Context<AppEnv>, body: unknown): Promise<ServedCorpus> {
  return servedCorpusOf(c.env).catch((error: unknown) => {
    // A bad request is the client's 400 even when the index is unavailable; fields are unknown then, so a filter on one cannot be checked.
    parseMeilisearchSearch(body, { fields: [] }, { lenient: false });
    throw error;
  });
}

async function answer(corpus: ServedCorpus, body: unknown): Promise<MeilisearchSearchAnswer> {
  return run(corpus, parseMeilisearchSearch(body, corpus));
}

async function run(corpus: ServedCorpus, search: MeilisearchSearch): Promise<MeilisearchSearchAnswer> {
  const started = performance.now();
  const result = await corpus.search(search.request);
  return meilisearchAnswer(search, result, elapsed(started));
}

/** Milliseconds since `started`, whole as Meilisearch gives them (Workers' clock stands still during CPU work: often 0 there). */
function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

/** Runs a query's validation, naming its place in the multi-search when it fails. */
function withPlace<T>(i: number, validate: () => T): T {
  try {
    return validate();
  } catch (error) {
    if (error instanceof MeilisearchError) throw new MeilisearchError(error.code, `Inside \`.queries[${i}]\`: ${error.message}`);
    throw error;
  }
}

/** The request's JSON body: within MAX_BODY_BYTES, JSON, and said to be (Meilisearch answers 415 otherwise). */
async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  const type = c.req.header("Content-Type") ?? "";
  if (!/^application\/json\b/i.test(type.trim())) {
    throw new MeilisearchError("invalid_content_type", `The Content-Type \`${type}\` is invalid. Accepted values for the Content-Type header are: \`application/json\``);
  }
  const declared = Number(c.req.header("Content-Length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length > MAX_BODY_BYTES) throw tooLarge();
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === "") throw new MeilisearchError("missing_payload", "A json payload is missing.");
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new MeilisearchError("malformed_payload", `The json payload provided is malformed. \`${(error as Error).message}\`.`);
  }
}

function tooLarge(): MeilisearchError {
  return new MeilisearchError("payload_too_large", `The provided payload reached the size limit: at most ${MAX_BODY_BYTES} bytes are read.`);
}
