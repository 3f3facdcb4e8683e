import { describe, expect, it } from "vitest";
import { searchPage } from "../../src/page/search-page";
import { request } from "./fetch";

/** The search page for a result of `total` hits, at this offset and page size (the hits themselves do not matter). */
async function pageFor(total: number, offset: number, limit: number): Promise<string> {
  const params = new URLSearchParams({ q: "talks", limit: String(limit), offset: String(offset) });
  const hit = { id: "a", title: "A", titleHtml: "A", source: "wire", date: null, url: null, fields: {}, score: 1, snippet: "talks", alsoIn: [] };
  const result = { query: "talks", ignoredWords: [], total, tookMs: 0, relaxed: false, didYouMean: null, hits: [hit], facets: { source: { wire: total } } };
  return String(await searchPage({ params, sources: ["wire"], facets: [], years: null, result, error: null, offset, limit }));
}

describe("the search page pages within the result window", () => {
  it("offers the next page while it ends within the first 1000 results", async () => {
    const html = await pageFor(5000, 970, 10);
    expect(html).toContain('<a rel="next" href="/?q=talks&amp;limit=10&amp;offset=980">');
    expect(html).toContain("Page 98 of 100");
  });

  it("offers no page the API would refuse, and says why", async () => {
    const html = await pageFor(5000, 990, 10);
    expect(html).not.toContain('rel="next"');
    expect(html).toContain("Page 100 of 100");
    expect(html).toContain("Only the first 1000 results can be paged through");
  });

  it("stops before a page that would cross the window, whatever the page size", async () => {
    // 960 + 30 = 990; the next page, 990 + 30, would end past 1000.
    const html = await pageFor(5000, 960, 30);
    expect(html).not.toContain('rel="next"');
    expect(html).toContain("Page 33 of 33");
  });

  it("answers a page past the window with a 400 page that says so", async () => {
    const response = await request("/?q=trump&offset=995&limit=10");
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("offset + limit must be at most 1000");
  });
});
