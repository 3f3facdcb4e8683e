import { describe, expect, it } from "vitest";
import { htmlToText } from "../../src/corpus/formats/html";
import { markdownToText } from "../../src/corpus/formats/markdown";

describe("markdownToText: the text people read", () => {
  it("keeps emphasis, link text and code as words, and drops the syntax and the link target", () => {
    const { text } = markdownToText("**Key point:** read the [full report](https://example.org/full) and `npm test`.");
    expect(text).toBe("Key point: read the full report and npm test.");
  });

  it("keeps an image's description and drops its URL", () => {
    expect(markdownToText("A chart: ![solar output by month](charts/solar.png)").text).toBe("A chart: solar output by month");
  });

  it("puts a tight list's items and a table's rows on lines of their own, and blocks apart by a blank line", () => {
    const source = "Intro.\n\n- one\n- two\n\n| city | mw |\n|---|---|\n| Oslo | 12 |\n\n```\nconst x = 1;\n```";
    expect(markdownToText(source).text).toBe("Intro.\n\none\ntwo\n\ncity mw\nOslo 12\n\nconst x = 1;");
  });

  it("keeps an ordered item's number, since it may be a word (a year)", () => {
    expect(markdownToText("1. First\n2. Second").text).toBe("1. First\n2. Second");
    expect(markdownToText("2017.\n\nA year.").text).toBe("2017.\n\nA year.");
  });

  it("keeps a footnote's words, and raw HTML's <header> and <nav>", () => {
    expect(markdownToText("Text.[^1]\n\n[^1]: Foxtrot").text).toBe("Text.\n\nFoxtrot");
    expect(markdownToText("<header>Bravo header</header>\n\nText.").text).toBe("Bravo header\n\nText.");
  });

  it("reads raw HTML for its text", () => {
    expect(markdownToText("<div>A <b>bold</b> block</div>\n\nText with <em>inline</em> tags &amp; entities.").text).toBe(
      "A bold block\n\nText with inline tags & entities.",
    );
  });

  it("gives the words of an opening heading, ATX or setext", () => {
    expect(markdownToText("# Talks on *Syria*\n\nBody.")).toEqual({ text: "Talks on Syria\n\nBody.", heading: "Talks on Syria" });
    expect(markdownToText("Talks\n=====\n\nBody.").heading).toBe("Talks");
    expect(markdownToText("Body.\n\n# Later heading").heading).toBeNull();
  });
});

describe("htmlToText: a page's title, content and metadata", () => {
  const page = (body: string, head = "") => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

  it("takes the <title>, else the first <h1>", () => {
    expect(htmlToText(page("<h1>Heading</h1><p>Text.</p>", "<title>Page &amp; title</title>")).title).toBe("Page & title");
    expect(htmlToText(page("<p>Intro.</p><h1>Heading</h1>")).title).toBe("Heading");
    expect(htmlToText(page("<p>Text.</p>")).title).toBeNull();
  });

  it("reads <main> when there is one, leaving out navigation, the page's header and footer, scripts and styles", () => {
    const html = page(
      "<header>Site name</header><nav>Home About</nav><main><h2>Report</h2><p>Solar rose.</p></main><aside>Related</aside><footer>Contact</footer><script>var secret = 1;</script><style>p{}</style>",
    );
    expect(htmlToText(html).text).toBe("Report\n\nSolar rose.");
  });

  it("keeps an article's own header, and reads the whole body when there is no <main> or <article>", () => {
    expect(htmlToText(page("<article><header><h1>Title</h1></header><p>Text.</p></article>")).text).toBe("Title\n\nText.");
    expect(htmlToText(page("<nav>Menu</nav><div>One</div><p>Two</p><footer>Foot</footer>")).text).toBe("One\n\nTwo");
  });

  it("reads only a data-search-body element when the page marks one, and honours data-search-ignore", () => {
    const html = page("<main><p>Chrome.</p><div data-search-body><p>Kept.</p><p data-search-ignore>Dropped.</p></div></main>");
    expect(htmlToText(html).text).toBe("Kept.");
  });

  it("decodes entities, and yields the text of broken markup", () => {
    expect(htmlToText("<p>Caf&eacute; &lt;b&gt; &#8212; <b>bold <i>unclosed</p><div>next").text).toBe("Café <b> — bold unclosed\n\nnext");
  });

  it("puts list items and table rows on lines of their own, cells apart by a space", () => {
    expect(htmlToText(page("<ul><li>one<li>two</ul><table><tr><th>city<th>mw<tr><td>Oslo<td>12</table>")).text).toBe(
      "one\ntwo\n\ncity mw\nOslo 12",
    );
  });

  it("reads description, author, date, site name, URL and tags from <meta> and <link>", () => {
    const head = [
      '<meta name="description" content="Output rose.">',
      '<meta name="author" content="Jane Doe">',
      '<meta property="article:published_time" content="2017-05-02T10:00:00Z">',
      '<meta property="og:site_name" content="Example News">',
      '<link rel="canonical" href="https://example.org/a">',
      '<meta name="keywords" content="solar, policy">',
      '<meta property="article:tag" content="energy">',
    ].join("");
    expect(htmlToText(page("<p>Text.</p>", head)).meta).toEqual({
      description: ["Output rose."],
      author: ["Jane Doe"],
      date: "2017-05-02T10:00:00Z",
      source: "Example News",
      url: "https://example.org/a",
      tags: ["solar", "policy", "energy"],
    });
  });

  it("keeps every author a page names, an image's description, and an article's text once however articles nest", () => {
    const html = page(
      '<article><p>Outer.</p><article><p>Inner <img src="x.png" alt="a chart of output">.</p></article></article>',
      '<meta name="author" content="Jane Doe"><meta name="author" content="Ravi Patel">',
    );
    const read = htmlToText(html);
    expect(read.meta.author).toEqual(["Jane Doe", "Ravi Patel"]);
    expect(read.text).toBe("Outer.\n\nInner a chart of output .");
  });

  it("takes no title from an <svg> icon, and keeps a header inside the data-search-body element", () => {
    const read = htmlToText(page('<svg><title>Menu icon</title></svg><div data-search-body><header>Kept header</header><p>Body.</p></div>'));
    expect(read.title).toBeNull();
    expect(read.text).toBe("Kept header\n\nBody.");
  });

  it("reads a fragment (raw HTML in Markdown) whole: its nav and header are the author's text", () => {
    expect(htmlToText("<nav>Chapter links</nav><header>Intro</header><script>x()</script>", { fragment: true }).text).toBe("Chapter links\n\nIntro");
  });

  it("reads a deeply nested page without walking its nesting for each word", () => {
    const deep = "<div>x ".repeat(20_000) + "</div>".repeat(20_000);
    expect(htmlToText(deep).text.split(/\s+/).filter(Boolean)).toHaveLength(20_000);
  });

  it("gives the words of a heading that opens the content", () => {
    expect(htmlToText(page("<main><h1>Opening</h1><p>Text.</p></main>")).heading).toBe("Opening");
    expect(htmlToText(page("<main><p>Text.</p><h1>Later</h1></main>")).heading).toBeNull();
  });
});
