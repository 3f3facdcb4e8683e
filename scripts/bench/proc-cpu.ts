/**
 * CPU time of the processes a `wrangler dev` runs, read from Linux's /proc:
 * every process of its process group (startDev runs each in a group of its
 * own). wrangler 4.86 runs two workerd processes: the runtime, which holds
 * the Worker's isolate beside miniflare's own workers (its entry worker,
 * the static-assets service that answers the Worker's asset reads), and is
 * the one started with --inspector-addr; and a proxy in front of it, which
 * listens on the --port and --inspector-port the bench gave. The rest is
 * wrangler's Node processes (and esbuild, idle with --no-bundle).
 *
 * Each thread's time is read from /proc/<pid>/task/<tid>/schedstat
 * (nanoseconds on a CPU; /proc's utime and stime count 10 ms ticks, too
 * coarse for one request). A thread that exits between two readings takes
 * its time with it; workerd's threads live as long as it does.
 */
import { readdirSync, readFileSync } from "node:fs";

/** The members of one process group, found once (after wrangler dev answered: workerd is running). */
export interface ProcessGroup {
  pgid: number;
  /** The workerd that runs the Worker (started with --inspector-addr). */
  runtime: number[];
  /** Any other workerd: wrangler's proxy in front of the runtime. */
  proxy: number[];
  /** wrangler's Node processes, esbuild. */
  other: number[];
}

/** CPU nanoseconds so far, per kind of process. */
export interface GroupCpu {
  runtimeNs: number;
  proxyNs: number;
  otherNs: number;
}

/** Whether this system exposes per-thread schedstat (Linux with CONFIG_SCHED_INFO). */
export function procCpuAvailable(): boolean {
  try {
    readFileSync(`/proc/${process.pid}/schedstat`, "utf8");
    return true;
  } catch {
    return false;
  }
}

/** The processes of the group led by pgid. */
export function processGroup(pgid: number): ProcessGroup {
  const group: ProcessGroup = { pgid, runtime: [], proxy: [], other: [] };
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split after the last ")".
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const pgrp = Number(stat.slice(close + 2).split(" ")[2]);
    if (pgrp !== pgid) continue;
    const pid = Number(entry);
    if (!comm.startsWith("workerd")) group.other.push(pid);
    else if (commandLine(pid).includes("--inspector-addr")) group.runtime.push(pid);
    else group.proxy.push(pid);
  }
  return group;
}

/** The group's CPU time so far. */
export function groupCpu(group: ProcessGroup): GroupCpu {
  return { runtimeNs: sumNs(group.runtime), proxyNs: sumNs(group.proxy), otherNs: sumNs(group.other) };
}

/** Milliseconds of CPU between two readings, per kind of process. */
export function cpuMsBetween(before: GroupCpu, after: GroupCpu): { runtime: number; proxy: number; other: number } {
  return { runtime: (after.runtimeNs - before.runtimeNs) / 1e6, proxy: (after.proxyNs - before.proxyNs) / 1e6, other: (after.otherNs - before.otherNs) / 1e6 };
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
}

function sumNs(pids: readonly number[]): number {
  let ns = 0;
  for (const pid of pids) {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
      } catch {
        // The thread has just exited.
      }
    }
  }
  return ns;
}
