/**
 * A bounded loopback load: autocannon against a wrangler dev on 127.0.0.1,
 * for a fixed duration, cycling through a list of paths.
 */
import autocannon from "autocannon";

export interface HttpResult {
  /** What was asked: "/health", "/search (7 queries)". */
  target: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
}

export interface LoadSettings {
  durationSeconds: number;
  connections: number;
}

/** Runs the load; a short unmeasured run first, so the JIT has seen every path. */
export async function loadTest(baseUrl: string, target: string, paths: readonly string[], settings: LoadSettings): Promise<HttpResult> {
  const requests = paths.map((path) => ({ method: "GET" as const, path }));
  await autocannon({ url: baseUrl, connections: settings.connections, duration: 1, requests });
  const result = await autocannon({ url: baseUrl, connections: settings.connections, duration: settings.durationSeconds, requests });
  return {
    target,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
