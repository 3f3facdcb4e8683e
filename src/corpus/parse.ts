/**
 * One file's text → its front matter, the metadata its first lines carry,
 * and its body. Knows nothing of the manifest or folders (see metadata.ts).
 */
import matter from "gray-matter";
import { parse as parseYaml } from "yaml";
import { hasWord } from "../strings";

export interface ParsedText {
  /** The front matter as parsed (empty when there is none). */
  frontMatter: Record<string, unknown>;
  /**
   * A headline line at the top of the body, if there is one: its words (the
   * title when none is given) and the body after it (the text when it is).
   */
  headline: Headline | null;
  /** The date of a leading `date YYYY-MM-DD` line, as written (not yet validated). */
  dateLine: string | null;
  /** The body: front matter and date line removed, trimmed; a headline is still in it. */
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

/** Splits a document file's text into front matter, leading metadata and body. */
export function parseText(text: string, isMarkdown: boolean): ParsedText {
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

  content = content.trim();
  const line = findHeadline(content, isMarkdown);
  // The headline stays in the body: only the document's title can stand in for it.
  const headline = line ? { title: cleanHeadline(line), after: content.slice(line.length).trim() } : null;
  return { frontMatter, headline, dateLine, body: content };
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
 * blank line (or a Markdown heading), short, and not ending like a sentence.
 */
function findHeadline(content: string, isMarkdown: boolean): string | null {
  const newline = content.indexOf("\n");
  if (newline === -1) return null;
  const line = content.slice(0, newline);
  if (isMarkdown && /^#{1,6}[ \t]+\S/.test(line)) return line;
  const setApart = /^\n[ \t]*\n/.test(content.slice(newline));
  const trimmed = line.trim();
  // A rule such as "---" or "***" is not a headline.
  if (!setApart || !hasWord(trimmed) || trimmed.length > MAX_HEADLINE_LENGTH) return null;
  if (/[.,;:]$/.test(trimmed)) return null;
  return line;
}

function cleanHeadline(line: string): string {
  return line.replace(/^#{1,6}[ \t]+/, "").replace(/[ \t]+#+[ \t]*$/, "").trim();
}

function firstLine(message: string): string {
  return message.split("\n")[0]!;
}
