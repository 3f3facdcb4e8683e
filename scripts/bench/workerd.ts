/**
 * Measurements in workerd, each on a fresh `wrangler dev`: the first search
 * after isolate start, the isolate's heap after it, the heap after a mixed
 * run of many queries (what the caches of a paged index settle at), and the
 * HTTP load.
 */
import { runChild } from "./child";
import type { WorkerdHeap } from "./children/workerd-heap";
import { loadTest, type HttpResult, type LoadSettings } from "./http-load";
import type { MixedQuery } from "./queries";
import type { MixRun, WorkerdStart } from "./results";
import { percentile } from "./stats";
import { startDev, WARM_PATH, type DevServer } from "./wrangler-cli";

export interface Served {
  config: string;
  bundle: string;
  assetsDir: string;
  /** How long wrangler dev may take to answer (it lists every asset at start). */
  readyTimeoutMs?: number;
}

/** A mixed run to make after the first search and its heap. */
export interface Mix {
  queries: readonly MixedQuery[];
  /** Past this the run stops, and says how far it got. */
  budgetMs: number;
}

/** A search that has to load a big artifact may take a while; a stuck one may not take forever. */
const SEARCH_TIMEOUT_MS = 180_000;

/**
 * One fresh start: wait for wrangler dev, warm the isolate with a request
 * the 404 handler answers (the index stays unloaded), turn off the
 * inspector's Network events (see children/workerd-heap.ts) and read the
 * started isolate's heap, time the first search, then read the heap again;
 * with a mix, then the mixed run, one query at a time, and the heap again.
 */
export async function measureStart(served: Served, firstSearchPath: string, logName: string, mix?: Mix): Promise<WorkerdStart> {
  let server: DevServer | undefined;
  try {
    server = await startDev({ ...served, logName });
    await (await fetch(`${server.url}${WARM_PATH}`)).arrayBuffer();
    const atStart = await workerdHeap(server, `${logName}-heap-at-start`, true);
    if (!atStart.ok) return { readyMs: server.readyMs, firstSearchMs: null, heap: null, error: `inspector at start: ${atStart.reason}` };
    const started = performance.now();
    const response = await fetch(`${server.url}${firstSearchPath}`, { signal: AbortSignal.timeout(SEARCH_TIMEOUT_MS) });
    const body = await response.text();
    const firstSearchMs = performance.now() - started;
    if (!response.ok) return { readyMs: server.readyMs, firstSearchMs: null, heap: null, error: `first search answered ${response.status}: ${body.slice(0, 200)}` };
    const heap = await workerdHeap(server, `${logName}-heap`);
    const start: WorkerdStart = {
      readyMs: server.readyMs,
      heapAtStart: atStart.value,
      firstSearchMs,
      firstSearchTookMs: tookMsOf(body),
      heap: heap.ok ? heap.value : null,
      error: heap.ok ? null : `heap: ${heap.reason}`,
    };
    if (mix) start.mix = await runMix(server, mix, `${logName}-heap-after-mix`);
    return start;
  } catch (error) {
    return { readyMs: server?.readyMs ?? NaN, firstSearchMs: null, heap: null, error: (error as Error).message };
  } finally {
    await server?.stop();
  }
}

/** The mixed run over HTTP, each answer read whole before the next query, then the heap. */
async function runMix(server: DevServer, mix: Mix, heapLogName: string): Promise<MixRun> {
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let firstProblem: string | null = null;
  const started = performance.now();
  const deadline = started + mix.budgetMs;
  for (const { q } of mix.queries) {
    if (performance.now() > deadline) break;
    const sent = performance.now();
    try {
      const response = await fetch(`${server.url}/search?q=${encodeURIComponent(q)}`, { signal: AbortSignal.timeout(SEARCH_TIMEOUT_MS) });
      const body = await response.arrayBuffer();
      if (!response.ok) {
        non2xx++;
        firstProblem ??= `${JSON.stringify(q)} answered ${response.status}: ${new TextDecoder().decode(body.slice(0, 160))}`;
      }
    } catch (error) {
      errors++;
      firstProblem ??= `${JSON.stringify(q)}: ${(error as Error).message}`;
    }
    latencies.push(performance.now() - sent);
  }
  const seconds = (performance.now() - started) / 1000;
  const heap = await workerdHeap(server, heapLogName);
  return {
    planned: mix.queries.length,
    done: latencies.length,
    seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.length ? Math.max(...latencies) : NaN,
    non2xx,
    errors,
    firstProblem,
    heap: heap.ok ? heap.value : null,
    heapError: heap.ok ? null : heap.reason,
  };
}

/**
 * The search's own time as the Worker reports it (SearchResponse.tookMs: the
 * query, after the index is open; local workerd's clock runs during CPU
 * work), or null for a Worker that does not say (the naive and empty ones).
 */
function tookMsOf(body: string): number | null {
  try {
    const tookMs = (JSON.parse(body) as { tookMs?: unknown }).tookMs;
    return typeof tookMs === "number" ? tookMs : null;
  } catch {
    return null;
  }
}

/**
 * The isolate's heap through wrangler's inspector (children/workerd-heap.ts);
 * networkOff: send Network.disable first (see there).
 */
export function workerdHeap(server: DevServer, logName: string, networkOff = false) {
  // Node 20 has a WebSocket client only behind this flag; later versions have it on.
  const nodeFlags = typeof WebSocket === "undefined" ? ["--experimental-websocket"] : [];
  const args = ["--inspector-port", String(server.inspectorPort), "--poke", `${server.url}${WARM_PATH}`, ...(networkOff ? ["--network-off", "true"] : [])];
  return runChild<WorkerdHeap>("workerd-heap", args, {
    nodeFlags,
    timeoutMs: 60_000,
    logName,
  });
}

/** On one fresh start (index loaded by a first search), each load in turn. */
export async function measureHttp(
  served: Served,
  firstSearchPath: string,
  loads: readonly { target: string; paths: string[] }[],
  settings: LoadSettings,
  logName: string,
): Promise<HttpResult[]> {
  const server = await startDev({ ...served, logName });
  try {
    // As for the starts: no inspector events for the load's subrequests.
    const quiet = await workerdHeap(server, `${logName}-network-off`, true);
    if (!quiet.ok) throw new Error(`inspector: ${quiet.reason}`);
    const response = await fetch(`${server.url}${firstSearchPath}`, { signal: AbortSignal.timeout(SEARCH_TIMEOUT_MS) });
    await response.arrayBuffer();
    const results: HttpResult[] = [];
    for (const load of loads) results.push(await loadTest(server.url, load.target, load.paths, settings));
    return results;
  } finally {
    await server.stop();
  }
}
