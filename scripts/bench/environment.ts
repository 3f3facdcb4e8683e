/** The machine and the exact versions a run measured, for the results. */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { sourceRevision } from "../revision";
import { ROOT } from "./paths";
import { wranglerVersion } from "./wrangler-cli";

export interface Environment {
  date: string;
  revision: string;
  versions: { node: string; wrangler: string; workerd: string; minisearch: string; hono: string; autocannon: string };
  machine: { cpu: string; cores: number; memoryGiB: number; os: string };
}

const require = createRequire(import.meta.url);

export function describeEnvironment(): Environment {
  return {
    date: new Date().toISOString(),
    revision: sourceRevision(ROOT),
    versions: {
      node: process.version,
      wrangler: wranglerVersion(),
      workerd: workerdVersion(),
      minisearch: packageVersion("minisearch"),
      hono: packageVersion("hono"),
      autocannon: packageVersion("autocannon"),
    },
    machine: {
      cpu: cpuModel(),
      cores: os.cpus().length,
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      os: `${os.type()} ${os.release()} ${os.arch()}`,
    },
  };
}

/** The installed version of a package: the copy next to wrangler first (workerd), else the project's. */
function packageVersion(name: string): string {
  const wranglerDir = path.dirname(require.resolve("wrangler/package.json"));
  for (const dir of [path.join(wranglerDir, "node_modules"), path.join(ROOT, "node_modules")]) {
    const manifest = path.join(dir, ...name.split("/"), "package.json");
    // Read directly: some packages' exports hide package.json from require.resolve.
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
  }
  return "unknown";
}

/** The npm package's version and the binary's own date, e.g. "1.20261023.1 (workerd 2026-10-23)". */
function workerdVersion(): string {
  const version = packageVersion("workerd");
  try {
    const workerdDir = path.dirname(require.resolve("workerd/package.json", { paths: [path.dirname(require.resolve("wrangler/package.json"))] }));
    const binary = execFileSync(path.join(workerdDir, "bin", "workerd"), ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return `${version} (${binary})`;
  } catch {
    return version;
  }
}

function cpuModel(): string {
  const model = os.cpus()[0]?.model ?? "unknown";
  // Virtual machines often report a generic model; /proc/cpuinfo's flags say a little more.
  try {
    const info = readFileSync("/proc/cpuinfo", "utf8");
    const mhz = /cpu MHz\s*:\s*([\d.]+)/.exec(info)?.[1];
    return mhz ? `${model} @ ${Math.round(Number(mhz))} MHz` : model;
  } catch {
    return model;
  }
}

