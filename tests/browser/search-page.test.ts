import { mkdir } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { chromiumForFile } from "./browser";
import "./provided";

const REUTERS = "002_0bec946113768599";
const baseUrl = inject("baseUrl");
const browser = chromiumForFile();

/** A fresh page, failing the test on any script error or console error. */
async function openPage(path: string, options: { javaScript?: boolean } = {}): Promise<Page> {
  const context = await browser().newContext({ javaScriptEnabled: options.javaScript ?? true, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.on("pageerror", (error) => {
    throw error;
  });
  page.on("dialog", (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
  await page.goto(baseUrl + path);
  return page;
}

/** True when match `n` is on screen and not under the reading view's sticky matches bar. */
const clearOfBar = (page: Page, n: number) =>
  page.evaluate((id) => {
    const box = document.getElementById(id)!.getBoundingClientRect();
    return box.top >= document.getElementById("matches")!.getBoundingClientRect().bottom && box.bottom <= window.innerHeight;
  }, `match-${n}`);

const hitIds = (page: Page) =>
  page.locator(".hit h3 a").evaluateAll((links) => links.map((link) => decodeURIComponent(new URL((link as HTMLAnchorElement).href).pathname.slice(6))));

describe("the search page", () => {
  it("shows marked results as a query is typed", async () => {
    const page = await openPage("/");
    await page.locator("#q").pressSequentially("safe zones", { delay: 30 });
    await page.locator(".summary", { hasText: "4 results for “safe zones”" }).waitFor();
    // The time shown is the wait the user saw, measured by the page.
    expect(await page.locator(".summary .took").textContent()).toMatch(/^ · \d+ ms$/);
    expect(await hitIds(page)).toEqual([REUTERS, "004_dc6718f12059daa3", "000_7b4177b3914c6952", "001_9b23b38645758bcd"]);
    expect(await page.locator(".hit").first().locator(".snippet mark").allTextContents()).toEqual(["safe", "zones"]);
    await mkdir("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/search-page.png", fullPage: true });
    await page.context().close();
  });

  it("updates every source's count as the query changes", async () => {
    const page = await openPage("/");
    // The seeds' three unknown-source articles, and the markup document.
    expect(await page.locator('.count[data-source="unknown"]').textContent()).toBe("4");
    await page.locator("#q").fill("korea");
    await page.locator(".summary", { hasText: "3 results for “korea”" }).waitFor();
    expect(await page.locator('.count[data-source="unknown"]').textContent()).toBe("1");
    expect(await page.locator('.count[data-source="Reuters"]').textContent()).toBe("1");
    await page.context().close();
  });

  it("filters by the ticked source and keeps every source's count", async () => {
    const page = await openPage("/?q=safe+zones");
    await page.getByRole("checkbox", { name: /Reuters/ }).check();
    await page.locator(".summary", { hasText: "1 result for" }).waitFor();
    expect(await hitIds(page)).toEqual([REUTERS]);
    // Counts ignore the source filter itself, so the other sources still show theirs.
    expect(await page.locator('.count[data-source="unknown"]').textContent()).toBe("2");
    expect(await page.locator('.count[data-source="Reuters"]').textContent()).toBe("1");
    expect(new URL(page.url()).searchParams.getAll("source")).toEqual(["Reuters"]);
    await page.context().close();
  });

  it("shows each facet field as a group of its own, filters by a ticked value, and keeps the group current", async () => {
    const page = await openPage("/?q=zones");
    const tags = page.locator('fieldset.facet[data-field="tags"]');
    expect(await tags.locator("legend").textContent()).toBe("Tags");
    // A tag with markup in it is shown as text.
    expect(await tags.locator(".name").allTextContents()).toEqual(["<i>markup</i>", "memo"]);
    await tags.getByRole("checkbox", { name: /memo/ }).check();
    await page.locator(".summary", { hasText: "1 result for" }).waitFor();
    expect(await hitIds(page)).toEqual(["markup"]);
    expect(new URL(page.url()).searchParams.getAll("tags")).toEqual(["memo"]);
    // The group was swapped in fresh from the server: the value stays ticked, and the others still counted.
    expect(await tags.getByRole("checkbox", { name: /memo/ }).isChecked()).toBe(true);
    // The keyboard is where it was: on the ticked value, in the new group.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe("memo");
    expect(await tags.locator(".count").allTextContents()).toEqual(["1", "1"]);
    await page.context().close();
  });

  it("keeps the search in the URL: a reload, or a shared link, shows the same results", async () => {
    const page = await openPage("/");
    await page.locator("#q").fill("korea");
    await page.getByRole("checkbox", { name: /The Washington Times/ }).check();
    await page.locator(".summary", { hasText: "1 result for “korea”" }).waitFor();
    const url = page.url();
    expect(new URL(url).search).toBe("?q=korea&source=The+Washington+Times");
    const shared = await openPage(new URL(url).pathname + new URL(url).search);
    expect(await shared.locator("#q").inputValue()).toBe("korea");
    expect(await shared.getByRole("checkbox", { name: /The Washington Times/ }).isChecked()).toBe(true);
    expect(await hitIds(shared)).toEqual(["004_dc6718f12059daa3"]);
    await page.context().close();
    await shared.context().close();
  });

  it("gives a typed query its own history entry, so Back returns to the one before", async () => {
    const page = await openPage("/?q=korea");
    await page.locator("#q").fill("");
    await page.locator("#q").pressSequentially("astana", { delay: 40 });
    await page.locator(".summary", { hasText: "for “astana”" }).waitFor();
    await page.waitForURL(/\?q=astana$/);
    expect(await page.title()).toBe("astana – Corpus search");
    await page.locator("#q").press("Enter");
    await page.goBack();
    await page.locator(".summary", { hasText: "for “korea”" }).waitFor();
    expect(await page.locator("#q").inputValue()).toBe("korea");
    expect(new URL(page.url()).search).toBe("?q=korea");
    await page.context().close();
  });

  it("pages with the script, and Back returns to the first page", async () => {
    const page = await openPage("/?q=trump&limit=2");
    await page.getByRole("link", { name: "Next →" }).click();
    await page.locator(".summary", { hasText: "3–4 of 5 results" }).waitFor();
    expect(new URL(page.url()).search).toBe("?q=trump&limit=2&offset=2");
    await page.getByRole("checkbox", { name: /Reuters/ }).check();
    // A new filter keeps the page size and starts from the first page.
    await page.waitForURL(/\?q=trump&source=Reuters&limit=2$/);
    await page.goBack();
    await page.locator(".summary", { hasText: "3–4 of 5 results" }).waitFor();
    await page.goBack();
    await page.locator(".summary", { hasText: "1–2 of 5 results" }).waitFor();
    await page.context().close();
  });

  it("shows the page Back went to, also when Back is pressed before the search it leaves has answered", async () => {
    const page = await openPage("/?q=trump&limit=2");
    await page.getByRole("link", { name: "Next →" }).click();
    await page.locator(".summary", { hasText: "3–4 of 5 results" }).waitFor();
    // The Reuters search is held back until Back has been pressed.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/source=Reuters/, async (route) => {
      await held;
      // The page may have given up on it by now.
      await route.continue().catch(() => {});
    });
    const requested = page.waitForRequest(/source=Reuters/);
    await page.getByRole("checkbox", { name: /Reuters/ }).check();
    await requested;
    await page.goBack();
    release();
    // Settled: no search on its way any more.
    await page.waitForFunction(() => document.getElementById("results")?.getAttribute("aria-busy") === "false");
    expect(await page.locator(".summary").textContent()).toContain("3–4 of 5 results");
    expect(new URL(page.url()).search).toBe("?q=trump&limit=2&offset=2");
    expect(await page.getByRole("checkbox", { name: /Reuters/ }).isChecked()).toBe(false);
    await page.context().close();
  });

  it("keeps the keyboard on track: Enter on Next moves focus to the new results, / works from a checkbox, the skip link fetches nothing", async () => {
    // A short window, where the results start below the first screen.
    const context = await browser().newContext({ viewport: { width: 800, height: 400 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/?q=trump&limit=2`);
    const resultsTop = () => page.evaluate(() => document.getElementById("results")!.getBoundingClientRect().top);
    const status = await page.locator("#results-status").elementHandle();
    await page.getByRole("link", { name: "Next →" }).focus();
    expect(await resultsTop()).toBeLessThan(0);
    await page.keyboard.press("Enter");
    await page.locator(".summary", { hasText: "3–4 of 5 results" }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("results-heading");
    // Scrolled to the new results' start, not left at the pager below them.
    expect(Math.abs(await resultsTop())).toBeLessThanOrEqual(1);
    // The live region is the same element, its words updated in place.
    expect(await status!.evaluate((element) => element === document.getElementById("results-status") && element.textContent)).toBe("3–4 of 5 results for “trump”");
    // "/" from a checkbox goes to the search box.
    await page.getByRole("checkbox", { name: /Reuters/ }).focus();
    await page.keyboard.press("/");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("q");
    // The skip link jumps to the results without searching again.
    let searches = 0;
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/") searches++;
    });
    await page.locator("a.skip").focus();
    await page.keyboard.press("Enter");
    await page.waitForTimeout(300);
    expect(new URL(page.url()).hash).toBe("#results");
    expect(searches).toBe(0);
    await page.context().close();
  });

  it("filters by date and sorts by date, with both kept in the URL", async () => {
    const page = await openPage("/?q=putin");
    await page.getByLabel("From").fill("2017-05");
    await page.getByLabel("From").press("Enter");
    await page.locator(".summary", { hasText: "1 result for “putin”" }).waitFor();
    expect(await hitIds(page)).toEqual(["000_7b4177b3914c6952"]);
    expect(new URL(page.url()).searchParams.get("from")).toBe("2017-05");
    await page.getByLabel("From").fill("");
    await page.getByLabel("Sort by").selectOption("date");
    await page.waitForURL(/sort=date/);
    await page.locator(".summary", { hasText: "5 results for “putin”" }).waitFor();
    expect((await hitIds(page))[0]).toBe("000_7b4177b3914c6952"); // the only dated one; undated come last
    await page.context().close();
  });

  it("shows the latest query's results when an earlier answer arrives late", async () => {
    const page = await openPage("/");
    let delayed = false;
    await page.route(/\/\?q=kor$/, async (route) => {
      delayed = true;
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await page.locator("#q").fill("kor");
    await page.waitForTimeout(300);
    await page.locator("#q").fill("astana");
    await page.locator(".summary", { hasText: "for “astana”" }).waitFor();
    await page.waitForTimeout(900);
    expect(delayed).toBe(true);
    expect(await page.locator(".summary").textContent()).toContain("for “astana”");
    await page.context().close();
  });

  it("runs the offered spelling when its link is followed", async () => {
    const page = await openPage("/?q=Tilerson");
    await page.getByRole("link", { name: "tillerson" }).click();
    await page.locator(".summary", { hasText: "for “tillerson”" }).waitFor();
    expect(await page.locator("#q").inputValue()).toBe("tillerson");
    await page.context().close();
  });

  it("goes Back to the previous search, and Forward again", async () => {
    const page = await openPage("/?q=korea");
    await page.locator("#q").fill("astana");
    await page.locator("#q").press("Enter");
    await page.locator(".summary", { hasText: "for “astana”" }).waitFor();
    await page.goBack();
    await page.locator(".summary", { hasText: "for “korea”" }).waitFor();
    expect(await page.locator("#q").inputValue()).toBe("korea");
    await page.goForward();
    await page.locator(".summary", { hasText: "for “astana”" }).waitFor();
    expect(await page.locator("#q").inputValue()).toBe("astana");
    await page.context().close();
  });

  it("renders results on the server, so the page works without JavaScript", async () => {
    const page = await openPage("/?q=safe+zones&source=Reuters", { javaScript: false });
    expect(await page.locator(".summary").textContent()).toMatch(/^1 result for “safe zones”/);
    expect(await hitIds(page)).toEqual([REUTERS]);
    // The plain form submits to the same page.
    await page.locator("#q").fill("korea");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=korea/);
    expect(await hitIds(page)).toEqual([REUTERS]);
    await page.context().close();
  });

  it("shows markup in a document's text as text, and runs none of it", async () => {
    const page = await openPage("/");
    await page.locator("#q").fill("memo");
    await page.locator(".summary", { hasText: "1 result for “memo”" }).waitFor();
    const hit = page.locator(".hit").first();
    expect(await hit.locator("h3").textContent()).toBe("Markup <b>bold</b> & <script>alert(1)</script>");
    expect(await hit.locator(".snippet").textContent()).toContain("<b>bold</b> and <img src=x onerror=alert(2)>");
    expect(await hit.locator("b, img, script").count()).toBe(0);
    await hit.locator("h3 a").click();
    await page.waitForURL(/\/read\/markup/);
    expect(await page.locator("article .text").textContent()).toContain("<b>bold</b> and <img src=x onerror=alert(2)>");
    expect(await page.locator("article b, article img, article script").count()).toBe(0);
    await page.context().close();
  });

  it("opens a document with the query's words marked, and leads back to the results", async () => {
    const page = await openPage("/?q=safe+zones");
    await page.locator(`.hit h3 a[href^="/read/${REUTERS}"]`).click();
    await page.waitForURL(new RegExp(`/read/${REUTERS}\\?q=safe\\+zones`));
    expect(await page.locator("article mark").count()).toBe(6);
    await page.getByRole("link", { name: "← Back to results" }).click();
    await page.waitForURL(/\/\?q=safe\+zones$/);
    expect(await page.locator(".hit").count()).toBe(4);
    await page.context().close();
  });

  it("opens a document at its first match, and steps through the matches by button and by key", async () => {
    const page = await openPage("/?q=safe+zones");
    await page.locator(`.hit h3 a[href^="/read/${REUTERS}"]`).click();
    await page.waitForURL(new RegExp(`/read/${REUTERS}\\?q=safe\\+zones#match-1$`));
    const where = page.locator("#matches .where");
    expect(await where.textContent()).toBe("Match 1 of 6");
    const inView = (n: number) => clearOfBar(page, n);
    await expect.poll(() => inView(1)).toBe(true);
    expect(await page.locator("mark.current").getAttribute("id")).toBe("match-1");
    await page.keyboard.press("n");
    expect(await where.textContent()).toBe("Match 2 of 6");
    expect(await page.locator("mark.current").getAttribute("id")).toBe("match-2");
    await page.getByRole("button", { name: "← Previous match" }).click();
    await page.getByRole("button", { name: "← Previous match" }).click();
    // Before the first is the last.
    expect(await where.textContent()).toBe("Match 6 of 6");
    expect(await inView(6)).toBe(true);
    expect(new URL(page.url()).hash).toBe("#match-6");
    await page.context().close();
  });

  it("opens a document on a phone with the first match clear of the matches bar, which wraps there", async () => {
    const context = await browser().newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/read/${REUTERS}?q=safe+zones#match-1`);
    await expect.poll(() => clearOfBar(page, 1)).toBe(true);
    await context.close();
  });

  it("reads a long document in parts, starting at the part with the first match, and steps across parts", async () => {
    const page = await openPage("/?q=quokka");
    await page.locator('.hit h3 a[href^="/read/long"]').click();
    await page.waitForURL(/\/read\/long\?q=quokka#match-1$/);
    const where = page.locator("#matches .where");
    expect(await where.textContent()).toBe("Match 1 of 4");
    expect(await page.locator(".parts span").first().textContent()).toBe("Part 1 of 3");
    expect(await page.title()).toBe("Minutes of the long meeting (part 1 of 3) – Corpus search");
    // A part holds about 100,000 of the document's 250,000 characters, not the whole.
    const shown = await page.evaluate(() => document.querySelector(".text")!.textContent!.length);
    expect(shown).toBeGreaterThan(90_000);
    expect(shown).toBeLessThan(110_000);
    await page.keyboard.press("n");
    expect(await where.textContent()).toBe("Match 2 of 4");
    // Match 3 is in part 2: the next step opens that part at it.
    await Promise.all([page.waitForURL(/[?&]part=2#match-3$/), page.getByRole("button", { name: "Next match →" }).click()]);
    await page.locator("mark.current#match-3").waitFor();
    expect(await where.textContent()).toBe("Match 3 of 4");
    expect(await page.locator(".parts span").first().textContent()).toBe("Part 2 of 3");
    await expect.poll(() => clearOfBar(page, 3)).toBe(true);
    // Back across the part boundary, by key.
    await Promise.all([page.waitForURL(/[?&]part=1#match-2$/), page.keyboard.press("p")]);
    await page.locator("mark.current#match-2").waitFor();
    // The parts' own links keep the search, so the words stay marked.
    await Promise.all([page.waitForURL(/[?&]part=2$/), page.getByRole("link", { name: "Part 2 →" }).first().click()]);
    expect(await page.locator("mark").count()).toBe(1);
    expect(await where.textContent()).toBe("4 matches");
    await page.context().close();
  });

  it("lets the single-key shortcuts be turned off, on every page, and on again", async () => {
    const page = await openPage("/?q=safe+zones");
    await page.getByRole("button", { name: "Turn off key shortcuts" }).click();
    await page.locator("body").press("/");
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe("q");
    // The choice holds on the reading view too: n steps nowhere.
    await page.goto(`${baseUrl}/read/${REUTERS}?q=safe+zones#match-1`);
    await page.locator("body").press("n");
    expect(await page.locator("#matches .where").textContent()).toBe("Match 1 of 6");
    await page.getByRole("button", { name: "Turn on key shortcuts" }).click();
    await page.locator("body").press("n");
    expect(await page.locator("#matches .where").textContent()).toBe("Match 2 of 6");
    await page.context().close();
  });

  it("suggests completions, chosen with the arrow keys and Enter", async () => {
    const page = await openPage("/");
    await page.locator("#q").pressSequentially("trump pres", { delay: 30 });
    const options = page.getByRole("option");
    // The list for the whole query, not one left from an earlier keystroke.
    await page.getByRole("option", { name: /trump pressure/ }).waitFor();
    expect(await options.locator("span:first-child").allTextContents()).toEqual([
      "trump president",
      "trump presidential",
      "trump press",
      "trump present",
      "trump pressure",
    ]);
    await page.locator("#q").press("ArrowDown");
    await page.locator("#q").press("ArrowDown");
    expect(await page.locator("#q").getAttribute("aria-activedescendant")).toBe("suggestion-1");
    await page.locator("#q").press("Enter");
    await page.locator(".summary", { hasText: "for “trump presidential”" }).waitFor();
    expect(await page.locator("#suggestions").isHidden()).toBe(true);
    await page.context().close();
  });

  it("focuses the box with /, closes suggestions with Escape, and moves through results with the arrows", async () => {
    const page = await openPage("/?q=korea");
    await page.locator("body").press("/");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("q");
    await page.locator("#q").fill("tillers");
    await page.getByRole("option").first().waitFor();
    await page.locator("#q").press("Escape");
    expect(await page.locator("#suggestions").isHidden()).toBe(true);
    await page.locator(".summary", { hasText: "for “tillers”" }).waitFor();
    // A second Escape leaves the query alone.
    await page.locator("#q").press("Escape");
    expect(await page.locator("#q").inputValue()).toBe("tillers");
    await page.locator("#q").press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.closest(".hit") !== null)).toBe(true);
    await page.keyboard.press("Escape");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("q");
    await page.context().close();
  });

  it("says what happened and what to try when nothing matches or the query cannot run", async () => {
    const page = await openPage("/?q=xylophonic+zanzibarian");
    expect(await page.locator(".empty").textContent()).toContain("Find documents with any of the words");
    // Opened as it is, a search that cannot run says why, in the page's words.
    const direct = await openPage("/?q=-korea");
    expect(await direct.getByRole("alert").textContent()).toContain("That search could not run: Add a word to look for: a search of only -excluded words leaves nothing to find.");
    await page.context().close();
    await direct.context().close();
  });

  it("keeps the last good results while a search cannot run yet, with a hint in the page's words", async () => {
    const page = await openPage("/?q=safe+zones");
    const before = await hitIds(page);
    const counts = await page.locator(".sources .count").allTextContents();
    // A half-typed date: the results and counts stay, a hint says what a date looks like.
    await page.locator('input[name="from"]').fill("2023-1");
    await page.locator('input[name="from"]').press("Tab");
    await page.locator("#query-hint", { hasText: "A date is a year, a month or a day" }).waitFor();
    expect(await hitIds(page)).toEqual(before);
    expect(await page.locator(".sources .count").allTextContents()).toEqual(counts);
    expect(await page.getByRole("alert").count()).toBe(0);
    // A query of only excluded words, typed: the same.
    await page.locator('input[name="from"]').fill("");
    await page.locator("#q").fill("-korea");
    await page.locator("#query-hint", { hasText: "Add a word to look for" }).waitFor();
    expect(await hitIds(page)).toEqual(before);
    // Once the search can run, its results replace them and the hint goes.
    await page.locator("#q").fill("korea");
    await page.locator(".summary", { hasText: "for “korea”" }).waitFor();
    expect(await page.locator("#query-hint").textContent()).toBe("");
    await page.context().close();
  });

  it("words the help line as Match says, and dims the sources no result has", async () => {
    const page = await openPage("/?q=korea");
    expect(await page.locator(".match-all").isVisible()).toBe(true);
    expect(await page.locator(".match-any").isVisible()).toBe(false);
    await page.locator('select[name="match"]').selectOption("any");
    await page.locator(".match-any").waitFor();
    expect(await page.locator(".match-all").isVisible()).toBe(false);
    // Only the markup document (source unknown) has "memo": Reuters' name takes the muted colour, its count is 0.
    await page.locator("#q").fill("memo");
    await page.locator(".summary", { hasText: "for “memo”" }).waitFor();
    const colours = await page.evaluate(() => {
      const muted = getComputedStyle(document.querySelector(".sources .count")!).color;
      const nameOf = (source: string) => getComputedStyle(document.querySelector(`.count[data-source="${source}"]`)!.parentElement!.querySelector(".name")!).color;
      return { muted, empty: nameOf("Reuters"), found: nameOf("unknown") };
    });
    expect(await page.locator('.count[data-source="Reuters"]').textContent()).toBe("0");
    expect(colours.empty).toBe(colours.muted);
    expect(colours.found).not.toBe(colours.muted);
    await page.context().close();
  });

  it("loads the API reference with no request failing, its icon included", async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const failed: string[] = [];
    page.on("response", (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${baseUrl}/docs`, { waitUntil: "networkidle" });
    expect(await page.locator('link[rel="icon"]').getAttribute("href")).toBe("/static/favicon.svg");
    expect(failed).toEqual([]);
    await context.close();
  });

  it("puts the filters beside the results on a wide screen", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await browser().newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/?q=safe+zones`);
      const [filters, results] = await Promise.all([page.locator(".filters").boundingBox(), page.locator("#results").boundingBox()]);
      expect(filters!.x + filters!.width).toBeLessThan(results!.x);
      // Side by side: the results start level with the filters, not below them.
      expect(Math.abs(results!.y - filters!.y)).toBeLessThan(40);
      expect(await page.locator(".filters-sheet > summary").isVisible()).toBe(false);
      await page.screenshot({ path: `test-results/search-page-1280-${colorScheme}.png` });
      await context.close();
    }
  });

  it("keeps the sidebar open on a wide screen, with or without the script, and makes it a sheet again on a narrower one", async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser().newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/?q=safe+zones`);
      expect(await page.locator(".sources").isVisible()).toBe(true);
      if (javaScriptEnabled) {
        // The script opens the <details> itself, for browsers without ::details-content.
        expect(await page.locator(".filters-sheet").getAttribute("open")).toBe("");
        // Focus leaving the sidebar does not close it.
        await page.getByRole("checkbox", { name: /Reuters/ }).focus();
        await page.locator("#q").focus();
        expect(await page.locator(".filters-sheet").getAttribute("open")).toBe("");
        await page.setViewportSize({ width: 390, height: 844 });
        await page.locator(".sources").waitFor({ state: "hidden" });
        expect(await page.locator(".filters-sheet > summary").isVisible()).toBe(true);
      }
      await context.close();
    }
  });

  it("shows the first results on a phone's first screen, the filters behind one control with touch-sized targets", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await browser().newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, colorScheme });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/?q=safe+zones&source=Reuters`);
      const firstHit = await page.locator(".hit").first().boundingBox();
      expect(firstHit!.y + 60).toBeLessThan(844);
      // One filter is set: the control says so; the filters are out of the way until it is opened.
      const summary = page.locator(".filters-sheet > summary");
      expect(await summary.textContent()).toBe("Filters (1)");
      expect(await page.locator(".sources").isVisible()).toBe(false);
      // "/" needs a keyboard: no such hint on a touch screen.
      expect(await page.locator(".keyboard-hint").isVisible()).toBe(false);
      await page.screenshot({ path: `test-results/search-page-390-${colorScheme}.png` });
      await summary.tap();
      await page.locator(".sources").waitFor();
      for (const target of await page.locator(".filters-sheet > summary, .sources label, fieldset.facet label, .dates input, .option select, .box > button, #q, .sheet-actions button").all()) {
        expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      }
      await page.screenshot({ path: `test-results/search-page-390-${colorScheme}-filters.png` });
      await context.close();
    }
  });

  it("opens the filters on a phone as a sheet over the results, which Show results, Escape and the shade close", async () => {
    const context = await browser().newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/?q=safe+zones`);
    const summary = page.locator(".filters-sheet > summary");
    const sheet = page.locator(".filters");
    const hitsTop = (await page.locator(".hit").first().boundingBox())!.y;
    await summary.tap();
    await sheet.waitFor();
    // Behind the open sheet, the page is out of reach, as behind a dialog; the control that opened it is not.
    const inert = () => page.evaluate(() => [document.getElementById("results")!.inert, document.querySelector("header")!.inert, document.getElementById("q")!.closest("[inert]") !== null]);
    await expect.poll(inert).toEqual([true, true, true]);
    expect(await page.evaluate(() => document.querySelector(".filters-sheet > summary")!.closest("[inert]"))).toBeNull();
    // The count is still announced.
    expect(await page.evaluate(() => document.getElementById("results-status")!.closest("[inert]"))).toBeNull();
    // The sheet lies over the page, from the bottom of the screen, and moves nothing.
    const box = (await sheet.boundingBox())!;
    expect(Math.round(box.y + box.height)).toBe(844);
    expect(box.width).toBe(390);
    expect((await page.locator(".hit").first().boundingBox())!.y).toBe(hitsTop);
    // Its last control stays on screen however long it is.
    const done = page.getByRole("button", { name: "Show results" });
    const doneBox = (await done.boundingBox())!;
    expect(doneBox.y + doneBox.height).toBeLessThanOrEqual(844);
    // Ticking a value searches at once; Show results closes the sheet over the new results.
    await page.getByRole("checkbox", { name: /Reuters/ }).tap();
    await page.locator(".summary", { hasText: "1 result for" }).waitFor();
    await done.tap();
    await sheet.waitFor({ state: "hidden" });
    await expect.poll(inert).toEqual([false, false, false]);
    // The focus was in the sheet: it goes back to the control that opened it.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("SUMMARY");
    expect(await summary.textContent()).toBe("Filters (1)");
    expect(new URL(page.url()).searchParams.getAll("source")).toEqual(["Reuters"]);
    // Escape closes it and gives focus back to the control that opened it.
    await summary.tap();
    await sheet.waitFor();
    await page.getByRole("checkbox", { name: /Reuters/ }).focus();
    await page.keyboard.press("Escape");
    await sheet.waitFor({ state: "hidden" });
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("SUMMARY");
    // A tap on the shade above the sheet closes it too.
    await summary.tap();
    await sheet.waitFor();
    await page.touchscreen.tap(195, 40);
    await sheet.waitFor({ state: "hidden" });
    expect(await page.locator(".summary").textContent()).toContain("1 result for");
    await context.close();
  });

  it("applies the sheet's filters with Show results when the page runs no script", async () => {
    const context = await browser().newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/?q=safe+zones`);
    await page.locator(".filters-sheet > summary").tap();
    await page.getByRole("checkbox", { name: /Reuters/ }).tap();
    await Promise.all([page.waitForURL(/source=Reuters/), page.getByRole("button", { name: "Show results" }).tap()]);
    expect(await page.locator(".summary").textContent()).toContain("1 result for");
    expect(await page.locator(".filters").isVisible()).toBe(false);
    await context.close();
  });

  it("fits a phone's screen without scrolling sideways", async () => {
    const context = await browser().newContext({ viewport: { width: 375, height: 740 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/?q=safe+zones`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: "test-results/search-page-phone.png", fullPage: true });
    await context.close();
  });

  it("follows the system's dark scheme", async () => {
    const context = await browser().newContext({ colorScheme: "dark", viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/?q=safe+zones`);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(18, 18, 18)");
    await page.screenshot({ path: "test-results/search-page-dark.png" });
    await context.close();
  });
});
