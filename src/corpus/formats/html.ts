/**
 * An HTML page → its title, its main content as text, and what its <meta>
 * tags say. htmlparser2 tokenizes (forgiving: broken markup still yields its
 * text; entities decoded; nothing is ever executed, since nothing here runs
 * a script or loads a resource). Which content counts follows Pagefind:
 * an element marked `data-search-body` if the page has one, else <main>,
 * else its <article>s, else the body; left out are <script>, <style>,
 * <template>, <noscript>, <nav>, the page's own <header> and <footer> (not
 * an article's), and anything marked `data-search-ignore`.
 */
import { Parser } from "htmlparser2";

export interface HtmlText {
  /** The <title>, else the first <h1>; null when the page has neither. */
  title: string | null;
  /** The chosen content as text: blocks apart by a blank line, list items and table rows by one newline. */
  text: string;
  /** The words of a heading that opens the content, if it opens with one. */
  heading: string | null;
  /** What the <meta> and <link> tags give, by the metadata field they fill. */
  meta: HtmlMeta;
}

export interface HtmlMeta {
  /** Each description and author the page gives, in order (a page may name several authors). */
  description?: string[];
  author?: string[];
  /** article:published_time, or a `date` meta tag. */
  date?: string;
  /** og:site_name: the source. */
  source?: string;
  /** The canonical link, else og:url. */
  url?: string;
  /** `keywords` (comma-separated) and every article:tag. */
  tags?: string[];
}

/** Never text. */
const NEVER_TEXT = new Set(["script", "style", "template", "noscript", "head", "svg", "iframe", "object", "canvas"]);
/** Site navigation: left out of a page, not of a fragment. */
const NAVIGATION = new Set(["nav"]);
/** Site chrome, unless inside the content proper. */
const CHROME = new Set(["header", "footer"]);
/** Elements that start a line (a list item, a table row, a break). */
const LINE = new Set(["li", "tr", "br", "dt", "dd", "option"]);
/** Elements that make a block of their own. */
const BLOCK = new Set([
  "p", "div", "section", "article", "main", "aside", "blockquote", "pre", "figure", "figcaption", "table", "ul", "ol", "dl",
  "h1", "h2", "h3", "h4", "h5", "h6", "hr", "address", "details", "summary", "header", "footer", "form", "fieldset", "body",
]);
const CELL = new Set(["td", "th"]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);

/** A place text is gathered into: the whole body, <main>, the articles, or the `data-search-body` element. */
class Gathered {
  private parts: string[] = [];
  /** Whether anything but breaks has been written yet, and a heading that came first. */
  private started = false;
  heading: string | null = null;
  used = false;
  /** Open elements that opened this place: it gathers while any is open. */
  openedBy = 0;

  write(text: string): void {
    if (text.trim() !== "") this.started = true;
    this.parts.push(text);
  }

  /** Called, for the places the heading opened, with its whole text when it closes: the first such heading is kept. */
  headingEnded(text: string): void {
    this.heading ??= text;
  }

  get isEmpty(): boolean {
    return !this.started;
  }

  text(): string {
    return tidy(this.parts.join(""));
  }
}

interface Open {
  name: string;
  skipped: boolean;
  /** The content proper (main, an article, the data-search-body element): its header and footer are text. */
  content: boolean;
  /** Gathered places this element opened (closed with it). */
  opened: Gathered[];
}

export interface HtmlOptions {
  /**
   * A fragment of a document (raw HTML in Markdown) rather than a page: all
   * of it is text but scripts and styles, with no site chrome to leave out
   * and no main content to choose.
   */
  fragment?: boolean;
}

/** Reads an HTML page, or a fragment. */
export function htmlToText(html: string, { fragment = false }: HtmlOptions = {}): HtmlText {
  const body = new Gathered();
  const main = new Gathered();
  const articles = new Gathered();
  const marked = new Gathered();
  const meta: HtmlMeta = {};
  const stack: Open[] = [];
  let title: string | null = null;
  let inTitle = false;
  let titleText = "";
  let firstH1: string | null = null;
  // A heading being read: its text, and the places it opened first in.
  let heading: { text: string; firstIn: Gathered[] } | null = null;
  let skipping = 0;
  let inSvg = 0; // an <svg>'s <title> is an icon's, not the page's
  let inContent = 0; // inside <main> or an <article>: its header and footer are content
  let preDepth = 0;

  // The places gathering now, found without walking the stack: a deeply
  // nested page (tens of thousands of elements) stays linear.
  const places = [marked, main, articles];
  const active = (): Gathered[] => [body, ...places.filter((place) => place.openedBy > 0)];
  const write = (text: string) => {
    if (skipping > 0) return;
    for (const place of active()) place.write(text);
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const open: Open = { name, skipped: false, content: false, opened: [] };
        if (name === "svg") inSvg++;
        if (name === "title" && title === null && inSvg === 0) inTitle = true;
        if (name === "meta") readMeta(attributes, meta);
        if (name === "link" && /\bcanonical\b/i.test(attributes.rel ?? "") && attributes.href) meta.url ??= attributes.href.trim();
        const chrome = !fragment && ((CHROME.has(name) && inContent === 0) || NAVIGATION.has(name));
        if (NEVER_TEXT.has(name) || chrome || "data-search-ignore" in attributes) {
          open.skipped = true;
          skipping++;
        }
        if (skipping === 0) {
          if (!fragment) {
            // A place already gathering (an article in an article) is not opened twice: its text would be twice.
            if ("data-search-body" in attributes && marked.openedBy === 0) open.opened.push(marked);
            if (name === "main" && main.openedBy === 0) open.opened.push(main);
            if (name === "article" && articles.openedBy === 0) open.opened.push(articles);
          }
          for (const place of open.opened) {
            place.used = true;
            place.openedBy++;
          }
          open.content = name === "main" || name === "article" || "data-search-body" in attributes;
          if (open.content) inContent++;
          if (name === "pre") preDepth++;
          if (BLOCK.has(name) || HEADINGS.has(name)) write("\n\n");
          else if (LINE.has(name)) write("\n");
          else if (CELL.has(name)) write(" ");
          if (HEADINGS.has(name)) heading = { text: "", firstIn: [...active(), ...open.opened].filter((place) => place.isEmpty) };
          // An image's description is words of the page, as in Markdown.
          if (name === "img" && attributes.alt?.trim()) write(` ${attributes.alt.trim()} `);
        }
        stack.push(open);
      },
      ontext(data) {
        if (inTitle) {
          titleText += data;
          return;
        }
        const text = preDepth > 0 ? data : data.replace(/\s+/g, " ");
        if (heading && skipping === 0) heading.text += text;
        write(text);
      },
      onclosetag(name) {
        if (name === "title" && inTitle) {
          inTitle = false;
          title = collapse(titleText) || null;
        }
        // Implied closes (an unclosed <p>, a stray </div>) pop to the nearest open element of that name,
        // looked for from the top, where a well-formed page has it.
        let at = stack.length - 1;
        while (at >= 0 && stack[at]!.name !== name) at--;
        if (at === -1) return;
        while (stack.length > at) {
          const open = stack.pop()!;
          if (open.name === "svg") inSvg--;
          if (open.skipped) skipping--;
          for (const place of open.opened) place.openedBy--;
          if (skipping > 0) continue;
          if (HEADINGS.has(open.name) && heading) {
            const words = collapse(heading.text);
            if (open.name === "h1") firstH1 ??= words || null;
            if (words) for (const place of heading.firstIn) place.headingEnded(words);
            heading = null;
          }
          if (open.content) inContent--;
          if (open.name === "pre") preDepth--;
          if (BLOCK.has(open.name) || HEADINGS.has(open.name)) write("\n\n");
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();

  // The most specific place that was used and holds text.
  const content = [marked, main, articles].find((place) => place.used && !place.isEmpty) ?? body;
  return { title: title ?? firstH1, text: content.text(), heading: content.heading, meta };
}

function readMeta(attributes: Record<string, string>, meta: HtmlMeta): void {
  const key = (attributes.name ?? attributes.property ?? "").toLowerCase();
  const content = collapse(attributes.content ?? "");
  if (!content) return;
  switch (key) {
    case "description":
    case "og:description":
      // og:description mostly repeats the description: kept only when it says something else.
      if (!meta.description?.includes(content)) meta.description = [...(meta.description ?? []), content];
      break;
    case "author":
    case "article:author":
      if (!meta.author?.includes(content)) meta.author = [...(meta.author ?? []), content];
      break;
    case "article:published_time":
    case "date":
    case "dc.date":
      meta.date ??= content;
      break;
    case "og:site_name":
      meta.source ??= content;
      break;
    case "og:url":
      meta.url ??= content;
      break;
    case "keywords":
      meta.tags = [...(meta.tags ?? []), ...content.split(",").map((tag) => tag.trim()).filter(Boolean)];
      break;
    case "article:tag":
      meta.tags = [...(meta.tags ?? []), content];
      break;
  }
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Lines trimmed, runs of blank lines made one. */
function tidy(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/[ \t\f\r\v]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
