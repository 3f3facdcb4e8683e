/**
 * Vitest global setup for the Worker tests. The Workers integration does not
 * run wrangler's build, so this builds the seeds and the site's files (page
 * script and styles, OpenAPI document, reference) into the assets folder the
 * Worker serves (CORPUS_DIR is ignored on purpose: the tests assert on the
 * seeds), and builds two small corpora whose artifacts tests can hand to
 * the app through an assets binding of their own: a nested one, and a dated
 * one for date filters, date order and text analysis.
 */
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildCorpus } from "../../src/corpus/run";
import { ARTIFACT_DIR } from "../../src/search/artifact";
import type { ArtifactFiles, ShardedCorpus } from "./provided";
import { SHARDED_LAYOUT, writeShards } from "../../src/corpus/shard-build";
import { WORDS } from "../search/arbitraries";
import { writeSiteAssets } from "../../scripts/site-assets";

import "./provided";

/** A user's corpus: folders as sources, front matter, a file at the root. */
const NESTED_CORPUS: Record<string, string> = {
  "reuters/2017/astana.md":
    "---\ntitle: Talks in Astana\ndate: 2017-05-03\nurl: https://example.org/astana\n---\nCeasefire talks opened in Astana with a U.S. observer.\n",
  "ap/readout.txt": "Kremlin readout\n\nPutin and Trump spoke about safe zones in Syria.\n",
  "notes.txt": "date 2017-04 Notes about <b>zones</b> & markup.\n",
};

/**
 * Seven short documents in three sources (wire, blog, and unknown for the
 * file at the root), dated at every precision the build keeps, one undated;
 * two share a day. Every one mentions "talks". The text carries what the
 * analysis tests need: a diacritic (Café), a ligature (ﬁnal), a curly
 * possessive (Merkel’s), a hyphenated compound, Japanese and Thai, and
 * "Korea" in one document but only "Korean" in another, and a long number.
 */
const DATED_CORPUS: Record<string, string> = {
  "wire/2016/review.md":
    "---\ntitle: A year without a ceasefire\ndate: 2016\n---\nCeasefire talks stalled all year before the ﬁnal round.\n",
  "wire/2017/march.md":
    "---\ntitle: Geneva in March\ndate: 2017-03\n---\nCease-fire talks resumed in Geneva. Reporters waited in the Café de la Paix.\n",
  "wire/2017/april.md":
    "---\ntitle: Merkel’s visit\ndate: 2017-04\n---\nMerkel’s visit to Sochi ended with talks about sanctions.\n",
  "wire/2017/may.md":
    "---\ntitle: Talks in Astana\ndate: 2017-05-02\n---\nThe talks opened with observers from three countries, North Korea among them.\n",
  "blog/tokyo.md":
    "---\ntitle: Korean television in Tokyo\ndate: 2017-05-02\n---\n東京都に住んでいます。The talks were on the news all evening.\n",
  "blog/bangkok.md":
    "---\ntitle: An afternoon in Bangkok\ndate: 2017-05-02T14:30:00Z\n---\nภาษาไทยง่ายนิดเดียว, and nobody here followed the talks.\n",
  "memo.md": "---\ntitle: An undated memo\n---\nA memo about the talks, filed as 20170502 but written on no particular day.\n",
};

/**
 * Documents built so that one ranking or typo rule decides each order: a
 * title match against a body full of the word, an exact match against a
 * misspelling repeated, Watergate beside water, words Porter stems oddly.
 */
const RANKING_CORPUS: Record<string, string> = {
  "title.md":
    "---\ntitle: A Kremlin statement among many other statements from ministries, embassies, agencies and offices\n---\nA note written during the day about the weather, the roads, the markets and the harvest.\n",
  "body.md": "---\ntitle: Other news\n---\nKremlin, kremlin, kremlin, kremlin, kremlin, kremlin.\n",
  // "tillerson" is common, "tilerson" rare: on BM25 alone the misspelling would win.
  "exact.md": "---\ntitle: One mention\n---\nTillerson spoke at length about the weather, the roads, the markets, the harvest and the trade.\n",
  "exact-2.md": "---\ntitle: Another mention\n---\nTillerson again.\n",
  "exact-3.md": "---\ntitle: A third mention\n---\nTillerson once more.\n",
  "typo.md": "---\ntitle: Tilerson\n---\nTilerson, tilerson, tilerson.\n",
  "watergate.md": "---\ntitle: The scandal\n---\nWatergate ended a presidency.\n",
  "water.md": "---\ntitle: The river\n---\nWater rose in the valley.\n",
  // Both titles begin with the same words and hold them once; the text makes BM25 favour the later one.
  "early.md": "---\ntitle: Zebra accord talks\n---\nThe delegations met.\n",
  "late.md": "---\ntitle: Talks on the zebra accord\n---\nThe zebra accord, the zebra accord, and again the zebra accord.\n",
  // The query's phrase and word are this title's name, in order; the other's text says them more often.
  "nyt.md": "---\ntitle: \"New York Times: a newspaper\"\n---\nDaily news.\n",
  "times-new-york.md": "---\ntitle: Times of New York\n---\nThe New York Times, the New York Times, and the New York Times again.\n",
  // Both titles begin with the name; only one is the name.
  "nginx.md": "---\ntitle: nginx\n---\nA small web server.\n",
  "nginx-dev.md": "---\ntitle: nginx-dev\n---\nDevelopment files for nginx: headers to build nginx modules against nginx.\n",
};

async function build(corpusDir: string, assetsDir: string): Promise<void> {
  const report = await buildCorpus({ corpusDir, assetsDir });
  if (!report.ok) {
    const problems = report.problems.map((problem) => `${problem.path}: ${problem.reason}`).join("\n");
    throw new Error(`building ${corpusDir} failed:\n${problems}`);
  }
}

export default async function setup(project: TestProject): Promise<void> {
  await build("seeds", ".build/assets");
  await writeSiteAssets(".build/assets");

  project.provide("nestedArtifact", await buildInline("nested", NESTED_CORPUS));
  project.provide("datedArtifact", await buildInline("dated", DATED_CORPUS));
  project.provide("rankingArtifact", await buildInline("ranking", RANKING_CORPUS));
  project.provide("mixedArtifact", await buildFolder("mixed", "examples/mixed-corpus"));
  project.provide("catalogueArtifact", await buildInline("catalogue", await packageCatalogue()));
  project.provide("shardedCorpus", await buildSharded(generatedCorpus(80), [2, 5]));
}

/**
 * A corpus of `count` short documents made of the property tests' words
 * (prefixes, typos, stems, compounds, stop words), dated or not, in four
 * sources, tagged, every fifth a version of the one before (its text and a
 * sentence more: a copy group, which the split keeps in one shard); the
 * same every run (a fixed-seed generator).
 */
function generatedCorpus(count: number): Record<string, string> {
  let seed = 42;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const words = (n: number) => Array.from({ length: 1 + next(n) }, () => WORDS[next(WORDS.length)]!).join(" ");
  const corpus: Record<string, string> = {};
  let body = "";
  for (let i = 0; i < count; i++) {
    const date = [null, "2016", "2017-05", "2017-05-02", "2017-05-03T10:00:00Z"][next(5)];
    const tags = JSON.stringify([WORDS[next(WORDS.length)], WORDS[next(WORDS.length)]]);
    const front = [`title: ${JSON.stringify(words(8))}`, ...(date ? [`date: ${date}`] : []), `tags: ${tags}`].join("\n");
    body = i % 5 === 4 ? `${body} ${words(10)}.` : `${words(30)}. ${words(20)}.`;
    corpus[`${["wire", "blog", "agency", "desk"][next(4)]}/doc-${i}.md`] = `---\n${front}\n---\n${body}\n`;
  }
  return corpus;
}

/** Builds a corpus whole, then split into each of `counts` shards, as `npm run build:index -- --shards N` does. */
async function buildSharded(corpus: Record<string, string>, counts: number[]): Promise<ShardedCorpus> {
  const scratch = await mkdtemp(path.join(tmpdir(), "corpus-search-sharded-"));
  try {
    for (const [file, text] of Object.entries(corpus)) {
      await mkdir(path.dirname(path.join(scratch, "corpus", file)), { recursive: true });
      await writeFile(path.join(scratch, "corpus", file), text);
    }
    const sharded: ShardedCorpus = { whole: {}, splits: {} };
    for (const count of counts) {
      const root = path.join(scratch, `split-${count}`);
      await build(path.join(scratch, "corpus"), path.join(root, SHARDED_LAYOUT.whole));
      await writeShards(root, count, { name: "corpus-search", compatibilityDate: "2026-04-01", main: "src/index.ts" }, process.cwd());
      sharded.whole = await artifactFiles(path.join(root, SHARDED_LAYOUT.whole));
      sharded.splits[count] = {
        router: await artifactFiles(path.join(root, SHARDED_LAYOUT.router)),
        shards: await Promise.all(Array.from({ length: count }, (_, n) => artifactFiles(path.join(root, SHARDED_LAYOUT.shard(n))))),
      };
    }
    return sharded;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * A catalogue whose titles are names: one document per package installed
 * in node_modules (top level), titled with the package's name and its
 * description, its text the README, which names many other packages. Versions
 * come from the lockfile, so the catalogue is the same on every install.
 */
async function packageCatalogue(): Promise<Record<string, string>> {
  const top = await readdir("node_modules", { withFileTypes: true });
  const folders: string[] = [];
  for (const entry of top) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    if (!entry.name.startsWith("@")) folders.push(entry.name);
    else for (const scoped of await readdir(path.join("node_modules", entry.name))) folders.push(`${entry.name}/${scoped}`);
  }
  const corpus: Record<string, string> = {};
  for (const folder of folders.sort()) {
    const manifest = await readFile(path.join("node_modules", folder, "package.json"), "utf8").catch(() => null);
    if (manifest === null) continue;
    const { name, description = "" } = JSON.parse(manifest) as { name: string; description?: string };
    const files = await readdir(path.join("node_modules", folder));
    const readmeFile = files.find((file) => /^readme(\.md)?$/i.test(file));
    const readme = readmeFile ? await readFile(path.join("node_modules", folder, readmeFile), "utf8") : "";
    // Titled "name: synopsis", as package indexes list them (Debian's, npm's search):
    // the synopsis of one package often names another.
    const title = description ? `${name}: ${description}` : name;
    // JSON strings are YAML strings: names like "@cloudflare/workers-types" need quoting.
    corpus[`${name}.md`] = `---\ntitle: ${JSON.stringify(title)}\n---\n${readme}\n`;
  }
  return corpus;
}

/** Writes a corpus given inline to a scratch folder, builds it, and returns the artifact's files. */
async function buildInline(name: string, corpus: Record<string, string>): Promise<ArtifactFiles> {
  const scratch = await mkdtemp(path.join(tmpdir(), `corpus-search-${name}-`));
  try {
    for (const [file, text] of Object.entries(corpus)) {
      await mkdir(path.dirname(path.join(scratch, "corpus", file)), { recursive: true });
      await writeFile(path.join(scratch, "corpus", file), text);
    }
    return await buildFolder(name, path.join(scratch, "corpus"));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Builds a corpus folder and returns the artifact's files. */
async function buildFolder(name: string, corpusDir: string): Promise<ArtifactFiles> {
  const scratch = await mkdtemp(path.join(tmpdir(), `corpus-search-${name}-assets-`));
  try {
    const assets = path.join(scratch, "assets");
    await build(corpusDir, assets);
    return await artifactFiles(assets);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The files under an assets folder's _artifact/, by asset path. */
async function artifactFiles(assets: string): Promise<ArtifactFiles> {
  const files: ArtifactFiles = {};
  for (const file of await readdir(path.join(assets, ARTIFACT_DIR), { recursive: true, withFileTypes: true })) {
    if (!file.isFile()) continue;
    const absolute = path.join(file.parentPath, file.name);
    files[`/${path.relative(assets, absolute).split(path.sep).join("/")}`] = (await readFile(absolute)).toString("base64");
  }
  return files;
}
