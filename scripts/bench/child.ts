/**
 * Runs one measurement in a fresh Node process (scripts/bench/children/*.ts
 * through tsx): each load starts from an empty heap, and a size that runs
 * out of memory fails its own row instead of the whole bench.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { LOGS_DIR, ROOT } from "./paths";

/** A child's answer: its JSON, or why there is none (the tail of its stderr). */
export type ChildOutcome<T> = { ok: true; value: T; milliseconds: number } | { ok: false; reason: string; milliseconds: number };

export interface ChildOptions {
  /** Extra V8/Node flags, e.g. --expose-gc. */
  nodeFlags?: string[];
  /** Killed after this long; the outcome says so. */
  timeoutMs?: number;
  /** stderr is kept in .build/bench/logs/<logName>.log. */
  logName: string;
  /** The tree whose scripts/bench/children/<name>.ts runs (the previous design's, say); default this one. */
  root?: string;
}

/**
 * Heap ceiling for every child: Node's default (about 4 GiB here) is below
 * what the 50,000-document build needs; the machine has 24 GiB.
 */
export const CHILD_HEAP_MB = 12288;

/** Runs scripts/bench/children/<name>.ts with args; the child prints one JSON value on stdout. */
export function runChild<T>(name: string, args: readonly string[], options: ChildOptions): Promise<ChildOutcome<T>> {
  const script = path.join(options.root ?? ROOT, "scripts", "bench", "children", `${name}.ts`);
  const started = performance.now();
  const flags = [`--max-old-space-size=${CHILD_HEAP_MB}`, ...(options.nodeFlags ?? []), "--import", "tsx"];
  const child = spawn(process.execPath, [...flags, script, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  let timedOut = false;
  const timer = options.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        child.kill("SIGKILL");
      }, options.timeoutMs)
    : undefined;
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const milliseconds = performance.now() - started;
      const errorText = Buffer.concat(stderr).toString("utf8");
      mkdirSync(LOGS_DIR, { recursive: true });
      writeFileSync(path.join(LOGS_DIR, `${options.logName}.log`), errorText);
      if (timedOut) return resolve({ ok: false, reason: `timed out after ${Math.round((options.timeoutMs ?? 0) / 1000)} s`, milliseconds });
      if (code !== 0) return resolve({ ok: false, reason: failureReason(errorText, code, signal), milliseconds });
      try {
        resolve({ ok: true, value: JSON.parse(Buffer.concat(stdout).toString("utf8")) as T, milliseconds });
      } catch {
        resolve({ ok: false, reason: `the child printed no JSON (see ${path.relative(ROOT, LOGS_DIR)}/${options.logName}.log)`, milliseconds });
      }
    });
  });
}

/** The line that says what went wrong, not the whole stack. */
function failureReason(stderr: string, code: number | null, signal: NodeJS.Signals | null): string {
  const exit = signal ? `killed by ${signal}` : `exit ${code}`;
  if (/heap out of memory|Allocation failed/i.test(stderr)) return `ran out of memory with a ${CHILD_HEAP_MB} MiB heap (${exit})`;
  if (/Invalid string length|Cannot create a string longer/i.test(stderr)) return `a string over V8's length limit (${exit})`;
  const lines = stderr.split("\n").map((line) => line.trim()).filter(Boolean);
  const message = lines.find((line) => /^(\w*Error|bench:)/.test(line)) ?? lines.at(-1) ?? "no output";
  return `${message.slice(0, 300)} (${exit})`;
}

/** For a child: prints its result, the one JSON value the parent reads from its stdout. */
export function answer(value: unknown): void {
  process.stdout.write(JSON.stringify(value));
}

/** For a child: the named arguments it was given (--name value). */
export function childArgs(): Record<string, string> {
  const args: Record<string, string> = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]!;
    if (!name.startsWith("--") || argv[i + 1] === undefined) throw new Error(`bench: child arguments must be --name value pairs, got ${argv.join(" ")}`);
    args[name.slice(2)] = argv[i + 1]!;
  }
  return args;
}

/** For a child: a required argument. */
export function requiredArg(args: Record<string, string>, name: string): string {
  const value = args[name];
  if (value === undefined) throw new Error(`bench: this child needs --${name}`);
  return value;
}

/** Writes a value to a file a child reads (queries, say), returning its path. */
export function writeChildInput(dir: string, name: string, value: unknown): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}
