/**
 * Known-item search: typing a thing's name finds that thing first. The
 * judged set is a real catalogue, the packages in node_modules, where each
 * title is a package's name and the texts (descriptions and READMEs) name
 * the others: "esbuild" is also the start of "@esbuild/linux-x64",
 * "markdown-it" of "markdown-it-footnote", "zod" a word in
 * "@asteasolutions/zod-to-openapi", and a README may say "vite" a hundred
 * times where vite's own says it once.
 */
import { describe, expect, inject, it } from "vitest";
import app from "../../src/index";
import { assetsServing } from "./artifact-assets";
import "./provided";

const assets = assetsServing(inject("catalogueArtifact"));

async function firstHit(query: string): Promise<string | undefined> {
  const response = await app.fetch(new Request(`http://search.test/search?${new URLSearchParams({ q: query })}`), { ASSETS: assets });
  expect(response.status).toBe(200);
  return ((await response.json()) as { hits: { id: string }[] }).hits[0]?.id;
}

/** Names as people type them, chosen where another package's title or text competes. */
const NAMES = [
  "esbuild", // @esbuild/linux-x64
  "vite", // vitest, @vitest/*
  "vitest",
  "markdown-it", // markdown-it-footnote, @types/markdown-it
  "markdown-it-footnote",
  "ajv", // ajv-formats, ajv-draft-04
  "undici", // undici-types
  "zod", // @asteasolutions/zod-to-openapi
  "workerd", // @cloudflare/workerd-linux-64
  "wrangler",
  "miniflare",
  "hono",
  "minisearch",
  "sharp", // @img/sharp-linux-x64
  "lightningcss", // lightningcss-linux-x64-gnu
  "yaml", // js-yaml
  "js-yaml",
  "mime-types", // mime-db
  "color-name", // color-convert
  "ansi-regex", // strip-ansi
  "typescript", // @types/*
  "fast-check",
  "htmlparser2",
  "gray-matter",
  "entities",
  "chalk",
  "semver",
  "postcss",
  "@cloudflare/workers-types",
  "@types/node",
];

describe("known-item search on a catalogue of packages", () => {
  it.each(NAMES)("finds %s first when its name is typed", async (name) => {
    expect(await firstHit(name)).toBe(name);
  });
});
