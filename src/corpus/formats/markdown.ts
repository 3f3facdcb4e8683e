/**
 * Markdown → the text people read: emphasis, link text, list items, table
 * cells, code and image descriptions as words; the syntax, link targets and
 * image URLs left out. markdown-it parses (CommonMark, and tables); this
 * walks its tokens. Chosen over remark's mdast (mdast-util-from-markdown)
 * by measurement: 1.3 ms against 17 ms for the same 5 KB document on this
 * machine, both CommonMark-compliant.
 */
import MarkdownIt from "markdown-it";
import footnote from "markdown-it-footnote";
import type { Token } from "markdown-it";
import { htmlToText } from "./html";

export interface MarkdownText {
  /** Blocks as paragraphs (blank line between), list items and table rows as lines. */
  text: string;
  /** The words of a heading that opens the document, if it opens with one. */
  heading: string | null;
}

// Raw HTML is read for its text (a <b> inside a paragraph, a <div> block),
// never kept as markup; linkify is off so a bare URL stays the words it is.
// Footnotes are text: without the plugin, CommonMark reads "[^1]: Words"
// as a link definition and the words are lost.
const parser = new MarkdownIt("commonmark", { html: true }).enable("table").enable("strikethrough").use(footnote);

/** Reads Markdown source as plain text. */
export function markdownToText(source: string): MarkdownText {
  const tokens = parser.parse(source, {});
  // Each block with what parts it from the next: a blank line, or one newline
  // between the items of a tight list and the rows of a table.
  const blocks: { text: string; group: number }[] = [];
  let heading: string | null = null;
  let line = "";
  // Lists and tables by number: a tight list's items, or a table's rows, share one.
  const groups: number[] = [];
  let groupCount = 0;
  const endBlock = (tight: boolean) => {
    if (line.trim() !== "") blocks.push({ text: line.trim(), group: tight ? groups[groups.length - 1] ?? -1 : -1 });
    line = "";
  };
  tokens.forEach((token, i) => {
    switch (token.type) {
      case "inline": {
        const words = inlineText(token.children ?? []);
        line += line === "" || line.endsWith(" ") ? words : ` ${words}`; // table cells share their row's line
        if (i === 1 && tokens[0]!.type === "heading_open") heading = words.trim() || null;
        break;
      }
      case "fence":
      case "code_block":
        endBlock(false);
        line = token.content.replace(/\n+$/, "");
        endBlock(false);
        break;
      case "html_block":
        endBlock(false);
        // A fragment of the author's own text: only scripts and styles are left out, not its <nav> or <header>.
        line = htmlToText(token.content, { fragment: true }).text;
        endBlock(false);
        break;
      case "bullet_list_open":
      case "ordered_list_open":
      case "table_open":
        groups.push(++groupCount);
        break;
      case "list_item_open":
        // An ordered item's number as written ("2017." alone on a line is one): words are never dropped.
        if (token.info) line = `${token.info}${token.markup} `;
        break;
      case "list_item_close":
        endBlock(true); // an item with nothing after its number
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        groups.pop();
        break;
      case "tr_close":
        endBlock(true);
        break;
      case "paragraph_close":
        endBlock(token.hidden); // hidden: a tight list's item
        break;
      case "heading_close":
        endBlock(false);
        break;
      case "table_close":
        groups.pop();
        break;
    }
  });
  endBlock(false);
  let text = "";
  blocks.forEach((block, i) => {
    text += block.text;
    const next = blocks[i + 1];
    if (next) text += block.group !== -1 && block.group === next.group ? "\n" : "\n\n";
  });
  return { text, heading };
}

function inlineText(children: Token[]): string {
  let text = "";
  for (const child of children) {
    switch (child.type) {
      case "text":
      case "code_inline":
        text += child.content;
        break;
      case "image":
        // Its description (alt text) is words; its URL is not.
        text += inlineText(child.children ?? []);
        break;
      case "softbreak":
        text += " "; // a paragraph's lines are one line of text
        break;
      case "hardbreak":
        text += "\n";
        break;
      case "html_inline":
        break; // A tag: the words around and between tags are text tokens of their own.
    }
  }
  return text;
}
