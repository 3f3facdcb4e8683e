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
  return layout(
    `${document.title} – Corpus search`,
    html`<main id="content" class="reader">
<p class="back"><a href="${linkWith(params, {})}">← Back to results</a></p>
<article>
<h1>${document.title}</h1>
<p class="meta"><span class="source">${document.source}</span>${document.date ? html` · <time datetime="${document.date}">${document.date}</time>` : ""}${
      document.url && isWebLink(document.url) ? html` · <a href="${document.url}" rel="noopener noreferrer">Original</a>` : ""
    }</p>
<div class="text">${raw(markedText)}</div>
</article>
</main>`,
    { id: "content", label: "Skip to the document" },
  );
}
