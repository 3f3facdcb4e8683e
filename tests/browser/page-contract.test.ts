/**
 * The contract between the server's pages and their script: every element
 * public/static/app.js looks for, by id, class or attribute (each
 * alternative of a selector list), is on a page the server renders, and
 * every data attribute it reads is on the elements it reads it from. The
 * selectors and attributes are read from the script itself, so renaming one
 * on either side alone fails here, instead of the page silently losing a
 * feature.
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
  "/?q=xylophonic&source=Reuters", // nothing found, with ways out
  "/?q=trmp", // a spelling offered
  "/?q=-korea", // a search that cannot run
  "/read/002_0bec946113768599?q=safe+zones", // the reading view
  "/read/long?q=quokka&part=2", // a long document's part
];

/** Selectors the script builds around a value (a source's name), and elements it makes itself when missing. */
const NOT_ON_THE_PAGE = new Map([
  [".took", "the script makes it when the server's clock gave no time"],
  // Where "/" and the reading keys must not act: kinds of field no page has yet.
  ["textarea", "a kind of text field the keys leave alone"],
  ["[contenteditable]", "a kind of text field the keys leave alone"],
]);

/**
 * Where the script reads each data attribute: the elements that must carry
 * it. A new dataset read in the script fails the test until it is listed here.
 */
const READ_FROM = new Map([
  ["data-count", ["#matches", ".sources .count"]],
  ["data-source", [".sources .count"]],
  ["data-field", ["fieldset.facet"]],
  ["data-before", ["#matches"]],
  ["data-after", ["#matches"]],
]);

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
    if (method === "getElementById") selectors.add(`#${fixed}`);
    // A list of alternatives: each one is checked, so renaming one alone fails too.
    else for (const alternative of alternatives(fixed)) selectors.add(alternative);
  }
  return [...selectors];
}

/** "a, b:not(c, d)" → ["a", "b:not(c, d)"]: a selector list cut at its top-level commas. */
function alternatives(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === "(") depth++;
    else if (list[i] === ")") depth--;
    else if (list[i] === "," && depth === 0) {
      parts.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(list.slice(start).trim());
  return parts;
}

describe("the contract between the pages and their script", () => {
  it("finds every element the script looks for on a page the server renders", async () => {
    const selectors = await scriptSelectors();
    expect(selectors).toEqual(expect.arrayContaining(["#results", "#results-status", "#query-hint", ".sources .count", "fieldset.facet", ".hit h3 a", "#matches"]));
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

  it("finds every data attribute the script reads on the elements it reads it from", async () => {
    const attributes = await scriptDataAttributes();
    expect(attributes.filter((attribute) => !READ_FROM.has(attribute) && !MADE_BY_THE_SCRIPT.has(attribute))).toEqual([]);
    const wanted = [...READ_FROM].flatMap(([attribute, elements]) => elements.map((element) => `${element}[${attribute}]`));
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const found = new Set<string>();
    for (const path of PAGES) {
      await page.goto(baseUrl + path);
      for (const selector of wanted) if (await page.locator(selector).count()) found.add(selector);
    }
    expect(wanted.filter((selector) => !found.has(selector))).toEqual([]);
    await context.close();
  });
});
