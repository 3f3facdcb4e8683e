/**
 * Global setup for the browser tests: builds the seeds plus one document
 * with markup in its text and one long document, writes the site's files, and serves them with
 * `wrangler dev` on 127.0.0.1 (a free port), as a user would run it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildCorpus } from "../../src/corpus/run";
import { writeSiteAssets } from "../../scripts/site-assets";
import "./provided";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WORK = path.join(ROOT, ".build", "browser");

/** A plain-text document whose text holds markup (the page must show it as text), and tags (a facet group of its own). */
export const MARKUP_DOCUMENT = {
  file: "markup.txt",
  id: "markup",
  text: '---\ntitle: "Markup <b>bold</b> & <script>alert(1)</script>"\ntags: [memo, "<i>markup</i>"]\n---\nThe zones memo says <b>bold</b> and <img src=x onerror=alert(2)> & more.\n',
};

/**
 * A document long enough to be read in three parts (some 250,000
 * characters), with "quokka" in paragraphs 2, 3, 150 and 240: matches 1 and
 * 2 in part 1, 3 in part 2, 4 in part 3. Its words are in no seed.
 */
export const LONG_DOCUMENT = {
  file: "long.md",
  id: "long",
  text: `---\ntitle: Minutes of the long meeting\nsource: Archive\n---\n${Array.from(
    { length: 250 },
    (_, i) => `Paragraph ${i}: ${"lorem ipsum dolor sit amet consectetur adipiscing elit ".repeat(18)}${[2, 3, 150, 240].includes(i) ? "the quokka smiled." : "nothing else."}`,
  ).join("\n\n")}\n`,
};

let server: ChildProcess | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const corpusDir = path.join(WORK, "corpus");
  const assetsDir = path.join(WORK, "assets");
  await rm(WORK, { recursive: true, force: true });
  await mkdir(corpusDir, { recursive: true });
  await cp(path.join(ROOT, "seeds"), corpusDir, { recursive: true });
  await writeFile(path.join(corpusDir, MARKUP_DOCUMENT.file), MARKUP_DOCUMENT.text);
  await writeFile(path.join(corpusDir, LONG_DOCUMENT.file), LONG_DOCUMENT.text);
  const report = await buildCorpus({ corpusDir, assetsDir });
  if (!report.ok) throw new Error(`building the browser corpus failed: ${JSON.stringify(report.problems)}`);
  await writeSiteAssets(assetsDir);

  const config = path.join(WORK, "wrangler.json");
  await writeFile(
    config,
    JSON.stringify({
      name: "corpus-search-browser-tests",
      main: path.join(ROOT, "src/index.ts"),
      compatibility_date: "2026-04-01",
      send_metrics: false,
      assets: { directory: assetsDir, binding: "ASSETS", run_worker_first: true, html_handling: "none" },
    }),
  );
  const port = await freePort();
  server = spawn(
    path.join(ROOT, "node_modules/.bin/wrangler"),
    ["dev", "--config", config, "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(await freePort())],
    { cwd: ROOT, env: { ...process.env, WRANGLER_SEND_METRICS: "false" }, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let output = "";
  server.stdout?.on("data", (chunk) => (output += chunk));
  server.stderr?.on("data", (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilServing(baseUrl, () => output);
  project.provide("baseUrl", baseUrl);
  return async () => {
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
  };
}

async function waitUntilServing(baseUrl: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null) throw new Error(`wrangler dev exited:\n${output()}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev did not answer within 60 s:\n${output()}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
