/** The Worker: wiring only. Logic lives in src/search; routes in src/routes. */
import { Hono, type Context } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "./env";
import { ApiError } from "./errors";
import { apiHeaders } from "./middleware/headers";
import { responseCache } from "./middleware/cache";
import { requireKey } from "./middleware/auth";
import { asMeilisearchError, MeilisearchError } from "./meilisearch/errors";
import { isMeilisearchClient, meilisearchHealth, meilisearchMethods, meilisearchRoutes, MEILISEARCH_PATH } from "./routes/meilisearch";
import { unavailable } from "./search-index";
import { forgetServedCorpus } from "./served-corpus";
import { ShardFailure } from "./shards/gather";
import { shardRoutes } from "./routes/shard";
import { ArtifactError } from "./search/load";
import { documentRoutes } from "./routes/documents";
import { healthRoutes } from "./routes/health";
import { pageRoutes } from "./routes/page";
import { instantSearchExampleRoutes } from "./routes/instantsearch-example";
import { staticRoutes } from "./routes/static";
import { searchRoutes } from "./routes/search";
import { sourceRoutes } from "./routes/sources";
import { suggestRoutes } from "./routes/suggest";

const ALLOWED_METHODS = ["GET", "HEAD", "OPTIONS"];

/** Our API is read-only; Meilisearch's search routes take their questions as POSTed JSON (routes/meilisearch.ts). */
function methodsFor(path: string): string[] {
  return meilisearchMethods(path) ?? ALLOWED_METHODS;
}

// Not strict: "/search/" is "/search", as users type it.
const app = new Hono<AppEnv>({ strict: false });

app.use(apiHeaders);
// A shard's answers to its router: POSTs of JSON, ahead of the public API's rules (read-only, CORS, caching).
app.route("/", shardRoutes);
// The request headers a client may send are named, not echoed back from the
// preflight: Meilisearch's clients send their name, JSON and a key on every call.
app.use(
  cors({
    origin: "*",
    allowMethods: (_origin, c) => methodsFor(c.req.path),
    allowHeaders: ["If-None-Match", "Authorization", "Content-Type", "X-Meilisearch-Client"],
    exposeHeaders: ["ETag"],
    maxAge: 86400,
  }),
);
app.use(async (c, next) => {
  const allowed = methodsFor(c.req.path);
  if (!allowed.includes(c.req.method)) {
    c.header("Allow", allowed.join(", "));
    const why = allowed === ALLOWED_METHODS ? "this API is read-only" : `${c.req.path} answers`;
    throw new ApiError("method_not_allowed", `${c.req.method} is not allowed: ${why} (${allowed.join(", ")})`);
  }
  await next();
});
app.use(requireKey);

app.use(responseCache);

// Ahead of our /health, which a Meilisearch client is answered in its own shape.
app.get("/health", (c, next) => (isMeilisearchClient(c) ? meilisearchHealth(c) : next()));
app.route("/", meilisearchRoutes);

app.route("/", pageRoutes);
app.route("/", instantSearchExampleRoutes);
app.route("/", staticRoutes);
app.route("/search", searchRoutes);
app.route("/documents", documentRoutes);
app.route("/sources", sourceRoutes);
app.route("/suggest", suggestRoutes);
app.route("/health", healthRoutes);

app.notFound((c) => {
  if (MEILISEARCH_PATH.test(c.req.path)) return c.json(new MeilisearchError("not_found", `No route for ${c.req.method} ${c.req.path}: this index is read-only.`).toBody(), 404);
  return c.json(new ApiError("not_found", `no route for ${c.req.method} ${c.req.path}`).toBody(), 404);
});

app.onError((error, c) => {
  const reported = reportedError(c, error);
  // The Meilisearch routes answer every error in Meilisearch's shape, so its clients report it as theirs.
  if (MEILISEARCH_PATH.test(c.req.path)) {
    const meilisearch = reported instanceof MeilisearchError ? reported : asMeilisearchError(reported);
    return c.json(meilisearch.toBody(), meilisearch.status);
  }
  const ours = reported instanceof MeilisearchError ? reportedError(c, new Error(`a Meilisearch error outside its routes: ${reported.message}`)) : reported;
  return c.json(ours.toBody(), ours.status);
});

/** Any error as the API reports it: its own, or the code of what failed; a 500 is a bug. */
function reportedError(c: Context<AppEnv>, error: Error): ApiError | MeilisearchError {
  if (error instanceof ArtifactError) {
    // A text chunk or positions shard could not be read after the index loaded.
    forgetServedCorpus(c.env);
    return unavailable(error) as ApiError;
  }
  if (error instanceof ShardFailure) {
    // router.json is read again: after a rebuild, the shards serve the builds it names now.
    forgetServedCorpus(c.env);
    return new ApiError("shard_unavailable", error.message);
  }
  if (error instanceof ApiError || error instanceof MeilisearchError) return error;
  console.error("unhandled error", error);
  return new ApiError("internal_error", "an unexpected error occurred");
}

export default app;
