/**
 * Child: workerd's own V8 heap, through the inspector that wrangler dev
 * exposes (Chrome DevTools Protocol over WebSocket): a full GC, then
 * Runtime.getHeapUsage. Runs with --experimental-websocket on Node 20 (no
 * global WebSocket otherwise). Prints WorkerdHeap as JSON.
 * Args: --inspector-port N --poke URL [--network-off true]
 *
 * Two things workerd and wrangler need, found by trying:
 * - wrangler's inspector proxy refuses an upgrade without an Origin header
 *   from an allowed host ("Expected `Origin` header"): we send localhost's.
 * - HeapProfiler.collectGarbage runs as a task on the isolate's thread, and
 *   workerd runs such tasks only when the isolate next does work: the GC
 *   (and its answer) comes after a request, so we send one (--poke, a path
 *   the 404 handler answers without touching the index).
 * - wrangler's proxy enables the inspector's Network domain on the isolate:
 *   every subrequest (an asset read) sends it events, which it keeps while no
 *   DevTools is attached and replays to the next client before that client's
 *   socket opens. After a thousand queries of twenty asset reads each, that
 *   replay outlasts any timeout. --network-off sends Network.disable, which
 *   the proxy passes on and does not undo when the client leaves: from then
 *   on subrequests cost the isolate and the proxy no events (production has
 *   no inspector at all).
 */
import { answer, childArgs, requiredArg } from "../child";

export interface WorkerdHeap {
  usedBytes: number;
  totalBytes: number;
  /** The GC was confirmed before the heap was read. */
  collected: boolean;
}

const args = childArgs();
const port = requiredArg(args, "inspector-port");
const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { webSocketDebuggerUrl?: string }[];
const url = targets[0]?.webSocketDebuggerUrl;
if (!url) throw new Error(`bench: wrangler's inspector on port ${port} lists no Worker`);

const socket = new WebSocket(url, { headers: { Origin: "http://localhost" } });
const pending = new Map<number, (result: unknown) => void>();
let nextId = 1;
socket.addEventListener("message", (event) => {
  const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
  if (message.id === undefined) return;
  const settle = pending.get(message.id);
  pending.delete(message.id);
  settle?.(message.error ? new Error(message.error.message) : message.result);
});
await new Promise<void>((resolve, reject) => {
  socket.addEventListener("open", () => resolve());
  socket.addEventListener("error", () => reject(new Error(`bench: could not open ${url}`)));
});

function send(method: string, timeoutMs = 15_000): Promise<unknown> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench: no answer to ${method} within ${timeoutMs} ms`)), timeoutMs);
    pending.set(id, (result) => {
      clearTimeout(timer);
      if (result instanceof Error) reject(result);
      else resolve(result);
    });
    socket.send(JSON.stringify({ id, method }));
  });
}

const quiet = args["network-off"] === "true" ? send("Network.disable").then(() => true) : Promise.resolve(false);
const collected = send("HeapProfiler.collectGarbage").then(
  () => true,
  () => false,
);
await (await fetch(requiredArg(args, "poke"))).arrayBuffer();
const gcDone = await collected;
await quiet;
const usage = (await send("Runtime.getHeapUsage")) as { usedSize: number; totalSize: number };
const heap: WorkerdHeap = { usedBytes: usage.usedSize, totalBytes: usage.totalSize, collected: gcDone };
answer(heap);
socket.close();
// Closing can wait on the proxy; the answer is out.
process.exit(0);
