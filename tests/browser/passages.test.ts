/**
 * Who else carried it, in Chromium: a hit's "Also in", "Hide copies" and the
 * side-by-side view, at 1280 px and on a 390×844 phone, in both colour
 * schemes, on the seeds (000 and 001 are two versions of one wire story).
 */
import { mkdir } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { chromiumForFile } from "./browser";
import "./provided";

const DATED = "000_7b4177b3914c6952";
const SEED_001 = "001_9b23b38645758bcd";
const baseUrl = inject("baseUrl");
const browser = chromiumForFile();

async function openPage(path: string, { width = 1280, height = 900, colorScheme = "light" as "light" | "dark", javaScript = true } = {}): Promise<Page> {
  const context = await browser().newContext({ viewport: { width, height }, colorScheme, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  page.on("pageerror", (error) => {
    throw error;
  });
  await page.goto(baseUrl + path);
  return page;
}

const hitIds = (page: Page) => page.locator(".hit h3 a").evaluateAll((links) => links.map((link) => decodeURIComponent(new URL((link as HTMLAnchorElement).href).pathname.slice(6))));

describe("a hit's Also in", () => {
  it("names the other version of the story on each, and leads to the two side by side", async () => {
    const page = await openPage("/?q=safe+zones");
    const dated = page.locator(".hit", { has: page.locator(`a[href^="/read/${DATED}"]`) });
    await expect(dated.locator(".also-in").textContent()).resolves.toBe("Also in: Trump, Putin discuss in-person meeting during phone call, K…");
    // Reuters and The Washington Times share nothing with what their snippets show.
    expect(await page.locator(".hit .also-in").count()).toBe(2);
    await dated.locator(".also-in a").click();
    await page.waitForURL(/\/compare\?/);
    expect(new URL(page.url()).searchParams.get("a")).toBe(DATED);
    expect(new URL(page.url()).searchParams.get("b")).toBe(SEED_001);
    await page.locator("h1", { hasText: "Shared passages" }).waitFor();
    await page.context().close();
  });
});

describe("Hide copies", () => {
  it("folds 001 into 000 without leaving the page, names it under 000, and Back shows both again", async () => {
    const page = await openPage("/?q=safe+zones");
    expect(await hitIds(page)).toHaveLength(4);
    await page.getByLabel("Hide copies").check();
    await page.locator(".summary", { hasText: "3 results for “safe zones”" }).waitFor();
    expect(page.url()).toContain("collapse=copies");
    expect(await hitIds(page)).not.toContain(SEED_001);
    const dated = page.locator(".hit", { has: page.locator(`a[href^="/read/${DATED}"]`) });
    expect(await dated.locator(".copies").textContent()).toBe("1 copy hidden: 001_9b23b38645758bcd");
    // The copy is named once: under the hit, not again as "Also in".
    expect(await dated.locator(".also-in").count()).toBe(0);
    // Counted as a filter on the phone's "Filters (n)".
    expect(await page.locator(".filters-sheet > summary").textContent()).toBe("Filters (1)");
    await page.goBack();
    await page.locator(".summary", { hasText: "4 results for “safe zones”" }).waitFor();
    expect(await page.getByLabel("Hide copies").isChecked()).toBe(false);
    await page.goForward();
    await page.locator(".summary", { hasText: "3 results for “safe zones”" }).waitFor();
    expect(await page.getByLabel("Hide copies").isChecked()).toBe(true);
    await page.context().close();
  });

  it("works without the script: the form's Search sends it", async () => {
    const page = await openPage("/?q=safe+zones", { javaScript: false });
    await page.getByLabel("Hide copies").check();
    await page.locator(".box button[type=submit]").click();
    await page.waitForURL(/collapse=copies/);
    expect(await hitIds(page)).toHaveLength(3);
    await page.context().close();
  });
});

describe("the compare view", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    it(`shows the two versions side by side at 1280 px, the shared passages marked in both (${colorScheme})`, async () => {
      const page = await openPage(`/compare?q=safe+zones&a=${DATED}&b=${SEED_001}`, { colorScheme });
      const sides = page.locator(".side");
      expect(await sides.count()).toBe(2);
      const [left, right] = [await sides.nth(0).boundingBox(), await sides.nth(1).boundingBox()];
      // Side by side: one row, two columns.
      expect(Math.abs(left!.y - right!.y)).toBeLessThan(2);
      expect(right!.x).toBeGreaterThan(left!.x + left!.width);
      expect(await page.locator(".verdict").textContent()).toContain("Versions of one text");
      // What is marked on one side is, word for word, marked on the other.
      const shared = (side: number) => sides.nth(side).locator("mark.shared").allTextContents();
      const [a, b] = [await shared(0), await shared(1)];
      expect(a.length).toBeGreaterThan(3);
      const words = (texts: string[]) => texts.join(" ").toLowerCase().match(/[a-z]+/g)!.length;
      expect(Math.abs(words(a) - words(b))).toBeLessThan(words(a) / 10);
      expect(await sides.nth(0).locator(".share").textContent()).toMatch(/^9\d% of its text is in the other\.$/);
      expect(await sides.nth(1).locator(".share").textContent()).toMatch(/^[45]\d% of its text is in the other\.$/);
      // The marks are readable in this scheme: their colours are not the page's.
      const [markBackground, pageBackground] = await page.evaluate(() => [getComputedStyle(document.querySelector("mark.shared")!).backgroundColor, getComputedStyle(document.body).backgroundColor]);
      expect(markBackground).not.toBe(pageBackground);
      await mkdir("test-results", { recursive: true });
      await page.screenshot({ path: `test-results/compare-1280-${colorScheme}.png` });
      await page.context().close();
    });

    it(`stacks them on a 390×844 phone, each as wide as the screen (${colorScheme})`, async () => {
      const page = await openPage(`/compare?a=${DATED}&b=${SEED_001}`, { width: 390, height: 844, colorScheme });
      const [left, right] = [await page.locator(".side").nth(0).boundingBox(), await page.locator(".side").nth(1).boundingBox()];
      expect(right!.y).toBeGreaterThan(left!.y + left!.height - 1);
      expect(left!.width).toBeGreaterThan(330);
      // Nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await mkdir("test-results", { recursive: true });
      await page.screenshot({ path: `test-results/compare-390-${colorScheme}.png` });
      await page.context().close();
    });
  }

  it("leads back to the results of the search it came from, and to each document's reading view", async () => {
    const page = await openPage(`/compare?q=safe+zones&a=${DATED}&b=${SEED_001}`);
    expect(await page.locator(".back a").getAttribute("href")).toBe("/?q=safe+zones");
    expect(await page.locator("#b-title a").getAttribute("href")).toBe(`/read/${SEED_001}?q=safe+zones`);
    await page.context().close();
  });

  it("says so when a document is missing, or when it is given one document only", async () => {
    const page = await openPage(`/compare?a=${DATED}&b=nope`);
    expect(await page.locator("h1").textContent()).toBe("No such document");
    await page.goto(`${baseUrl}/compare?a=${DATED}`);
    expect(await page.locator("h1").textContent()).toBe("Nothing to compare");
    await page.context().close();
  });
});
