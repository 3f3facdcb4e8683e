// @ts-check
/**
 * The search page's enhancement. The server renders a working page; this
 * makes it search as you type (debounced, stale requests cancelled), offer
 * completions from /suggest, move with the keyboard (arrows, Enter, Escape,
 * "/" to focus), and keep every search in the URL so Back and Forward work.
 * Only the API's snippet (escaped by the server) is inserted as HTML;
 * everything else is inserted as text.
 */

const TYPING_DELAY_MS = 150;
const form = /** @type {HTMLFormElement | null} */ (document.getElementById("search"));
const input = /** @type {HTMLInputElement | null} */ (document.getElementById("q"));
const list = /** @type {HTMLUListElement | null} */ (document.getElementById("suggestions"));
const results = /** @type {HTMLElement | null} */ (document.getElementById("results"));

if (form && input && list && results) enhance(form, input, list, results);

/**
 * @param {HTMLFormElement} form
 * @param {HTMLInputElement} input
 * @param {HTMLUListElement} list
 * @param {HTMLElement} results
 */
function enhance(form, input, list, results) {
  /** @type {AbortController | null} */
  let searching = null;
  /** @type {AbortController | null} */
  let suggesting = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let typingTimer;
  let selected = -1;
  // "match=any" has no control of its own; it is kept from the URL.
  let match = new URLSearchParams(location.search).get("match");

  /** The search the form describes, as URL parameters. */
  function formParameters(offset = 0) {
    const params = new URLSearchParams();
    const q = input.value.trim();
    if (q) params.set("q", q);
    if (match) params.set("match", match);
    for (const box of form.querySelectorAll('input[name="source"]:checked')) {
      params.append("source", /** @type {HTMLInputElement} */ (box).value);
    }
    for (const name of ["from", "to"]) {
      const field = /** @type {HTMLInputElement | null} */ (form.elements.namedItem(name));
      if (field && field.value.trim()) params.set(name, field.value.trim());
    }
    const sort = /** @type {HTMLSelectElement | null} */ (form.elements.namedItem("sort"));
    if (sort && sort.value !== "relevance") params.set("sort", sort.value);
    if (offset > 0) params.set("offset", String(offset));
    return params;
  }

  /** Puts a URL's search back into the form (Back and Forward). @param {URLSearchParams} params */
  function fillForm(params) {
    input.value = params.get("q") ?? "";
    match = params.get("match");
    const sources = new Set(params.getAll("source"));
    for (const box of form.querySelectorAll('input[name="source"]')) {
      const checkbox = /** @type {HTMLInputElement} */ (box);
      checkbox.checked = sources.has(checkbox.value);
    }
    for (const name of ["from", "to"]) {
      const field = /** @type {HTMLInputElement | null} */ (form.elements.namedItem(name));
      if (field) field.value = params.get(name) ?? "";
    }
    const sort = /** @type {HTMLSelectElement | null} */ (form.elements.namedItem("sort"));
    if (sort) sort.value = params.get("sort") ?? "relevance";
  }

  /**
   * Runs a search and shows it. `history`: "push" for a new search,
   * "replace" while typing (one entry per query, not per keystroke),
   * "none" when the URL is already right (Back, Forward).
   * @param {URLSearchParams} params
   * @param {"push" | "replace" | "none"} history
   */
  async function search(params, history) {
    searching?.abort();
    const controller = new AbortController();
    searching = controller;
    results.setAttribute("aria-busy", "true");
    const url = params.toString() ? `/?${params}` : "/";
    if (history === "push" && url !== location.pathname + location.search) window.history.pushState(null, "", url);
    if (history === "replace") window.history.replaceState(null, "", url);
    try {
      const response = await fetch(`/search?${params}`, { signal: controller.signal, headers: { Accept: "application/json" } });
      const body = await response.json();
      if (controller !== searching) return;
      if (!response.ok) showError(body?.error?.message ?? `the service answered ${response.status}`);
      else showResults(body, params);
    } catch (error) {
      if (/** @type {Error} */ (error).name === "AbortError") return;
      showError("the search service could not be reached. Check your connection and try again.");
    } finally {
      if (controller === searching) results.setAttribute("aria-busy", "false");
    }
  }

  /** @param {string} message */
  function showError(message) {
    const box = element("div", { class: "error", role: "alert" });
    const p = element("p");
    p.append(element("strong", {}, "That search could not run:"), ` ${message}`);
    const tip = element("p", {}, "Change the query or the filters and try again, or ");
    tip.append(element("a", { href: "/" }, "start over"), ".");
    box.append(p, tip);
    results.replaceChildren(box);
  }

  /**
   * @param {{ query: string, total: number, tookMs: number, relaxed: boolean, didYouMean: string | null,
   *   hits: { id: string, title: string, source: string, date: string | null, snippet: string }[],
   *   facets: { source: Record<string, number> } }} body
   * @param {URLSearchParams} params
   */
  function showResults(body, params) {
    const offset = Number(params.get("offset") ?? 0);
    /** @type {HTMLElement[]} */
    const parts = [element("p", { class: "summary" }, summary(body, offset))];
    if (body.didYouMean) {
      const p = element("p", { class: "did-you-mean" }, "Did you mean ");
      const link = element("a", { href: pageLink(params, { q: body.didYouMean, offset: null }) }, body.didYouMean);
      p.append(link, "?");
      parts.push(p);
    }
    if (body.relaxed) parts.push(element("p", { class: "notice" }, "No document has every word; these have some of them."));
    if (body.hits.length === 0) parts.push(noResults(params));
    else {
      const ol = element("ol", { class: "hits", start: String(offset + 1) });
      for (const hit of body.hits) ol.append(hitItem(hit, params));
      parts.push(ol);
    }
    const pager = pagerFor(params, body.total, offset);
    if (pager) parts.push(pager);
    results.replaceChildren(...parts);
    for (const count of form.querySelectorAll(".sources .count")) {
      const source = /** @type {HTMLElement} */ (count).dataset.source ?? "";
      count.textContent = String(body.facets.source[source] ?? 0);
    }
  }

  /** @param {{ id: string, title: string, source: string, date: string | null, snippet: string }} hit @param {URLSearchParams} params */
  function hitItem(hit, params) {
    const li = element("li", { class: "hit" });
    const h2 = element("h2");
    h2.append(element("a", { href: readLink(hit.id, params) }, hit.title));
    const meta = element("p", { class: "meta" });
    meta.append(element("span", { class: "source" }, hit.source));
    if (hit.date) meta.append(" · ", element("time", { datetime: hit.date }, hit.date));
    const snippet = element("p", { class: "snippet" });
    // The snippet is the API's HTML: the document text escaped, then marked.
    snippet.innerHTML = hit.snippet;
    li.append(h2, meta, snippet);
    return li;
  }

  /** @param {URLSearchParams} params */
  function noResults(params) {
    const box = element("div", { class: "empty" });
    box.append(element("p", {}, "Nothing matched. Try:"));
    const tips = element("ul");
    if (params.getAll("source").length > 0 || params.get("from") || params.get("to")) {
      const li = element("li");
      li.append(element("a", { href: pageLink(params, { source: null, from: null, to: null, offset: null }) }, "Search every source and date"));
      tips.append(li);
    }
    if (params.get("match") !== "any") {
      const li = element("li");
      li.append(element("a", { href: pageLink(params, { match: "any", offset: null }) }, "Find documents with any of the words"));
      tips.append(li);
    }
    tips.append(element("li", {}, "Check the spelling, or try fewer or more general words."));
    box.append(tips);
    return box;
  }

  /** @param {URLSearchParams} params @param {number} total @param {number} offset */
  function pagerFor(params, total, offset) {
    const limit = Number(params.get("limit") ?? 10);
    if (total <= limit) return null;
    const nav = element("nav", { class: "pager", "aria-label": "Pages" });
    if (offset > 0) nav.append(element("a", { rel: "prev", href: pageLink(params, { offset: offset - limit > 0 ? offset - limit : null }) }, "← Previous"));
    nav.append(element("span", {}, `Page ${Math.floor(offset / limit) + 1} of ${Math.ceil(total / limit)}`));
    if (offset + limit < total) nav.append(element("a", { rel: "next", href: pageLink(params, { offset: offset + limit }) }, "Next →"));
    return nav;
  }

  // Suggestions: a listbox under the search box (the ARIA combobox pattern).
  /** @param {string} q */
  async function suggest(q) {
    suggesting?.abort();
    const controller = new AbortController();
    suggesting = controller;
    if (q.trim().length < 3 || /\s$/.test(q)) return closeSuggestions();
    try {
      const response = await fetch(`/suggest?${new URLSearchParams({ q: q.trimStart() })}`, { signal: controller.signal });
      if (!response.ok || controller !== suggesting) return;
      const body = await response.json();
      showSuggestions(body.suggestions);
    } catch {
      // Suggestions are a convenience: without them, search still works.
    }
  }

  /** @param {{ text: string, documents: number }[]} suggestions */
  function showSuggestions(suggestions) {
    selected = -1;
    input.removeAttribute("aria-activedescendant");
    // What is typed already needs no suggesting.
    const typed = input.value.trim().toLowerCase();
    suggestions = suggestions.filter((suggestion) => suggestion.text.toLowerCase() !== typed);
    if (suggestions.length === 0 || document.activeElement !== input) return closeSuggestions();
    list.replaceChildren(
      ...suggestions.map((suggestion, i) => {
        const li = element("li", { id: `suggestion-${i}`, role: "option", "aria-selected": "false" });
        li.append(element("span", {}, suggestion.text), element("span", { class: "count" }, `${suggestion.documents}`));
        li.dataset.text = suggestion.text;
        li.addEventListener("mousedown", (event) => {
          event.preventDefault();
          choose(suggestion.text);
        });
        return li;
      }),
    );
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function closeSuggestions() {
    list.hidden = true;
    list.replaceChildren();
    selected = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  /** @param {number} index */
  function highlightSuggestion(index) {
    const options = [...list.children];
    if (options.length === 0) return;
    selected = (index + options.length) % options.length;
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === selected)));
    input.setAttribute("aria-activedescendant", options[selected]?.id ?? "");
  }

  /** @param {string} text */
  function choose(text) {
    input.value = text;
    closeSuggestions();
    search(formParameters(), "push");
  }

  input.addEventListener("input", () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => search(formParameters(), "replace"), TYPING_DELAY_MS);
    suggest(input.value);
  });
  input.addEventListener("keydown", (event) => {
    const open = !list.hidden;
    if (event.key === "ArrowDown" && open) highlightSuggestion(selected + 1);
    else if (event.key === "ArrowUp" && open) highlightSuggestion(selected - 1);
    else if (event.key === "ArrowDown") focusHit(0);
    else if (event.key === "Enter" && open && selected >= 0) choose(/** @type {HTMLElement} */ (list.children[selected]).dataset.text ?? "");
    else if (event.key === "Escape" && open) closeSuggestions();
    else if (event.key === "Escape") input.value && ((input.value = ""), search(formParameters(), "push"));
    else return;
    event.preventDefault();
  });
  input.addEventListener("blur", () => setTimeout(closeSuggestions, 100));

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typingTimer);
    closeSuggestions();
    search(formParameters(), "push");
  });
  form.addEventListener("change", (event) => {
    if (event.target === input) return;
    search(formParameters(), "push");
  });

  // Result links and pages: arrows move between results, Escape returns to the box.
  results.addEventListener("keydown", (event) => {
    const links = hitLinks();
    const at = links.indexOf(/** @type {HTMLAnchorElement} */ (document.activeElement));
    if (at === -1) return;
    if (event.key === "ArrowDown") focusHit(at + 1);
    else if (event.key === "ArrowUp") at === 0 ? input.focus() : focusHit(at - 1);
    else if (event.key === "Escape") input.focus();
    else return;
    event.preventDefault();
  });
  results.addEventListener("click", (event) => {
    const link = /** @type {HTMLElement} */ (event.target).closest?.(".pager a, .did-you-mean a, .empty a");
    if (!(link instanceof HTMLAnchorElement) || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    const params = new URLSearchParams(new URL(link.href).search);
    fillForm(params);
    search(params, "push");
    input.focus();
  });

  document.addEventListener("keydown", (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.closest("input, textarea, select, [contenteditable]")) return;
    event.preventDefault();
    input.focus();
    input.select();
  });

  window.addEventListener("popstate", () => {
    const params = new URLSearchParams(location.search);
    fillForm(params);
    closeSuggestions();
    search(params, "none");
  });

  function hitLinks() {
    return /** @type {HTMLAnchorElement[]} */ ([...results.querySelectorAll(".hit h2 a")]);
  }

  /** @param {number} index */
  function focusHit(index) {
    const links = hitLinks();
    links[Math.min(index, links.length - 1)]?.focus();
  }
}

/**
 * @param {{ query: string, total: number, tookMs: number, hits: unknown[] }} body
 * @param {number} offset
 */
function summary(body, offset) {
  const time = `${body.tookMs} ms`;
  if (body.total === 0) return body.query ? `No results for “${body.query}” · ${time}` : "No documents";
  const range = body.total > body.hits.length ? `${offset + 1}–${offset + body.hits.length} of ` : "";
  const what = body.query ? `for “${body.query}”` : "newest first";
  return `${range}${body.total} ${body.total === 1 ? "result" : "results"} ${what} · ${time}`;
}

/**
 * The page's URL with some parameters replaced (null removes one).
 * @param {URLSearchParams} params @param {Record<string, string | number | null>} changes
 */
function pageLink(params, changes) {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    next.delete(name);
    if (value !== null) next.set(name, String(value));
  }
  const query = next.toString();
  return query ? `/?${query}` : "/";
}

/** @param {string} id @param {URLSearchParams} params */
function readLink(id, params) {
  const query = params.toString();
  return `/read/${id.split("/").map(encodeURIComponent).join("/")}${query ? `?${query}` : ""}`;
}

/**
 * An element with attributes and text (never HTML).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag @param {Record<string, string>} [attributes] @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
function element(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}
