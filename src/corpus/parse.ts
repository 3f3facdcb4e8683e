/**
 * One file's text → the metadata it declares (front matter, or an HTML
 * page's <title> and <meta> tags), the metadata its first lines carry, and
 * its body as plain text. Knows nothing of the manifest or folders (see
 * metadata.ts).
 */
import matter from "gray-matter";
import { parse as parseYaml } from "yaml";
import { canonicalDate } from "../search/dates";
import { hasWord } from "../strings";
import { htmlToText } from "./formats/html";
import { markdownToText } from "./formats/markdown";

/** How a document file is read, by its extension. */
export type DocumentFormat = "text" | "markdown" | "html";

export interface ParsedText {
  /** The front matter as parsed, or what an HTML page's head says (empty when there is none). */
  frontMatter: Record<string, unknown>;
  /**
   * A headline line at the top of the body, if there is one: its words (the
   * title when none is given) and the body after it (the text when it is).
   */
  headline: Headline | null;
  /** The date of a leading `date YYYY-MM-DD` line, as written (not yet validated). */
  dateLine: string | null;
  /** The body as plain text (Markdown and HTML read), front matter and date line removed, trimmed; a headline is still in it. */
  body: string;
}

export interface Headline {
  /** The headline's words, without Markdown's `#` marks. */
  title: string;
  /** The body after the headline line, trimmed. */
  after: string;
}

/** The front matter is not valid YAML, or not a mapping. */
export class FrontMatterError extends Error {
  override name = "FrontMatterError";
}

// YAML 1.2's core schema has no timestamp type, so `date: 2017-05-02` stays
// the string it was written as instead of becoming a Date at midnight UTC.
const matterOptions = {
  engines: { yaml: (source: string) => parseYaml(source, { schema: "core" }) as object },
};

// The seeds carry their date as a first line "date 2017-05-02", sometimes
// with the body running on in the same line.
const DATE_LINE = /^[ \t]*date[ \t]+(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?=\s|$)\s*/i;

const MAX_HEADLINE_LENGTH = 200;

/** Splits a document file's text into the metadata it declares, leading metadata and body. */
export function parseText(text: string, format: DocumentFormat): ParsedText {
  if (format === "html") return parseHtml(text);
  let frontMatter: Record<string, unknown> = {};
  let content = text;
  if (hasFrontMatter(text)) {
    let parsed;
    try {
      // gray-matter caches by input string; an empty options object per call keeps results independent.
      parsed = matter(text, { ...matterOptions });
    } catch (error) {
      throw new FrontMatterError(`invalid front matter: ${firstLine((error as Error).message)}`);
    }
    if (parsed.data === null || typeof parsed.data !== "object" || Array.isArray(parsed.data)) {
      throw new FrontMatterError("invalid front matter: expected key: value pairs");
    }
    frontMatter = parsed.data as Record<string, unknown>;
    content = parsed.content;
  }

  content = content.trimStart();
  let dateLine: string | null = null;
  const dateMatch = DATE_LINE.exec(content);
  if (dateMatch) {
    dateLine = dateMatch[1]!;
    content = content.slice(dateMatch[0].length);
  }

  if (format === "markdown") {
    const { text: body, heading } = markdownToText(content);
    // The heading's words open the text: they are its first block.
    return { frontMatter, headline: heading ? headlineOf(body, heading) : findHeadline(body), dateLine, body };
  }
  content = content.trim();
  return { frontMatter, headline: findHeadline(content), dateLine, body: content };
}

/**
 * An HTML page: <title> (else its first <h1>) and <meta> tags stand for
 * front matter. An <h1> that opens the content and becomes the title is a
 * headline, leaving the text as a Markdown heading would.
 */
function parseHtml(source: string): ParsedText {
  const page = htmlToText(source);
  const { tags, description, author, url, date, source: siteName } = page.meta;
  const frontMatter: Record<string, unknown> = {};
  const add = (name: string, values: string[] | undefined) => values && (frontMatter[name] = values.length === 1 ? values[0] : values);
  add("description", description);
  add("author", author);
  add("tags", tags);
  if (siteName !== undefined) frontMatter.source = siteName;
  // A page's tags are what its author's tools wrote, not a promise as front
  // matter is: a relative canonical link or a date in prose is kept as a
  // field of its own rather than failing the page.
  if (url !== undefined) frontMatter[/^https?:\/\//i.test(url) && URL.canParse(url) ? "url" : "canonical"] = url;
  if (date !== undefined) frontMatter[canonicalDate(date) === null ? "published" : "date"] = date;
  const opensWithTitle = page.title !== null && page.heading === page.title;
  if (page.title !== null && !opensWithTitle) frontMatter.title = page.title;
  const headline = page.heading && opensWithTitle ? headlineOf(page.text, page.heading) : null;
  return { frontMatter, headline, dateLine: null, body: page.text };
}

/** The headline whose line (as written) opens `body`; its title is the line unless given (trimmed). */
function headlineOf(body: string, line: string, title = line): Headline {
  // The headline stays in the body: only the document's title can stand in for it.
  return { title, after: body.slice(line.length).trim() };
}

/**
 * Whether the text opens with a front matter block, checked before
 * gray-matter sees it: gray-matter takes any line starting with "---"
 * ("----") as the end of the block, and an unclosed block as all front
 * matter, which would silently swallow the document.
 */
function hasFrontMatter(text: string): boolean {
  const lines = text.split("\n", MAX_FRONT_MATTER_LINES);
  if (!/^---[ \t]*$/.test(lines[0]!)) return false;
  for (let i = 1; i < lines.length; i++) {
    if (/^---[ \t]*$/.test(lines[i]!)) return true;
    if (lines[i]!.startsWith("---")) {
      throw new FrontMatterError(`invalid front matter: line ${i + 1} ("${lines[i]}") is not the closing "---"`);
    }
  }
  // Unclosed: an error if it looks like metadata, else just a rule ("---") at the top of the text.
  if (/^\s*[\w"'-][^:\n]*:/.test(lines[1] ?? "")) {
    const within = lines.length === MAX_FRONT_MATTER_LINES ? ` within ${MAX_FRONT_MATTER_LINES} lines` : "";
    throw new FrontMatterError(`invalid front matter: the "---" block on line 1 is never closed by a "---" line${within}`);
  }
  return false;
}

/** Front matter longer than this is not looked for (its closing line). */
const MAX_FRONT_MATTER_LINES = 500;

/**
 * A first line that reads as a headline: set apart from the text below by a
 * blank line, short, and not ending like a sentence.
 */
function findHeadline(content: string): Headline | null {
  const newline = content.indexOf("\n");
  if (newline === -1) return null;
  const line = content.slice(0, newline);
  const setApart = /^\n[ \t]*\n/.test(content.slice(newline));
  const trimmed = line.trim();
  // A rule such as "---" or "***" is not a headline.
  if (!setApart || !hasWord(trimmed) || trimmed.length > MAX_HEADLINE_LENGTH) return null;
  if (/[.,;:]$/.test(trimmed)) return null;
  return headlineOf(content, line, trimmed);
}

function firstLine(message: string): string {
  return message.split("\n")[0]!;
}
