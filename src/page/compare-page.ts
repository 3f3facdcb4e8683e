/**
 * Two documents side by side (stacked on a phone), the passages they share
 * marked in both: what is marked is in the other too, so what is left
 * plain is where they differ.
 */
import { html, raw } from "hono/html";
import type { DocumentWithRelated } from "../search/document";
import type { SharedSpan } from "../search/related";
import { escapeHtml } from "../search/escape";
import { layout, type Html } from "./layout";
import { linkWith, readLink } from "./search-page";

/**
 * Characters of each text shown. Two texts of a megabyte side by side are
 * no reading anyone does, and the page would weigh four; a longer text is
 * cut here, and says so, with the way to read it whole.
 */
export const COMPARED_CHARACTERS = 200_000;

/** A stretch of one text that the other holds too. */
interface Stretch {
  start: number;
  end: number;
}

/** The compare page of `document` and `other`, from the passages they share (seen from the first). */
export function comparePage(document: DocumentWithRelated, other: DocumentWithRelated, comparison: { nearCopy: boolean; spans: readonly SharedSpan[] }, params: URLSearchParams): Html {
  const here = merged(comparison.spans.map(({ start, end }) => ({ start, end })));
  const there = merged(comparison.spans.map(({ otherStart, otherEnd }) => ({ start: otherStart, end: otherEnd })));
  const count = comparison.spans.length;
  const verdict = comparison.nearCopy
    ? "Versions of one text: most of one is in the other."
    : count === 0
      ? "These two documents share no passage of 11 words or more."
      : `They share ${count === 1 ? "one passage" : `${count} passages`} of 11 words or more.`;
  return layout(
    `${document.title} and ${other.title} – Corpus search`,
    html`<main id="content" class="compare">
<p class="back"><a href="${linkWith(searchOnly(params), {})}">← Back to results</a></p>
<h1>Shared passages</h1>
<p class="verdict">${verdict}${count > 0 ? html` <span class="legend"><mark class="shared">Marked</mark> text is in both; plain text is in one only.</span>` : ""}</p>
<div class="sides">
${side("a", document, here, params)}
${side("b", other, there, params)}
</div>
</main>`,
    { id: "content", label: "Skip to the comparison" },
  );
}

/** One document's column: what it is, how much of it the other holds, and its text with that marked. */
function side(name: "a" | "b", document: DocumentWithRelated, shared: readonly Stretch[], params: URLSearchParams): Html {
  const sharedCharacters = shared.reduce((sum, { start, end }) => sum + end - start, 0);
  const share = document.text.length === 0 ? 0 : Math.round((100 * sharedCharacters) / document.text.length);
  const cut = document.text.length > COMPARED_CHARACTERS;
  return html`<section class="side" aria-labelledby="${name}-title">
<h2 id="${name}-title"><a href="${readLink(document.id, searchOnly(params))}">${document.title}</a></h2>
<p class="meta"><span class="source">${document.source}</span>${document.date ? html` · <time datetime="${document.date}">${document.date}</time>` : ""} · <span class="path">${document.id}</span></p>
<p class="share">${shared.length === 0 ? "Nothing of it is in the other." : `${share}% of its text is in the other.`}</p>
<div class="text">${raw(marked(document.text, shared, COMPARED_CHARACTERS))}</div>
${cut ? html`<p class="notice">The first ${COMPARED_CHARACTERS.toLocaleString("en-US")} characters are shown; <a href="${readLink(document.id, searchOnly(params))}">read it whole</a>.</p>` : ""}
</section>`;
}

/** Stretches sorted and joined where they overlap or touch: a passage repeated in the other document is one stretch here. */
export function merged(stretches: readonly Stretch[]): Stretch[] {
  const sorted = [...stretches].sort((x, y) => x.start - y.start || x.end - y.end);
  const joined: Stretch[] = [];
  for (const { start, end } of sorted) {
    const last = joined[joined.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else joined.push({ start, end });
  }
  return joined;
}

/** The text up to `limit` characters, escaped, each shared stretch in a mark (stretches sorted and disjoint). */
export function marked(text: string, shared: readonly Stretch[], limit: number): string {
  let shown = Math.min(text.length, limit);
  // Never half a character: a cut inside a surrogate pair moves before it.
  if (shown < text.length && /[\uD800-\uDBFF]/.test(text.charAt(shown - 1))) shown--;
  let out = "";
  let at = 0;
  for (const { start, end } of shared) {
    if (start >= shown) break;
    out += escapeHtml(text.slice(at, start));
    out += `<mark class="shared">${escapeHtml(text.slice(start, Math.min(end, shown)))}</mark>`;
    at = Math.min(end, shown);
  }
  return out + escapeHtml(text.slice(at, shown));
}

/** The search's own parameters, without the compared pair. */
function searchOnly(params: URLSearchParams): URLSearchParams {
  const rest = new URLSearchParams(params);
  rest.delete("a");
  rest.delete("b");
  return rest;
}
