import { mkdir } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { chromiumForFile } from "./browser";
import "./provided";

const REUTERS = "002_0bec946113768599";
/** The browser corpus: the seeds' five articles, the markup document (source unknown) and the long document (source Archive). */
const DOCUMENTS = 7;
const baseUrl = inject("baseUrl");
const browser = chromiumForFile();

/** A page and what went wrong on it: console errors (CSP violations among them), script errors, requests to another origin. */
type Opened = { page: Page; problems: string[] };

async function openPage(path: string, viewport = { width: 1280, height: 900 }): Promise<Opened> {
  const context = await browser().newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("request", (request) => {
    if (new URL(request.url()).origin !== baseUrl) problems.push(`request to another origin: ${request.url()}`);
  });
  await page.goto(baseUrl + path);
  return { page, problems };
}

const hitIds = (page: Page) =>
  page.locator(".hit h2 a").evaluateAll((links) => links.map((link) => decodeURIComponent(new URL((link as HTMLAnchorElement).href).pathname.slice(6))));

/** The refinement list as [source, count] pairs, in the order shown. */
const sourceCounts = (page: Page) =>
  page.locator(".ais-RefinementList-item").evaluateAll((items) =>
    items.map((item) => [item.querySelector(".ais-RefinementList-labelText")?.textContent, Number(item.querySelector(".ais-RefinementList-count")?.textContent)]),
  );

/** Waits until the hits list holds exactly `count` hits. */
const hitCount = (page: Page, count: number) => page.waitForFunction((n) => document.querySelectorAll(".hit").length === n, count);

describe("the InstantSearch example at /instantsearch", () => {
  it("shows every document and the sources with the counts /search gives for the empty query", async () => {
    const api = (await (await fetch(`${baseUrl}/search?q=`)).json()) as { total: number; facets: { source: Record<string, number> } };
    expect(api.total).toBe(DOCUMENTS);
    expect(api.facets.source).toEqual({ unknown: 4, Archive: 1, Reuters: 1, "The Washington Times": 1 });

    const { page, problems } = await openPage("/instantsearch");
    expect(await page.locator("h1").textContent()).toBe("InstantSearch on this corpus");
    expect(await page.locator("#app").getAttribute("data-index-uid")).toBe("corpus");
    await hitCount(page, DOCUMENTS);
    await page.locator(".ais-RefinementList-item").first().waitFor();
    expect(await sourceCounts(page)).toEqual([
      ["unknown", 4],
      ["Archive", 1],
      ["Reuters", 1],
      ["The Washington Times", 1],
    ]);
    expect(await page.locator(".ais-Stats-text").textContent()).toMatch(new RegExp(`^${DOCUMENTS} results found in \\d+ms$`));
    await mkdir("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/instantsearch-1280.png", fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("marks the query's words in snippets and titles as a query is typed", async () => {
    const { page, problems } = await openPage("/instantsearch");
    await hitCount(page, DOCUMENTS);
    await page.locator(".ais-SearchBox-input").pressSequentially("safe zones", { delay: 30 });
    // Polled: "safe z" and "safe zo" match the same four in another order, and may still be on screen.
    await expect.poll(() => hitIds(page)).toEqual([REUTERS, "004_dc6718f12059daa3", "000_7b4177b3914c6952", "001_9b23b38645758bcd"]);
    const first = page.locator(".hit").first();
    expect(await first.locator(".snippet mark.ais-Snippet-highlighted").allTextContents()).toEqual(["safe", "zones"]);
    // Each snippet marks every "safe" and "zones" in its 30 words; these titles hold neither word.
    expect(await page.locator(".hit").evaluateAll((hits) => hits.map((hit) => hit.querySelectorAll(".snippet mark").length))).toEqual([2, 3, 2, 2]);
    expect(await page.locator(".hit h2 mark").count()).toBe(0);
    // Counts follow the query.
    expect(await sourceCounts(page)).toEqual([
      ["unknown", 2],
      ["Reuters", 1],
      ["The Washington Times", 1],
    ]);
    // A word in a title is marked there.
    await page.locator(".ais-SearchBox-input").fill("kremlin");
    await expect.poll(() => hitIds(page)).toEqual(["000_7b4177b3914c6952", "001_9b23b38645758bcd", "004_dc6718f12059daa3", REUTERS, "003_ea843f910fce1dea"]);
    expect(await page.locator(".hit h2 mark.ais-Highlight-highlighted").allTextContents()).toEqual(["Kremlin", "Kremlin"]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("leaves the Reuters hit when Reuters is ticked, and keeps every source's count", async () => {
    const { page, problems } = await openPage("/instantsearch");
    await hitCount(page, DOCUMENTS);
    await page.getByRole("checkbox", { name: /Reuters/ }).check();
    await hitCount(page, 1);
    expect(await hitIds(page)).toEqual([REUTERS]);
    expect(await page.locator(".hit .meta").textContent()).toBe("Reuters");
    // A disjunctive facet: its counts leave out its own filter.
    expect(await sourceCounts(page)).toEqual([
      ["unknown", 4],
      ["Archive", 1],
      ["Reuters", 1],
      ["The Washington Times", 1],
    ]);
    expect(await page.locator(".ais-RefinementList-item--selected .ais-RefinementList-labelText").allTextContents()).toEqual(["Reuters"]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("pages through the hits two at a time with ?hitsPerPage=2", async () => {
    const { page, problems } = await openPage("/instantsearch?hitsPerPage=2");
    await hitCount(page, 2);
    const first = await hitIds(page);
    expect(await page.locator(".ais-Pagination-item--page").allTextContents()).toEqual(["1", "2", "3", "4"]);
    await page.locator(".ais-Pagination-item--page a", { hasText: "2" }).click();
    await page.waitForFunction((ids) => !ids.includes(document.querySelector<HTMLAnchorElement>(".hit h2 a")?.pathname.slice(6) ?? ""), first);
    const second = await hitIds(page);
    expect(second).toHaveLength(2);
    await page.locator(".ais-Pagination-item--page a", { hasText: "3" }).click();
    await page.waitForFunction((ids) => !ids.includes(document.querySelector<HTMLAnchorElement>(".hit h2 a")?.pathname.slice(6) ?? ""), second);
    const third = await hitIds(page);
    // The first three pages are six documents, each once.
    expect(new Set([...first, ...second, ...third]).size).toBe(6);
    expect(await page.locator(".ais-Pagination-item--selected").textContent()).toBe("3");
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("shows markup in a document's title and text as text, and runs none of it", async () => {
    const { page, problems } = await openPage("/instantsearch");
    await hitCount(page, DOCUMENTS);
    await page.locator(".ais-SearchBox-input").fill("memo");
    await hitCount(page, 1);
    const hit = page.locator(".hit");
    expect(await hit.locator("h2").textContent()).toBe("Markup <b>bold</b> & <script>alert(1)</script>");
    expect(await hit.locator(".snippet").textContent()).toContain("<b>bold</b> and <img src=x onerror=alert(2)>");
    expect(await hit.locator(".snippet mark").allTextContents()).toEqual(["memo"]);
    expect(await page.locator("#hits b, #hits img, #hits script").count()).toBe(0);
    expect(await hit.locator("h2 a").getAttribute("href")).toBe("/read/markup");
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("fits a phone's screen in one column without scrolling sideways", async () => {
    const { page, problems } = await openPage("/instantsearch", { width: 390, height: 844 });
    await hitCount(page, DOCUMENTS);
    await page.locator(".ais-RefinementList-item").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // One column: the sources sit above the results.
    const aside = await page.locator("aside").boundingBox();
    const results = await page.locator("section").boundingBox();
    expect(aside && results && aside.y + aside.height <= results.y).toBe(true);
    await page.screenshot({ path: "test-results/instantsearch-390.png", fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
