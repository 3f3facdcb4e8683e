import { describe, expect, inject, it } from "vitest";
import app from "../../src/index";
import { PAGE_SECURITY_POLICY } from "../../src/middleware/headers";
import { request } from "./fetch";
import { assetsServing } from "./artifact-assets";
import "./provided";

async function page(path: string) {
  const response = await request(path);
  return { status: response.status, headers: response.headers, html: await response.text() };
}

/** The ids of the hits a page lists, in order. */
const hitIds = (html: string) => [...html.matchAll(/<h3><a href="\/read\/([^"?]+)/g)].map((match) => decodeURIComponent(match[1]!));

describe("GET / (the search page, rendered on the server)", () => {
  it("lists every document, newest first, with a search form and the source filter", async () => {
    const { status, headers, html } = await page("/");
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("text/html; charset=UTF-8");
    expect(headers.get("content-security-policy")).toBe(PAGE_SECURITY_POLICY);
    expect(html).toContain('<input id="q" name="q" type="search" value=""');
    expect(html).toContain('<h2 id="results-heading" class="summary" tabindex="-1">5 documents, newest first');
    // Said once more in the live region, which the script updates in place.
    expect(html).toContain('<p id="results-status" class="visually-hidden" role="status">5 documents, newest first</p>');
    expect(hitIds(html)[0]).toBe("000_7b4177b3914c6952");
    expect(html).toContain('<input type="checkbox" name="source" value="Reuters">');
  });

  it("renders a search from its URL: the query, the ticked sources, their counts and marked snippets", async () => {
    const { html } = await page("/?q=safe+zones&source=Reuters");
    expect(html).toContain('value="safe zones"');
    expect(html).toContain('<input type="checkbox" name="source" value="Reuters" checked>');
    expect(html).toContain('<span class="count" data-source="unknown" data-count="2">2</span>');
    expect(hitIds(html)).toEqual(["002_0bec946113768599"]);
    expect(html).toContain("<mark>safe</mark> <mark>zones</mark>");
    // To the document's first match.
    expect(html).toContain('href="/read/002_0bec946113768599?q=safe+zones&amp;source=Reuters#match-1"');
  });

  it("ignores empty form fields and parameters that are not the page's", async () => {
    const { status, html } = await page("/?q=korea&from=&to=&utm_source=newsletter");
    expect(status).toBe(200);
    expect(hitIds(html)).toHaveLength(3);
  });

  it("says why a search cannot run, as a 400 page that keeps the form", async () => {
    const { status, html } = await page("/?q=-korea");
    expect(status).toBe(400);
    expect(html).toContain('role="alert"');
    // In the page's words, not the API's.
    expect(html).toContain("Add a word to look for: a search of only -excluded words leaves nothing to find.");
    expect(html).toContain('value="-korea"');
  });

  it("suggests what to try when nothing matches, and offers a spelling that finds more", async () => {
    const empty = await page("/?q=xylophonic&source=Reuters");
    expect(empty.html).toContain("Nothing matched. Try:");
    expect(empty.html).toContain('href="/?q=xylophonic"');
    const typo = await page("/?q=Tilerson");
    expect(typo.html).toContain('Did you mean <a href="/?q=tillerson">tillerson</a>?');
  });

  it("searches the first ten words of a longer query and says which it left out, rather than failing", async () => {
    const { status, html } = await page(`/?q=${encodeURIComponent("korea putin trump syria russia kremlin white house safe zones astana minsk")}`);
    expect(status).toBe(200);
    expect(html).toContain('<p class="notice ignored">A search looks up at most 10 words; left out: astana minsk.</p>');
    expect(hitIds(html).length).toBeGreaterThan(0);
  });

  it("says what each hit is on one line: source, date, path and metadata", async () => {
    const { html } = await page("/?q=safe+zones");
    expect(html).toContain(
      '<p class="meta"><span class="source">Reuters</span> · <span class="path">002_0bec946113768599</span> · <span class="field" data-field="evidence">dateline &#39;WASHINGTON/MOSCOW (Reuters) -&#39; opening the article</span></p>',
    );
    expect(html).toContain('<time datetime="2017-05-02">2017-05-02</time> · <span class="path">000_7b4177b3914c6952</span>');
  });

  it("says when a query has nothing to search for, rather than counting its browse as results for it", async () => {
    const { status, html } = await page(`/?q=${encodeURIComponent("😀")}`);
    expect(status).toBe(200);
    expect(html).toContain("<h2 id=\"results-heading\" class=\"summary\" tabindex=\"-1\">Nothing in “😀” can be searched for (only letters and numbers are); 5 documents, newest first");
    expect(html).not.toContain("results for “😀”");
  });

  it("gives no page number past the last page, only the way back", async () => {
    const { status, html } = await page("/?offset=10");
    expect(status).toBe(200);
    expect(html).not.toMatch(/Page \d+ of/);
    expect(html).toContain("There are no more results after these.");
    expect(html).toContain('rel="prev"');
  });

  it("pages through results with links that keep the search", async () => {
    const { html } = await page("/?q=trump&limit=2&offset=2");
    expect(html).toContain('<h2 id="results-heading" class="summary" tabindex="-1">3–4 of 5 results for “trump”');
    expect(html).toContain('<a rel="prev" href="/?q=trump&amp;limit=2">');
    expect(html).toContain('<a rel="next" href="/?q=trump&amp;limit=2&amp;offset=4">');
    expect(html).toContain("Page 2 of 3");
  });

  it("escapes markup in titles and text, so a document cannot inject any", async () => {
    const assets = assetsServing(inject("nestedArtifact"));
    const response = await app.fetch(new Request("http://search.test/?q=zones"), { ASSETS: assets });
    const html = await response.text();
    // The title marked as the snippet is: escaped first.
    expect(html).toContain("Notes about &lt;b&gt;<mark>zones</mark>&lt;/b&gt; &amp; markup");
    expect(html).toContain("&lt;b&gt;<mark>zones</mark>&lt;/b&gt;");
    expect(html).not.toContain("<b>zones");
  });
});

describe("GET /read/:id (a document to read)", () => {
  it("marks the query's words throughout the text and links back to the search", async () => {
    const { status, html } = await page("/read/002_0bec946113768599?q=safe+zones&source=Reuters");
    expect(status).toBe(200);
    expect(html.match(/<mark id="match-\d+">/g)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `<mark id="match-${n}">`));
    expect(html).toContain('<span class="where" aria-live="polite">6 matches</span> <a class="first-match" href="#match-1">First match</a>');
    expect(html).toContain('<a href="/?q=safe+zones&amp;source=Reuters">← Back to results</a>');
    // A short document is one part: no parts to go to, and every step wraps around on this page.
    expect(html).not.toContain('class="parts"');
    expect(html).toContain('data-before="#match-6" data-after="#match-1"');
  });

  it("serves a document's only part when asked for part 1 or none, and a 400 page for a part it does not have", async () => {
    for (const part of ["", "&part=", "&part=1"]) {
      const { status, html } = await page(`/read/002_0bec946113768599?q=safe+zones${part}`);
      expect(status).toBe(200);
      expect(html.match(/<mark id="match-\d+">/g)).toHaveLength(6);
    }
    for (const part of ["2", "0", "-1", "1.5", "abc", "1e0x"]) {
      const { status, html } = await page(`/read/002_0bec946113768599?q=safe+zones&part=${part}`);
      expect(status).toBe(400);
      expect(html).toContain(`This document is one part; “part=${part}” is not one of them.`);
    }
  });

  it("shows the text unmarked without a query, and a 404 page for an unknown id", async () => {
    const unmarked = (await page("/read/002_0bec946113768599")).html;
    expect(unmarked).not.toContain("<mark");
    expect(unmarked).not.toContain('id="matches"');
    const missing = await page("/read/nope");
    expect(missing.status).toBe(404);
    expect(missing.html).toContain("No document has the id “nope”.");
  });

  it("links to the original only when it is a web address", async () => {
    const assets = assetsServing(inject("nestedArtifact"));
    const response = await app.fetch(new Request("http://search.test/read/reuters/2017/astana"), { ASSETS: assets });
    expect(await response.text()).toContain('<a href="https://example.org/astana" rel="noopener noreferrer">Original</a>');
  });
});
