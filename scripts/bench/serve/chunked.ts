/**
 * Bench-only Worker entry: the Worker that the bundler alias "bench-worker"
 * names (ours or the naive one; scripts/bench/wrangler-cli.ts passes --alias),
 * with its ASSETS binding able to serve files split into parts (see
 * chunked-assets.ts). Used only for a corpus whose artifact is over the
 * static-asset size limit.
 */
import worker from "bench-worker";
import { chunkedAssets, type AssetsBinding } from "./chunked-assets";

type Env = { ASSETS: AssetsBinding };

// One wrapped binding per real one: our Worker keeps its loaded index per
// binding object, so a new wrapper per request would reload it every time.
let wrapped: { source: AssetsBinding; env: Env } | undefined;

export default {
  fetch(request: Request, env: Env, context: unknown): Response | Promise<Response> {
    if (wrapped?.source !== env.ASSETS) wrapped = { source: env.ASSETS, env: { ...env, ASSETS: chunkedAssets(env.ASSETS) } };
    return worker.fetch(request, wrapped.env, context);
  },
};
