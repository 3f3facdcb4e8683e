/**
 * One bounded autocannon run over the request mix: stops at its duration or
 * its request count, whichever comes first, and sorts every answer into
 * expected (a 2xx, or a bad request's own status and code) and unexpected.
 */
import autocannon from "autocannon";
import type { LoadRequest } from "./requests";

export interface LoadSettings {
  durationSeconds: number;
  maxRequests: number;
  connections: number;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Non-2xx answers to the deliberate bad requests, each with the status and code it should have. */
  expectedErrors: number;
  /** Everything else that went wrong: a non-2xx to a good request, a wrong status or code, a connection error or timeout. */
  unexpected: number;
  /** The first few different unexpected answers, to say what went wrong. */
  unexpectedExamples: string[];
  seconds: number;
}

export async function runLoad(baseUrl: string, mix: readonly LoadRequest[], settings: LoadSettings): Promise<LoadResult> {
  let expectedErrors = 0;
  let unexpected = 0;
  const unexpectedExamples: string[] = [];
  const judge = (request: LoadRequest) => (status: number, body: string) => {
    const ok = request.kind === "bad" ? status === request.status && errorCode(body) === request.code : status >= 200 && status < 300;
    if (ok && request.kind === "bad") expectedErrors++;
    if (ok) return;
    unexpected++;
    const example = `${status} for ${request.path.slice(0, 80)}: ${body.slice(0, 120)}`;
    if (unexpectedExamples.length < 5 && !unexpectedExamples.includes(example)) unexpectedExamples.push(example);
  };
  const started = performance.now();
  const result = await autocannon({
    url: baseUrl,
    connections: settings.connections,
    duration: settings.durationSeconds,
    maxOverallRequests: settings.maxRequests,
    requests: mix.map((request) => ({ method: "GET" as const, path: request.path, onResponse: judge(request) })),
  });
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    expectedErrors,
    unexpected: unexpected + result.errors + result.timeouts,
    unexpectedExamples,
    seconds: (performance.now() - started) / 1000,
  };
}

function errorCode(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}
