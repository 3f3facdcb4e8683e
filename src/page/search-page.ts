/**
 * The search page, rendered on the server from the same search code as the
 * API, so it works without JavaScript. It is also the only renderer:
 * public/static/app.js fetches this page for each search and swaps in its
 * results, so the page and its enhancement can never disagree.
 * Snippets and marked titles (titleHtml) are the search's escaped HTML;
 * every other field is escaped here.
 */
import { html, raw } from "hono/html";
import type { SearchResponse } from "../api/schemas";
import { LIMITS } from "../limits";
import { layout, type Html } from "./layout";

/** What the page shows: the form's state, and the answer or the problem. */
export interface SearchPageState {
  /** The URL's page parameters (the form is refilled from them). */
  params: URLSearchParams;
  /** Every source of the corpus, for the filter. */
  sources: string[];
  /** The corpus's facet fields, each a group of its own. */
  facets: string[];
  /** The years of the oldest and newest dated documents; null hides the date filter. */
  years: { first: string; last: string } | null;
  /** The corpus has near-copies to fold: offer "Hide copies" (collapse=copies). */
  copies?: boolean;
  result: SearchResponse | null;
  error: string | null;
  offset: number;
  limit: number;
  /** The query has nothing that can be searched for (an emoji, punctuation): every document is shown, and the page says why. */
  unsearchable?: boolean;
}

export function searchPage(state: SearchPageState): Html {
  const q = state.params.get("q") ?? "";
  const title = q ? `${q} – Corpus search` : "Corpus search";
  return layout(
    title,
    html`<main class="search-page">
<h1 class="visually-hidden">Corpus search</h1>
<form id="search" class="search" role="search" action="/" method="get">
${searchBox(q)}
${filters(state)}
</form>
<p id="results-status" class="visually-hidden" role="status">${state.result ? summary(state, state.result) : ""}</p>
<section id="results" class="results" aria-label="Results" aria-busy="false" tabindex="-1">
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
<p id="q-help" class="help"><span class="match-all">All words must match.</span><span class="match-any">Any word may match; documents with more come first.</span> <kbd>"safe zones"</kbd> for a phrase, <kbd>-korea</kbd> to exclude.<span class="keyboard-hint"> Press <kbd>/</kbd> to search from anywhere.</span></p>
<p id="query-hint" class="query-hint" role="status"></p>
</div>`;
}

function filters(state: SearchPageState): Html {
  const { params } = state;
  const chosen = new Set(params.getAll("source"));
  const counts = state.result?.facets.source;
  const limit = params.get("limit");
  // Beside the results on a wide screen; on a phone, behind one control that opens them as a sheet
  // over the page, so the first results fit the first screen.
  return html`<details class="filters-sheet">
<summary>Filters${activeFilters(state) > 0 ? ` (${activeFilters(state)})` : ""}</summary>
<div class="filters" role="group" aria-label="Filters">
<fieldset class="sources">
<legend>Sources</legend>
${state.sources.map(
  (source) => html`<label><input type="checkbox" name="source" value="${source}"${chosen.has(source) ? raw(" checked") : ""}>
<span class="name">${source}</span> <span class="count" data-source="${source}" data-count="${counts ? (counts[source] ?? 0) : ""}">${counts ? (counts[source] ?? 0) : ""}</span></label>`,
)}
</fieldset>
${state.facets.map((field) => facetGroup(field, params, state.result))}
${state.years ? dateFilter(params, state.years) : ""}
<div class="options">
${select("match", "Match", params.get("match") ?? "all", [
  ["all", "All words"],
  ["any", "Any word"],
])}
${select("sort", "Sort by", params.get("sort") ?? "relevance", [
  ["relevance", "Relevance"],
  ["-date", "Newest first"],
  ["date", "Oldest first"],
])}
${state.copies ? hideCopies(params) : ""}
</div>
${limit ? html`<input type="hidden" name="limit" value="${limit}">` : ""}
<div class="sheet-actions"><button type="submit">Show results</button></div>
</div>
</details>`;
}

/** How many filters and options differ from a plain search: ticked values, dates, Match, Sort and Hide copies. */
function activeFilters({ params, facets }: SearchPageState): number {
  const ticked = ["source", ...facets].reduce((count, name) => count + params.getAll(name).length, 0);
  const set = (name: string, plain: string) => ((params.get(name) ?? plain) !== plain ? 1 : 0);
  return ticked + set("from", "") + set("to", "") + set("match", "all") + set("sort", "relevance") + set("collapse", "none");
}

/** collapse=copies as a person asks for it: each story once, its other versions named under it. */
function hideCopies(params: URLSearchParams): Html {
  return html`<label class="option hide-copies"><input type="checkbox" name="collapse" value="copies"${params.get("collapse") === "copies" ? raw(" checked") : ""} aria-describedby="hide-copies-help"> Hide copies</label>
<p id="hide-copies-help" class="help">Versions of one story (most of one text in another) show once.</p>`;
}

/**
 * A facet field's values as checkboxes: those the matching documents have
 * (most first, as counted) and any already chosen. Rendered for each
 * search, since the values depend on the result; app.js swaps it in.
 */
function facetGroup(field: string, params: URLSearchParams, result: SearchResponse | null): Html {
  const chosen = params.getAll(field);
  const counts = result?.facets[field] ?? {};
  const values = [...Object.keys(counts), ...chosen.filter((value) => !(value in counts))];
  return html`<fieldset class="facet" data-field="${field}">
<legend>${facetLabel(field)}</legend>
${values.length === 0 ? html`<p class="help">None in these results.</p>` : ""}
${values.map(
  (value) => html`<label><input type="checkbox" name="${field}" value="${value}"${chosen.includes(value) ? raw(" checked") : ""}>
<span class="name">${value}</span> <span class="count" data-count="${counts[value] ?? 0}">${counts[value] ?? 0}</span></label>`,
)}
</fieldset>`;
}

/** "tags" → "Tags", "author.name" → "Author name"; the date facet counts years. */
function facetLabel(field: string): string {
  if (field === "date") return "Year";
  const words = field.replace(/[._-]+/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function select(name: string, label: string, value: string, options: [string, string][]): Html {
  return html`<label class="option">${label}
<select name="${name}">
${options.map(([option, text]) => html`<option value="${option}"${value === option ? raw(" selected") : ""}>${text}</option>`)}
</select>
</label>`;
}

function dateFilter(params: URLSearchParams, years: { first: string; last: string }): Html {
  return html`<fieldset class="dates" aria-describedby="dates-help">
<legend>Date</legend>
<label>From <input name="from" value="${params.get("from") ?? ""}" placeholder="e.g. ${years.first}" size="10"></label>
<label>To <input name="to" value="${params.get("to") ?? ""}" placeholder="e.g. ${years.last}" size="10"></label>
<p id="dates-help" class="help">A year, a month or a day: 2017, 2017-05, 2017-05-02.</p>
</fieldset>`;
}

function results(state: SearchPageState, result: SearchResponse): Html {
  const hits = result.hits;
  // Announced through #results-status, which stays in place as results come and go (a replaced live region may not be read).
  // The results' heading: paging moves the focus here (app.js), and heading keys of a screen reader find it.
  return html`<h2 id="results-heading" class="summary" tabindex="-1">${summary(state, result)}${result.tookMs > 0 ? html`<span class="took"> · ${result.tookMs} ms</span>` : ""}</h2>
${result.didYouMean ? html`<p class="did-you-mean">Did you mean <a href="${linkWith(state.params, { q: result.didYouMean, offset: null })}">${result.didYouMean}</a>?</p>` : ""}
${result.ignoredWords.length > 0 ? html`<p class="notice ignored">A search looks up at most ${LIMITS.queryTerms} words; left out: ${result.ignoredWords.join(" ")}.</p>` : ""}
${result.relaxed ? html`<p class="notice">No document has every word; these have some of them.</p>` : ""}
${hits.length > 0 ? html`<ol class="hits" start="${state.offset + 1}">${hits.map((hit) => hitItem(hit, state.params))}</ol>` : result.total > 0 ? pastTheEnd(state) : noResults(state)}
${pager(state, result.total)}`;
}

function summary(state: SearchPageState, result: SearchResponse): string {
  // Nothing to search for is a browse, and is said to be one.
  if (state.unsearchable) {
    const browse = summary({ ...state, unsearchable: false, params: withoutQuery(state.params) }, { ...result, query: "" });
    return `Nothing in “${result.query}” can be searched for (only letters and numbers are); ${browse}`;
  }
  const { total, hits, query } = result;
  if (total === 0) return query ? `No results for “${query}”` : "No documents";
  const first = state.offset + 1;
  const last = state.offset + hits.length;
  const range = hits.length === 0 ? "" : total === hits.length ? "" : first === last ? `${first} of ` : `${first}–${last} of `;
  const count = `${total} ${total === 1 ? (query ? "result" : "document") : query ? "results" : "documents"}`;
  if (query) return `${range}${count} for “${query}”`;
  const sort = state.params.get("sort");
  return `${range}${count}, ${sort === "date" ? "oldest first" : "newest first"}`;
}

function hitItem(hit: SearchResponse["hits"][number], params: URLSearchParams): Html {
  return html`<li class="hit">
<h3><a href="${readLink(hit.id, params)}${params.get("q")?.trim() ? "#match-1" : ""}">${raw(hit.titleHtml)}</a></h3>
<p class="meta">${metaLine(hit)}</p>
<p class="snippet">${raw(hit.snippet)}</p>
${hit.copies && hit.copies.length > 0 ? copiesLine(hit, params) : ""}
${hit.alsoIn.length > 0 ? html`<p class="also-in">Also in: ${joined(hit.alsoIn.map((other) => html`<a href="${compareLink(hit.id, other.id, params)}">${otherLabel(other)}</a>`))}</p>` : ""}
</li>`;
}

/** The versions folded into a hit, each a way to the side-by-side view. */
function copiesLine(hit: SearchResponse["hits"][number], params: URLSearchParams): Html {
  const count = hit.copyCount ?? hit.copies!.length;
  const more = count - hit.copies!.length;
  return html`<p class="copies">${count === 1 ? "1 copy" : `${count} copies`} hidden: ${joined(hit.copies!.map((copy) => html`<a href="${compareLink(hit.id, copy.id, params)}">${otherLabel(copy)}</a>`))}${more > 0 ? ` and ${more} more` : ""}</p>`;
}

/** Another document, named by its source, or by its title or path where the source says nothing. */
function otherLabel(other: { id: string; source: string; title?: string }): string {
  if (other.source !== "unknown") return other.source;
  const name = other.title ?? other.id;
  return name.length > 60 ? `${name.slice(0, 59)}…` : name;
}

function joined(parts: Html[]): Html {
  return html`${parts.map((part, i) => (i === 0 ? part : html`, ${part}`))}`;
}

/** The side-by-side view of two documents, carrying the search for the way back. */
export function compareLink(id: string, other: string, params: URLSearchParams): string {
  const query = new URLSearchParams(params);
  query.set("a", id);
  query.set("b", other);
  return `/compare?${query}`;
}

/** What a hit is, on one quiet line: its source, date, path in the corpus and metadata (author, tags…). */
function metaLine(hit: SearchResponse["hits"][number]): Html {
  const parts: Html[] = [html`<span class="source">${hit.source}</span>`];
  if (hit.date) parts.push(html`<time datetime="${hit.date}">${hit.date}</time>`);
  parts.push(html`<span class="path">${hit.id}</span>`);
  for (const [name, value] of Object.entries(hit.fields)) {
    parts.push(html`<span class="field" data-field="${name}">${Array.isArray(value) ? value.join(", ") : String(value)}</span>`);
  }
  return html`${parts.map((part, i) => (i === 0 ? part : html` · ${part}`))}`;
}

function pastTheEnd(state: SearchPageState): Html {
  return html`<div class="empty"><p>There are no more results after these.</p><p><a href="${linkWith(state.params, { offset: null })}">Back to the first page</a></p></div>`;
}

function noResults(state: SearchPageState): Html {
  const { params } = state;
  const tips: Html[] = [];
  if (params.getAll("source").length > 0 || params.get("from") || params.get("to")) {
    tips.push(html`<li><a href="${linkWith(params, { source: null, from: null, to: null, offset: null })}">Search every source and date</a></li>`);
  }
  if (params.get("match") !== "any" && (params.get("q") ?? "").trim().includes(" ")) {
    tips.push(html`<li><a href="${linkWith(params, { match: "any", offset: null })}">Find documents with any of the words</a></li>`);
  }
  tips.push(html`<li>Check the spelling, or try fewer or more general words.</li>`);
  return html`<div class="empty"><p>Nothing matched. Try:</p><ul>${tips}</ul></div>`;
}

function errorState(message: string): Html {
  return html`<div class="error" role="alert"><p><strong>That search could not run:</strong> ${message}</p>
<p>Change the query or the filters and try again, or <a href="/">start over</a>.</p></div>`;
}

/** Links to the pages around this one; paging stops where the API's result window does. */
function pager(state: SearchPageState, total: number): Html {
  if (total <= state.limit && state.offset === 0) return html``;
  const previous = state.offset > 0 ? Math.max(0, state.offset - state.limit) : null;
  const nextOffset = state.offset + state.limit;
  const more = nextOffset < total;
  const reachable = nextOffset + state.limit <= LIMITS.resultWindow;
  const page = Math.floor(state.offset / state.limit) + 1;
  const pages = Math.min(Math.ceil(total / state.limit), Math.floor(LIMITS.resultWindow / state.limit));
  // Past the last page (an offset beyond the results) there is no page number to give.
  return html`<nav class="pager" aria-label="Pages">
${previous !== null ? html`<a rel="prev" href="${linkWith(state.params, { offset: previous || null })}">← Previous</a>` : ""}
${page <= pages ? html`<span>Page ${page} of ${pages}</span>` : ""}
${more && reachable ? html`<a rel="next" href="${linkWith(state.params, { offset: nextOffset })}">Next →</a>` : ""}
${more && !reachable ? html`<span class="window">Only the first ${LIMITS.resultWindow} results can be paged through: add words to narrow the search.</span>` : ""}
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

function withoutQuery(params: URLSearchParams): URLSearchParams {
  const rest = new URLSearchParams(params);
  rest.delete("q");
  return rest;
}
