/**
 * The contract between the server's pages and their script: every element
 * public/static/app.js looks for, by id, class or attribute, and every data
 * attribute it reads, is on a page the server renders. Both are read from the script itself, so
 * renaming a class on either side alone fails here, instead of the page
 * silently losing a feature.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, inject, it } from "vitest";
import { chromiumForFile } from "./browser";
import "./provided";

const baseUrl = inject("baseUrl");
const browser = chromiumForFile();

/** Pages that, between them, hold every state the script works on. */
const PAGES = [
  "/?q=safe+zones&limit=2", // hits, pager, counts, facets, filters
  "/?q=xylophonic", // nothing found
  "/?q=trmp", // a spelling offered
  "/?q=-korea", // a search that cannot run
  "/read/002_0bec946113768599?q=safe+zones", // the reading view
  "/read/long?q=quokka&part=2", // a long document's part
];

/** Selectors the script builds around a value (a source's name), and elements it makes itself when missing. */
const NOT_ON_THE_PAGE = new Map([[".took", "the script makes it when the server's clock gave no time"]]);

/** Data attributes the script reads from elements it makes itself. */
const MADE_BY_THE_SCRIPT = new Map([["data-text", "a suggestion's text, on the options the script builds from /suggest"]]);

/** The data attributes app.js reads (`element.dataset.beforeMatch` is data-before-match). */
async function scriptDataAttributes(): Promise<string[]> {
  const script = await readFile("public/static/app.js", "utf8");
  const names = [...script.matchAll(/\.dataset\.(\w+)/g)].map(([, name]) => `data-${name!.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`);
  return [...new Set(names)];
}

/** The literal selectors and ids app.js looks up. */
async function scriptSelectors(): Promise<string[]> {
  const script = await readFile("public/static/app.js", "utf8");
  const selectors = new Set<string>();
  for (const [, method, quote, text] of script.matchAll(/(querySelector(?:All)?|closest\??\.?|getElementById)\(\s*(["'`])(.+?)\2/g)) {
    // Built around a value: its fixed part is checked, up to the value.
    const fixed = quote === "`" ? text!.split("${")[0]!.replace(/\[[^\]]*$/, "") : text!;
    if (fixed === "" || /match-$/.test(fixed)) continue;
    selectors.add(method === "getElementById" ? `#${fixed}` : fixed);
  }
  return [...selectors];
}

describe("the contract between the pages and their script", () => {
  it("finds every element the script looks for on a page the server renders", async () => {
    const selectors = await scriptSelectors();
    expect(selectors).toEqual(expect.arrayContaining(["#results", "#results-status", "#query-hint", ".sources .count", "fieldset.facet", ".hit h2 a", "#matches"]));
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const found = new Set<string>();
    for (const path of PAGES) {
      await page.goto(baseUrl + path);
      for (const selector of selectors) {
        // A selector given to closest() lists alternatives: one of them on a page is enough.
        if (await page.locator(selector).count()) found.add(selector);
      }
    }
    const missing = selectors.filter((selector) => !found.has(selector) && !NOT_ON_THE_PAGE.has(selector));
    expect(missing).toEqual([]);
    await context.close();
  });

  it("finds every data attribute the script reads on a page the server renders", async () => {
    const attributes = await scriptDataAttributes();
    expect(attributes).toEqual(expect.arrayContaining(["data-count", "data-source", "data-field", "data-before", "data-after"]));
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const found = new Set<string>();
    for (const path of PAGES) {
      await page.goto(baseUrl + path);
      for (const attribute of attributes) if (await page.locator(`[${attribute}]`).count()) found.add(attribute);
    }
    expect(attributes.filter((attribute) => !found.has(attribute) && !MADE_BY_THE_SCRIPT.has(attribute))).toEqual([]);
    await context.close();
  });
});
