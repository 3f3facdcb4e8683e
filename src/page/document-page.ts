/** A document to read, the query's words marked throughout, with a way back to the results. */
import { html, raw } from "hono/html";
import type { DocumentRecord } from "../search/artifact";
import { layout, type Html } from "./layout";
import { linkWith } from "./search-page";

/** A page that only says what happened, with a way back to the search. */
export function messagePage(title: string, message: string): Html {
  return layout(`${title} – Corpus search`, html`<main id="content" class="reader"><h1>${title}</h1><p>${message}</p><p><a href="/">Back to the search</a></p></main>`, {
    id: "content",
    label: "Skip to the message",
  });
}

/** Only web links are followed: a corpus could hold a "javascript:" URL. */
function isWebLink(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** `markedText` is the document's text, HTML-escaped, with `<mark>`s. */
export function documentPage(document: DocumentRecord, markedText: string, params: URLSearchParams): Html {
  const marked = readingBlocks(markedText);
  return layout(
    `${document.title} – Corpus search`,
    html`<main id="content" class="reader">
<p class="back"><a href="${linkWith(params, {})}">← Back to results</a></p>
<article>
<h1>${document.title}</h1>
<p class="meta"><span class="source">${document.source}</span>${document.date ? html` · <time datetime="${document.date}">${document.date}</time>` : ""}${
      document.url && isWebLink(document.url) ? html` · <a href="${document.url}" rel="noopener noreferrer">Original</a>` : ""
    }</p>
${matchesBar(marked.count)}
<div class="text">${marked.blocks.map((block) => html`<div class="block">${raw(block)}</div>`)}</div>
</article>
</main>`,
    { id: "content", label: "Skip to the document" },
  );
}

/** Characters of text per block of the reading view: the browser lays out only the blocks in view (content-visibility). */
const BLOCK_LENGTH = 8_000;

/**
 * The marked text with its matches numbered (`id="match-1"`…, so a link
 * can lead to the first and the script can step through them), cut into
 * blocks at blank lines, never inside a mark: a 1.4 MB e-mail is then
 * hundreds of blocks the browser skips laying out until they scroll into
 * view, not one giant box.
 */
export function readingBlocks(markedText: string): { blocks: string[]; count: number } {
  let count = 0;
  const numbered = markedText.replace(/<mark>/g, () => `<mark id="match-${++count}">`);
  const blocks: string[] = [];
  let start = 0;
  while (start < numbered.length) {
    let end = start + BLOCK_LENGTH;
    if (end >= numbered.length) end = numbered.length;
    else {
      const blank = numbered.indexOf("\n\n", end);
      end = blank === -1 ? numbered.length : blank + 2;
      // A blank line inside a marked phrase is no place to cut.
      while (end < numbered.length && numbered.lastIndexOf("<mark", end) > numbered.lastIndexOf("</mark>", end)) {
        const next = numbered.indexOf("\n\n", end);
        end = next === -1 ? numbered.length : next + 2;
      }
    }
    blocks.push(numbered.slice(start, end));
    start = end;
  }
  return { blocks, count };
}

/** "n matches" with a link to the first; the page's script adds previous and next, by button and by key. */
function matchesBar(count: number): Html {
  if (count === 0) return html``;
  return html`<nav id="matches" class="matches" aria-label="Matches" data-count="${count}">
<span class="where" aria-live="polite">${count === 1 ? "1 match" : `${count} matches`}</span> <a href="#match-1">First match</a>
</nav>`;
}