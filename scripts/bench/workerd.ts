/**
 * Measurements in workerd, each on a fresh `wrangler dev`: the first search
 * after isolate start, the isolate's heap after it, and the HTTP load.
 */
import { runChild } from "./child";
import type { WorkerdHeap } from "./children/workerd-heap";
import { loadTest, type HttpResult, type LoadSettings } from "./http-load";
import type { WorkerdStart } from "./results";
import { startDev, WARM_PATH, type DevServer } from "./wrangler-cli";

export interface Served {
  config: string;
  bundle: string;
  assetsDir: string;
}

/** A search that has to load a big artifact may take a while; a stuck one may not take forever. */
const SEARCH_TIMEOUT_MS = 180_000;

/**
 * One fresh start: wait for wrangler dev, warm the isolate with a request
 * the 404 handler answers (the index stays unloaded), time the first search,
 * then read the heap through the inspector.
 */
export async function measureStart(served: Served, firstSearchPath: string, logName: string): Promise<WorkerdStart> {
  let server: DevServer | undefined;
  try {
    server = await startDev({ ...served, logName });
    await (await fetch(`${server.url}${WARM_PATH}`)).arrayBuffer();
    const started = performance.now();
    const response = await fetch(`${server.url}${firstSearchPath}`, { signal: AbortSignal.timeout(SEARCH_TIMEOUT_MS) });
    const body = await response.text();
    const firstSearchMs = performance.now() - started;
    if (!response.ok) return { readyMs: server.readyMs, firstSearchMs: null, heap: null, error: `first search answered ${response.status}: ${body.slice(0, 200)}` };
    const heap = await workerdHeap(server);
    return { readyMs: server.readyMs, firstSearchMs, heap: heap.ok ? heap.value : null, error: heap.ok ? null : `heap: ${heap.reason}` };
  } catch (error) {
    return { readyMs: server?.readyMs ?? NaN, firstSearchMs: null, heap: null, error: (error as Error).message };
  } finally {
    await server?.stop();
  }
}

function workerdHeap(server: DevServer) {
  // Node 20 has a WebSocket client only behind this flag; later versions have it on.
  const nodeFlags = typeof WebSocket === "undefined" ? ["--experimental-websocket"] : [];
  return runChild<WorkerdHeap>("workerd-heap", ["--inspector-port", String(server.inspectorPort), "--poke", `${server.url}${WARM_PATH}`], {
    nodeFlags,
    timeoutMs: 60_000,
    logName: "workerd-heap",
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
    const response = await fetch(`${server.url}${firstSearchPath}`, { signal: AbortSignal.timeout(SEARCH_TIMEOUT_MS) });
    await response.arrayBuffer();
    const results: HttpResult[] = [];
    for (const load of loads) results.push(await loadTest(server.url, load.target, load.paths, settings));
    return results;
  } finally {
    await server.stop();
  }
}
