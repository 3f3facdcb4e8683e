/** The Worker: wiring only. Logic lives in src/search; routes in src/routes. */
import { Hono } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "./env";
import { ApiError } from "./errors";
import { apiHeaders } from "./middleware/headers";
import { responseCache } from "./middleware/cache";
import { unavailable } from "./search-index";
import { forgetServedCorpus } from "./served-corpus";
import { ShardFailure } from "./shards/gather";
import { shardRoutes } from "./routes/shard";
import { ArtifactError } from "./search/load";
import { documentRoutes } from "./routes/documents";
import { healthRoutes } from "./routes/health";
import { pageRoutes } from "./routes/page";
import { staticRoutes } from "./routes/static";
import { searchRoutes } from "./routes/search";
import { sourceRoutes } from "./routes/sources";
import { suggestRoutes } from "./routes/suggest";

const ALLOWED_METHODS = ["GET", "HEAD", "OPTIONS"];

// Not strict: "/search/" is "/search", as users type it.
const app = new Hono<AppEnv>({ strict: false });

app.use(apiHeaders);
// A shard's answers to its router: POSTs of JSON, ahead of the public API's rules (read-only, CORS, caching).
app.route("/", shardRoutes);
// The request headers a client may send are named, not echoed back from the preflight.
app.use(cors({ origin: "*", allowMethods: ALLOWED_METHODS, allowHeaders: ["If-None-Match"], exposeHeaders: ["ETag"], maxAge: 86400 }));
app.use(async (c, next) => {
  if (!ALLOWED_METHODS.includes(c.req.method)) {
    c.header("Allow", ALLOWED_METHODS.join(", "));
    throw new ApiError("method_not_allowed", `${c.req.method} is not allowed: this API is read-only (GET, HEAD, OPTIONS)`);
  }
  await next();
});

app.use(responseCache);

app.route("/", pageRoutes);
app.route("/", staticRoutes);
app.route("/search", searchRoutes);
app.route("/documents", documentRoutes);
app.route("/sources", sourceRoutes);
app.route("/suggest", suggestRoutes);
app.route("/health", healthRoutes);

app.notFound((c) => c.json(new ApiError("not_found", `no route for ${c.req.method} ${c.req.path}`).toBody(), 404));

app.onError((error, c) => {
  if (error instanceof ArtifactError) {
    // A text chunk or positions shard could not be read after the index loaded.
    forgetServedCorpus(c.env);
    const reported = unavailable(error) as ApiError;
    return c.json(reported.toBody(), reported.status);
  }
  if (error instanceof ShardFailure) {
    // router.json is read again: after a rebuild, the shards serve the builds it names now.
    forgetServedCorpus(c.env);
    return c.json(new ApiError("shard_unavailable", error.message).toBody(), 503);
  }
  if (error instanceof ApiError) return c.json(error.toBody(), error.status);
  console.error("unhandled error", error);
  return c.json(new ApiError("internal_error", "an unexpected error occurred").toBody(), 500);
});

export default app;
