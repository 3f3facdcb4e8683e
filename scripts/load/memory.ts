/**
 * The served Worker's memory, as the soak samples it: the resident set of
 * the workerd processes (from /proc) and the isolate's V8 heap after a full
 * GC (read over the inspector by the bench's child,
 * scripts/bench/children/workerd-heap.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { runChild } from "../bench/child";
import type { WorkerdHeap } from "../bench/children/workerd-heap";
import { WARM_PATH, type DevServer } from "../bench/wrangler-cli";

export interface MemorySample {
  /** Seconds since the load started. */
  atSeconds: number;
  /** Resident set of the workerd process that runs the Worker; null where /proc cannot tell (not Linux). */
  workerRssBytes: number | null;
  /** Resident set of the workerd process wrangler dev puts in front of it (its proxy), for comparison. */
  proxyRssBytes: number | null;
  /** The isolate's used heap after a GC; null when the inspector did not answer. */
  heapBytes: number | null;
}

/** One sample of the served Worker's memory. */
export async function sampleMemory(server: DevServer, atSeconds: number): Promise<MemorySample> {
  const heapBytes = await isolateHeap(server);
  const workerds = ourWorkerds();
  // wrangler dev runs two workerd processes; the Worker's is the one with an inspector.
  const rss = (isWorker: boolean) => {
    const matching = workerds?.filter((workerd) => workerd.inspected === isWorker);
    return matching?.length ? matching.reduce((sum, { pid }) => sum + residentBytes(pid), 0) : null;
  };
  return { atSeconds, workerRssBytes: rss(true), proxyRssBytes: rss(false), heapBytes };
}

async function isolateHeap(server: DevServer): Promise<number | null> {
  // Node 20 has a WebSocket client only behind this flag; later versions have it on.
  const nodeFlags = typeof WebSocket === "undefined" ? ["--experimental-websocket"] : [];
  const heap = await runChild<WorkerdHeap>("workerd-heap", ["--inspector-port", String(server.inspectorPort), "--poke", `${server.url}${WARM_PATH}`], {
    nodeFlags,
    timeoutMs: 60_000,
    logName: "load-workerd-heap",
  });
  return heap.ok ? heap.value.usedBytes : null;
}

/** The workerd processes this process started (through wrangler), and whether each has an inspector. */
function ourWorkerds(): { pid: number; inspected: boolean }[] | null {
  let processes: { pid: number; parent: number; name: string }[];
  try {
    processes = readdirSync("/proc")
      .filter((entry) => /^\d+$/.test(entry))
      .flatMap((pid) => {
        try {
          // "pid (name) state ppid …": the name may hold spaces and parentheses, so read from the last ")".
          const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
          const close = stat.lastIndexOf(")");
          const name = stat.slice(stat.indexOf("(") + 1, close);
          const parent = Number(stat.slice(close + 2).split(" ")[1]);
          return [{ pid: Number(pid), parent, name }];
        } catch {
          return []; // gone meanwhile
        }
      });
  } catch {
    return null;
  }
  const ours = new Set([process.pid]);
  // Descendants of this process, whatever the depth (node → wrangler → workerd).
  for (let grew = true; grew; ) {
    grew = false;
    for (const { pid, parent } of processes) {
      if (ours.has(parent) && !ours.has(pid)) {
        ours.add(pid);
        grew = true;
      }
    }
  }
  return processes
    .filter(({ pid, name }) => ours.has(pid) && name.startsWith("workerd"))
    .map(({ pid }) => ({ pid, inspected: commandLine(pid).includes("--inspector-addr") }));
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

function residentBytes(pid: number): number {
  try {
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kib ? Number(kib) * 1024 : 0;
  } catch {
    return 0;
  }
}
