/**
 * The search page, rendered on the server from the same search code as the
 * API, so it works without JavaScript; public/static/app.js enhances it
 * (search as you type, suggestions, keyboard) using the JSON API.
 * Snippets are the API's escaped HTML; every other field is escaped here.
 */
import { html, raw } from "hono/html";
import type { SearchResponse } from "../api/schemas";
import { layout, type Html } from "./layout";

/** What the page shows: the form's state, and the answer or the problem. */
export interface SearchPageState {
  /** The URL's parameters as given (the form is refilled from them). */
  params: URLSearchParams;
  /** Every source of the corpus, for the filter. */
  sources: string[];
  /** Whether any document has a date (the date filter is shown only then). */
  hasDates: boolean;
  result: SearchResponse | null;
  error: string | null;
  offset: number;
  limit: number;
}

export function searchPage(state: SearchPageState): Html {
  const q = state.params.get("q") ?? "";
  const title = q ? `${q} – Corpus search` : "Corpus search";
  return layout(
    title,
    html`<main>
<form id="search" class="search" role="search" action="/" method="get">
${searchBox(q)}
${filters(state)}
</form>
<section id="results" class="results" aria-live="polite" aria-busy="false">
${state.error ? errorState(state.error) : state.result ? results(state, state.result) : ""}
</section>
</main>`,
  );
}

function searchBox(q: string): Html {
  return html`<div class="box">
<label for="q">Search the corpus</label>
<div class="combo">
<input id="q" name="q" type="search" value="${q}" autocomplete="off" spellcheck="false" enterkeyhint="search"
 role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="suggestions" aria-describedby="q-help">
<ul id="suggestions" class="suggestions" role="listbox" aria-label="Suggestions" hidden></ul>
</div>
<button type="submit">Search</button>
<p id="q-help" class="help">All words must match. <kbd>"safe zones"</kbd> for a phrase, <kbd>-korea</kbd> to exclude. Press <kbd>/</kbd> to search from anywhere.</p>
</div>`;
}

function filters(state: SearchPageState): Html {
  const chosen = new Set(state.params.getAll("source"));
  const counts = state.result?.facets.source ?? {};
  const sort = state.params.get("sort") ?? "relevance";
  return html`<div class="filters">
<fieldset class="sources">
<legend>Sources</legend>
${state.sources.map(
  (source) => html`<label><input type="checkbox" name="source" value="${source}"${chosen.has(source) ? raw(" checked") : ""}>
<span class="name">${source}</span> <span class="count" data-source="${source}">${counts[source] ?? 0}</span></label>`,
)}
</fieldset>
${state.hasDates ? dateFilter(state.params) : ""}
<label class="sort">Sort by
<select name="sort">
${(
  [
    ["relevance", "Relevance"],
    ["-date", "Newest first"],
    ["date", "Oldest first"],
  ] as const
).map(([value, label]) => html`<option value="${value}"${sort === value ? raw(" selected") : ""}>${label}</option>`)}
</select>
</label>
</div>`;
}

function dateFilter(params: URLSearchParams): Html {
  return html`<fieldset class="dates">
<legend>Date</legend>
<label>From <input name="from" value="${params.get("from") ?? ""}" placeholder="2017-05" inputmode="numeric" size="10"></label>
<label>To <input name="to" value="${params.get("to") ?? ""}" placeholder="2017-12" inputmode="numeric" size="10"></label>
</fieldset>`;
}

function results(state: SearchPageState, result: SearchResponse): Html {
  const hits = result.hits;
  return html`<p class="summary">${summary(result, state.offset)}</p>
${result.didYouMean ? html`<p class="did-you-mean">Did you mean <a href="${linkWith(state.params, { q: result.didYouMean, offset: null })}">${result.didYouMean}</a>?</p>` : ""}
${result.relaxed ? html`<p class="notice">No document has every word; these have some of them.</p>` : ""}
${hits.length === 0 ? noResults(state) : html`<ol class="hits" start="${state.offset + 1}">${hits.map((hit) => hitItem(hit, state.params))}</ol>`}
${pager(state, result.total)}`;
}

function summary(result: SearchResponse, offset: number): string {
  const time = `${result.tookMs} ms`;
  if (result.total === 0) return result.query ? `No results for “${result.query}” · ${time}` : "No documents";
  const range = result.total > result.hits.length ? `${offset + 1}–${offset + result.hits.length} of ` : "";
  const what = result.query ? `for “${result.query}”` : "newest first";
  return `${range}${result.total} ${result.total === 1 ? "result" : "results"} ${what} · ${time}`;
}

function hitItem(hit: SearchResponse["hits"][number], params: URLSearchParams): Html {
  return html`<li class="hit">
<h2><a href="${readLink(hit.id, params)}">${hit.title}</a></h2>
<p class="meta"><span class="source">${hit.source}</span>${hit.date ? html` · <time datetime="${hit.date}">${hit.date}</time>` : ""}</p>
<p class="snippet">${raw(hit.snippet)}</p>
</li>`;
}

function noResults(state: SearchPageState): Html {
  const tips: Html[] = [];
  if (state.params.getAll("source").length > 0 || state.params.get("from") || state.params.get("to")) {
    tips.push(html`<li><a href="${linkWith(state.params, { source: null, from: null, to: null, offset: null })}">Search every source and date</a></li>`);
  }
  if (state.params.get("match") !== "any") {
    tips.push(html`<li><a href="${linkWith(state.params, { match: "any", offset: null })}">Find documents with any of the words</a></li>`);
  }
  tips.push(html`<li>Check the spelling, or try fewer or more general words.</li>`);
  return html`<div class="empty"><p>Nothing matched. Try:</p><ul>${tips}</ul></div>`;
}

function errorState(message: string): Html {
  return html`<div class="error" role="alert"><p><strong>That search could not run:</strong> ${message}</p>
<p>Change the query or the filters and try again, or <a href="/">start over</a>.</p></div>`;
}

function pager(state: SearchPageState, total: number): Html {
  if (total <= state.limit) return html``;
  const previous = state.offset > 0 ? Math.max(0, state.offset - state.limit) : null;
  const next = state.offset + state.limit < total ? state.offset + state.limit : null;
  const page = Math.floor(state.offset / state.limit) + 1;
  const pages = Math.ceil(total / state.limit);
  return html`<nav class="pager" aria-label="Pages">
${previous !== null ? html`<a rel="prev" href="${linkWith(state.params, { offset: previous || null })}">← Previous</a>` : ""}
<span>Page ${page} of ${pages}</span>
${next !== null ? html`<a rel="next" href="${linkWith(state.params, { offset: next })}">Next →</a>` : ""}
</nav>`;
}

/** The page's URL with some parameters replaced (null removes one). */
export function linkWith(params: URLSearchParams, changes: Record<string, string | number | null>): string {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    next.delete(name);
    if (value !== null) next.set(name, String(value));
  }
  const query = next.toString();
  return query ? `/?${query}` : "/";
}

/** A document's reading view, carrying the search so its words are marked and Back can return. */
export function readLink(id: string, params: URLSearchParams): string {
  const query = params.toString();
  return `/read/${id.split("/").map(encodeURIComponent).join("/")}${query ? `?${query}` : ""}`;
}
