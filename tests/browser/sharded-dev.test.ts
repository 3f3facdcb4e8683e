/**
 * The promise, as a user runs it: `npm run build:index -- --corpus
 * DIR --shards 4` then the dev servers `npm run dev` starts (scripts/workers.ts:
 * four shard Workers and the router, each a real `wrangler dev`, the router
 * reaching the shards through service bindings) answer as the one index
 * of the whole corpus does, read in Node from the same build.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directoryReader } from "../../src/corpus/artifact-files";
import { SHARDED_LAYOUT } from "../../src/corpus/shard-build";
import { openSearchIndex, type SearchIndex } from "../../src/search/load";
import { filterableFields } from "../../src/search/filters";
import { parseSearchRequest } from "../../src/search/query";
import { search } from "../../src/search/search";
import { suggest } from "../../src/search/suggest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SHARDS_DIR = path.join(ROOT, ".build", "browser-shards");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

let servers: ChildProcess | undefined;
let baseUrl = "";
let whole: SearchIndex;

beforeAll(async () => {
  // Named apart from the project's Workers: wrangler's local registry finds a bound Worker by name, and a developer's own `npm run dev` may be running.
  const built = spawnSync(TSX, ["scripts/build-index.ts", "--corpus", "examples/mixed-corpus", "--shards", "4", "--shards-dir", SHARDS_DIR, "--name", `corpus-search-test-${process.pid}`], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect(built.status, built.stdout + built.stderr).toBe(0);
  whole = await openSearchIndex(directoryReader(path.join(SHARDS_DIR, SHARDED_LAYOUT.whole)));
  // Ports far from the defaults (a developer's own `npm run dev`) and below Linux's ephemeral range
  // (32768 up), where the processes' own sockets are: shards from base, inspectors from base + 1000.
  const base = 20_000 + Math.floor(Math.random() * 10_000);
  servers = spawn(TSX, ["scripts/workers.ts", "dev", "--shards-dir", SHARDS_DIR, "--shards", "4", "--ip", "127.0.0.1", "--port", String(base + 10), "--inspector-port", String(base + 11)], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", SHARD_PORT_BASE: String(base) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  servers.stdout?.on("data", (chunk) => (output += chunk));
  servers.stderr?.on("data", (chunk) => (output += chunk));
  baseUrl = `http://127.0.0.1:${base + 10}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (servers.exitCode !== null) throw new Error(`npm run dev's servers exited:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`the router did not answer within 90 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}, 120_000);

afterAll(() => {
  if (servers?.pid) process.kill(-servers.pid, "SIGINT");
});

describe("a corpus built with --shards 4 and served by npm run dev", () => {
  it("has four shards, every one answering, holding every document between them", async () => {
    const health = (await (await fetch(`${baseUrl}/health`)).json()) as { documents: number; shards: { documents: number }[] };
    expect(health.shards).toHaveLength(4);
    expect(health.shards.reduce((sum, shard) => sum + shard.documents, 0)).toBe(whole.documentCount);
    expect(health.documents).toBe(whole.documentCount);
  });

  it("answers searches, suggestions and documents as the one index of the whole corpus does", async () => {
    for (const query of ["solar", "solar tariff", "wind -solar", '"feed-in rules"', "tarif", "sol", "", "project&sort=date", "the&match=any&limit=3&offset=2", "rules&tags=policy"]) {
      const params = new URLSearchParams(`q=${query}`);
      const { tookMs: _took, ...served } = (await (await fetch(`${baseUrl}/search?${params}`)).json()) as Record<string, unknown>;
      // The route adds what the request left out of the search (ignoredWords).
      expect(served, query).toEqual({ ignoredWords: [], ...(await search(whole, parseSearchRequest(params, filterableFields(whole)))) });
    }
    for (const q of ["sol", "tari", "wind f"]) {
      const served = (await (await fetch(`${baseUrl}/suggest?q=${encodeURIComponent(q)}`)).json()) as { suggestions: unknown };
      expect(served.suggestions, q).toEqual(await suggest(whole, q, 5));
    }
    const all = Array.from({ length: whole.documentCount }, (_, position) => position);
    const [records, texts, related] = await Promise.all([whole.records(all), whole.texts(all), whole.related(all)]);
    for (const position of all) {
      const { id } = records.get(position)!;
      const served = await (await fetch(`${baseUrl}/documents/${id.split("/").map(encodeURIComponent).join("/")}`)).json();
      expect(served).toEqual({ ...records.get(position), text: texts.get(position), related: related.get(position) });
    }
  });
});
