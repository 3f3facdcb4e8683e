/** A document to read, the query's words marked throughout, with a way back to the results. */
import { html, raw } from "hono/html";
import type { DocumentRecord } from "../search/artifact";
import { layout, type Html } from "./layout";
import { PART_PARAMETER, partOfMatch, type Reading } from "./reading";
import { linkWith, readLink } from "./search-page";

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

/**
 * Part `part` (numbered from 1) of a document's reading view; every part
 * carries the title, the matches bar and, for a long document, the way to
 * the other parts.
 */
export function documentPage(document: DocumentRecord, reading: Reading, part: number, params: URLSearchParams): Html {
  const shown = reading.parts[part - 1]!;
  const parts = (label: string) => (reading.parts.length > 1 ? partsNav(document.id, reading, part, params, label) : html``);
  return layout(
    `${document.title}${reading.parts.length > 1 ? ` (part ${part} of ${reading.parts.length})` : ""} – Corpus search`,
    html`<main id="content" class="reader">
<p class="back"><a href="${linkWith(params, {})}">← Back to results</a></p>
<article>
<h1>${document.title}</h1>
<p class="meta"><span class="source">${document.source}</span>${document.date ? html` · <time datetime="${document.date}">${document.date}</time>` : ""}${
      document.url && isWebLink(document.url) ? html` · <a href="${document.url}" rel="noopener noreferrer">Original</a>` : ""
    }</p>
${matchesBar(document.id, reading, part, params)}
${parts("Parts of the document")}
<div class="text">${shown.blocks.map((block) => html`<div class="block">${raw(block)}</div>`)}</div>
${parts("Parts of the document, after this part")}
</article>
</main>`,
    { id: "content", label: "Skip to the document" },
  );
}

/** The reading view of part `part` of a document, with the search kept so its words stay marked. */
export function partLink(id: string, params: URLSearchParams, part: number, match?: number): string {
  const withPart = new URLSearchParams(params);
  withPart.set(PART_PARAMETER, String(part));
  return `${readLink(id, withPart)}${match === undefined ? "" : `#match-${match}`}`;
}

/** "Part 3 of 14" with the parts before and after; `label` names the landmark (each on a page is named apart). */
function partsNav(id: string, reading: Reading, part: number, params: URLSearchParams, label: string): Html {
  const count = reading.parts.length;
  return html`<nav class="parts" aria-label="${label}">
${part > 1 ? html`<a href="${partLink(id, params, part - 1)}" rel="prev">← Part ${part - 1}</a>` : ""}
<span>Part ${part} of ${count}</span>
${part < count ? html`<a href="${partLink(id, params, part + 1)}" rel="next">Part ${part + 1} →</a>` : ""}
</nav>`;
}

/**
 * "n matches" with a link to the first, wherever it is. For the script's
 * previous and next, the bar says which matches this part holds, and where
 * the matches just outside it are (wrapping around, as the steps do).
 */
function matchesBar(id: string, reading: Reading, part: number, params: URLSearchParams): Html {
  const count = reading.matches;
  if (count === 0) return html``;
  const { firstMatch, matches } = reading.parts[part - 1]!;
  const lastMatch = firstMatch + matches - 1;
  const at = (match: number) => (partOfMatch(reading, match) === part ? `#match-${match}` : partLink(id, params, partOfMatch(reading, match), match));
  const before = firstMatch > 1 ? firstMatch - 1 : count;
  const after = lastMatch < count ? lastMatch + 1 : 1;
  return html`<nav id="matches" class="matches" aria-label="Matches" data-count="${count}" data-before="${at(before)}" data-after="${at(after)}">
<span class="where" aria-live="polite">${count === 1 ? "1 match" : `${count} matches`}${matches === 0 ? ", none in this part" : ""}</span> <a class="first-match" href="${at(1)}">First match</a>
<span class="keyboard-hint help">Keys <kbd>n</kbd> and <kbd>p</kbd> step through them.</span>
</nav>`;
}
