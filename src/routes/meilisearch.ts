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
import { parseMeilisearchSearch, searchBodyFromQuery, type MeilisearchSearch, type SearchableCorpus } from "../meilisearch/request";
import { meilisearchAnswer, type MeilisearchSearchAnswer } from "../meilisearch/response";
import { facetHits, parseFacetSearch } from "../meilisearch/facet-search";
import { LIMITS } from "../limits";

/** The index uid when INDEX_UID is not set. */
export const DEFAULT_INDEX_UID = "corpus";

/** Largest request body read, in bytes: a search body is a few hundred; a multi-search of many queries a few tens of kilobytes. */
const MAX_BODY_BYTES = 256 * 1024;

/** Most queries in one multi-search (instant-meilisearch sends one per refined disjunctive facet, plus one). */
const MAX_QUERIES = 50;

/** The paths these routes answer: their errors take Meilisearch's shape (index.ts, middleware/auth.ts). */
export const MEILISEARCH_PATH = /^\/(?:indexes(?:\/.*)?|multi-search|version)\/?$/;

/** The methods each Meilisearch route takes (POST: a search's question as JSON); null for a path of ours. */
export function meilisearchMethods(path: string): string[] | null {
  if (/^\/indexes\/[^/]+\/search\/?$/.test(path)) return ["GET", "HEAD", "POST", "OPTIONS"];
  if (/^\/(?:indexes\/[^/]+\/facet-search|multi-search)\/?$/.test(path)) return ["POST", "OPTIONS"];
  return null;
}

/** The uid of the one index these routes serve. */
export function indexUidOf(env: Bindings): string {
  return env.INDEX_UID || DEFAULT_INDEX_UID;
}

export const meilisearchRoutes = new Hono<AppEnv>()
  .post("/indexes/:uid/search", async (c) => {
    indexOf(c);
    const body = await jsonBody(c);
    const corpus = await corpusFor(c, (known) => parseMeilisearchSearch(body, known));
    return c.json(await run(corpus, parseMeilisearchSearch(body, corpus)));
  })
  .get("/indexes/:uid/search", async (c) => {
    indexOf(c);
    const body = searchBodyFromQuery(new URL(c.req.url).searchParams);
    const corpus = await corpusFor(c, (known) => parseMeilisearchSearch(body, known));
    return c.json(await run(corpus, parseMeilisearchSearch(body, corpus)));
  })
  .post("/multi-search", async (c) => {
    const queries = multiSearchQueries(await jsonBody(c), indexUidOf(c.env));
    // Every query validated before any runs: one bad query fails the whole multi-search, as in Meilisearch.
    const validate = (corpus: SearchableCorpus) => queries.map((query, i) => withPlace(i, () => parseMeilisearchSearch(query, corpus, { extra: ["indexUid"] })));
    const corpus = await corpusFor(c, validate);
    const searches = validate(corpus);
    const asked = searches.reduce((sum, search) => sum + search.request.limit, 0);
    if (asked > LIMITS.resultWindow) {
      throw new MeilisearchError("invalid_multi_search_queries", `The queries ask for ${asked} hits together; at most ${LIMITS.resultWindow} are returned by one multi-search`);
    }
    const results = await Promise.all(searches.map((search) => run(corpus, search)));
    return c.json({ results: results.map((result) => ({ indexUid: indexUidOf(c.env), ...result })) });
  })
  .post("/indexes/:uid/facet-search", async (c) => {
    indexOf(c);
    const body = await jsonBody(c);
    const corpus = await corpusFor(c, (known) => parseFacetSearch(body, known));
    const { facetName, facetQuery, search } = parseFacetSearch(body, corpus);
    const started = performance.now();
    const result = await corpus.search({ ...search.request, limit: 0, offset: 0, facetValues: Number.MAX_SAFE_INTEGER });
    // matchingStrategy "all": partial matches count no values.
    const counts = search.strict && result.relaxed ? {} : (result.facets[facetName] ?? {});
    return c.json({ facetHits: facetHits(counts, facetQuery), facetQuery, processingTimeMs: elapsed(started) });
  })
  .get("/indexes/:uid", (c) => c.json(indexInfo(indexOf(c))))
  .get("/indexes", (c) => c.json({ results: [indexInfo(indexUidOf(c.env))], offset: 0, limit: 20, total: 1 }))
  .get("/version", async (c) => {
    const corpus = await servedCorpusOf(c.env);
    // Not a Meilisearch version: this package's, and the build it serves.
    return c.json({ pkgVersion: corpus.meta.buildVersion, commitSha: corpus.build, commitDate: "unknown" });
  });

/** Whether the request comes from a Meilisearch client, which names itself in X-Meilisearch-Client on every call. */
export function isMeilisearchClient(c: Context<AppEnv>): boolean {
  return c.req.header("X-Meilisearch-Client") !== undefined;
}

/** GET /health as Meilisearch answers it: the Worker is up; never cached (our /health is not either). */
export function meilisearchHealth(c: Context<AppEnv>): Response {
  c.header("Cache-Control", "no-store");
  return c.json({ status: "available" });
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

/** A multi-search body's queries, each naming this index. */
function multiSearchQueries(body: unknown, uid: string): Record<string, unknown>[] {
  const queries = (body as { queries?: unknown } | null)?.queries;
  if (typeof body !== "object" || body === null || !Array.isArray(queries)) {
    throw new MeilisearchError("invalid_multi_search_queries", "Invalid value at `.queries`: expected an array of search queries");
  }
  if (queries.length > MAX_QUERIES) throw new MeilisearchError("invalid_multi_search_queries", `Too many queries: ${queries.length}; at most ${MAX_QUERIES} are allowed in one multi-search`);
  return queries.map((query: unknown, i) => {
    if (typeof query !== "object" || query === null || Array.isArray(query)) {
      throw new MeilisearchError("invalid_multi_search_queries", `Invalid value at \`.queries[${i}]\`: expected an object`);
    }
    const named = (query as { indexUid?: unknown }).indexUid;
    if (named !== uid) throw new MeilisearchError("index_not_found", `Inside \`.queries[${i}]\`: Index \`${String(named)}\` not found.`);
    return query as Record<string, unknown>;
  });
}

/**
 * The corpus served. When it is unavailable, the request is first checked
 * for what does not depend on the corpus (its types, its filter's syntax),
 * so bad input is still the client's 400; the rest is the 503.
 */
async function corpusFor(c: Context<AppEnv>, validate: (corpus: SearchableCorpus) => unknown): Promise<ServedCorpus> {
  return servedCorpusOf(c.env).catch((error: unknown) => {
    validate(null);
    throw error;
  });
}

async function run(corpus: ServedCorpus, search: MeilisearchSearch): Promise<MeilisearchSearchAnswer> {
  const started = performance.now();
  // Facets counted in full: facetStats' min and max are over every value; the answer lists the most frequent.
  const result = await corpus.search(search.facets ? { ...search.request, facetValues: Number.MAX_SAFE_INTEGER } : search.request);
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

/** The request's JSON body: said to be JSON (Meilisearch answers 415 otherwise), read up to MAX_BODY_BYTES whatever Content-Length says. */
async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  const type = c.req.header("Content-Type") ?? "";
  if (!/^application\/json\b/i.test(type.trim())) {
    throw new MeilisearchError("invalid_content_type", `The Content-Type \`${type}\` is invalid. Accepted values for the Content-Type header are: \`application/json\``);
  }
  if (Number(c.req.header("Content-Length") ?? "0") > MAX_BODY_BYTES) throw tooLarge();
  const text = new TextDecoder().decode(await boundedBytes(c.req.raw.body));
  if (text.trim() === "") throw new MeilisearchError("missing_payload", "A json payload is missing.");
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new MeilisearchError("malformed_payload", `The json payload provided is malformed. \`${(error as Error).message}\`.`);
  }
}

/** A body's bytes, read chunk by chunk and given up on past MAX_BODY_BYTES (a chunked body has no Content-Length to check first). */
async function boundedBytes(body: ReadableStream<Uint8Array> | null): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

function tooLarge(): MeilisearchError {
  return new MeilisearchError("payload_too_large", `The provided payload reached the size limit: at most ${MAX_BODY_BYTES} bytes are read.`);
}
