// @ts-check
/**
 * The search page's enhancement. The server renders a working page; this
 * makes it search as you type (debounced, stale requests cancelled), offer
 * completions from /suggest, move with the keyboard (arrows, Enter, Escape,
 * "/" to focus), and keep every search in the URL so Back and Forward work.
 *
 * Each search fetches the server's own page for the new URL and swaps in its
 * results, so there is one renderer (src/page/search-page.ts), and all the
 * text arrives escaped by it. Suggestions are inserted as text.
 */

const TYPING_DELAY_MS = 150;
/**
 * Single-key shortcuts ("/", n, p) can be turned off, for whoever types by
 * voice or presses keys by accident (WCAG 2.1.4); the choice is kept in
 * this browser, for every page.
 */
const SHORTCUTS_KEY = "corpus-search:shortcuts";

const form = /** @type {HTMLFormElement | null} */ (document.getElementById("search"));
const input = /** @type {HTMLInputElement | null} */ (document.getElementById("q"));
const list = /** @type {HTMLUListElement | null} */ (document.getElementById("suggestions"));
const results = /** @type {HTMLElement | null} */ (document.getElementById("results"));

if (form && input && list && results) enhance(form, input, list, results);
const matchesBar = document.getElementById("matches");
if (matchesBar) enhanceReading(matchesBar);
for (const hint of document.querySelectorAll(".keyboard-hint")) addShortcutsSwitch(/** @type {HTMLElement} */ (hint));

function shortcutsOn() {
  try {
    return localStorage.getItem(SHORTCUTS_KEY) !== "off";
  } catch {
    return true; // storage refused: the default
  }
}

/** A button after the hint that names the shortcuts, turning them off and on. @param {HTMLElement} hint */
function addShortcutsSwitch(hint) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "shortcuts-switch";
  const label = () => {
    button.textContent = shortcutsOn() ? "Turn off key shortcuts" : "Turn on key shortcuts";
  };
  button.addEventListener("click", () => {
    try {
      localStorage.setItem(SHORTCUTS_KEY, shortcutsOn() ? "off" : "on");
    } catch {
      // Not kept: nothing changes.
    }
    label();
  });
  label();
  hint.append(" ", button);
}

/**
 * The reading view: "Match k of n" with previous and next, by button and by
 * key (n, and p or Shift+N), from the match the URL names (#match-k; the
 * results link to the first). A long document is read in parts; a step to
 * a match in another part opens that part (the bar says where: data-before
 * and data-after).
 * @param {HTMLElement} bar
 */
function enhanceReading(bar) {
  const count = Number(bar.dataset.count ?? "0");
  const where = bar.querySelector(".where");
  const first = bar.querySelector(".first-match");
  if (!where || count === 0) return;
  /** The matches on this page, by number. */
  const here = [...document.querySelectorAll('mark[id^="match-"]')].map((mark) => Number(mark.id.slice("match-".length)));
  const fromUrl = /^#match-(\d+)$/.exec(location.hash);
  let current = fromUrl && here.includes(Number(fromUrl[1])) ? Number(fromUrl[1]) : 0;
  /** @param {string} label @param {number} step */
  const button = (label, step) => {
    const element = document.createElement("button");
    element.type = "button";
    element.textContent = label;
    element.addEventListener("click", () => go(step));
    return element;
  };
  first?.replaceWith(button("← Previous match", -1), button("Next match →", 1));
  /** @param {number} step */
  function go(step) {
    const next = current === 0 ? (step > 0 ? here[0] : here.at(-1)) : ((current - 1 + step + count) % count) + 1;
    const mark = next === undefined ? null : document.getElementById(`match-${next}`);
    if (!mark || next === undefined) {
      // The match is in another part.
      const elsewhere = step > 0 ? bar.dataset.after : bar.dataset.before;
      if (elsewhere) location.assign(elsewhere);
      return;
    }
    document.getElementById(`match-${current}`)?.classList.remove("current");
    current = next;
    mark.classList.add("current");
    mark.scrollIntoView({ block: "center" });
    // The place is kept in the URL without a new history entry for every step.
    history.replaceState(null, "", `#match-${current}`);
    show();
  }
  function show() {
    /** @type {Element} */ (where).textContent =
      current === 0 ? `${count} ${count === 1 ? "match" : "matches"}${here.length === 0 ? ", none in this part" : ""}` : `Match ${current} of ${count}`;
  }
  // A mark the page opens at (the browser scrolls to #match-k after this script) or steps to is kept
  // clear of the sticky bar, however many lines the bar wraps to: its height is the marks' scroll margin.
  // The first measure may come after the browser's own scroll: the mark opened at is brought clear then.
  let measured = false;
  new ResizeObserver(() => {
    document.documentElement.style.setProperty("--matches-bar", `${bar.getBoundingClientRect().height}px`);
    if (!measured && current > 0) document.getElementById(`match-${current}`)?.scrollIntoView({ block: "start" });
    measured = true;
  }).observe(bar);
  show();
  if (current > 0) document.getElementById(`match-${current}`)?.classList.add("current");
  document.addEventListener("keydown", (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (event.ctrlKey || event.metaKey || event.altKey || !shortcutsOn() || target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === "n") go(1);
    else if (event.key === "p" || event.key === "N") go(-1);
    else return;
    event.preventDefault();
  });
}

/**
 * @param {HTMLFormElement} form
 * @param {HTMLInputElement} input
 * @param {HTMLUListElement} list
 * @param {HTMLElement} results
 */
function enhance(form, input, list, results) {
  // Where the page says why a search cannot run yet (the server writes it empty, in the form).
  const queryHint = form.querySelector("#query-hint") ?? document.createElement("p");
  // The live region saying how many results there are; it stays while the results change.
  const status = document.getElementById("results-status") ?? document.createElement("p");
  /**
   * The search the page shows, or is fetching: set when a search starts, not
   * when it lands, so Back pressed while a search is on its way is a search
   * of its own. Compared in one spelling (URLSearchParams'), since a typed
   * URL may spell a space %20 where the script writes +.
   */
  let wantedSearch = sameSpelling(location.search);
  /** @type {AbortController | null} */
  let searching = null;
  /** @type {AbortController | null} */
  let suggesting = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let typingTimer;
  let selected = -1;
  // Typing gets one history entry per query, not one per keystroke: the
  // first search of a burst of typing pushes, the rest replace it.
  let typingEntry = false;

  /** The search the form describes, as URL parameters (empty fields left out). */
  function formParameters() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      const text = String(value).trim();
      if (text === "" || (name === "match" && text === "all") || (name === "sort" && text === "relevance")) continue;
      params.append(name, text);
    }
    return params;
  }

  /** Puts a URL's search back into the form (Back and Forward). @param {URLSearchParams} params */
  function fillForm(params) {
    input.value = params.get("q") ?? "";
    const sources = new Set(params.getAll("source"));
    for (const box of form.querySelectorAll('input[name="source"]')) {
      const checkbox = /** @type {HTMLInputElement} */ (box);
      checkbox.checked = sources.has(checkbox.value);
    }
    for (const name of ["from", "to", "limit"]) {
      const field = /** @type {HTMLInputElement | null} */ (form.elements.namedItem(name));
      if (field) field.value = params.get(name) ?? "";
    }
    for (const [name, fallback] of Object.entries({ match: "all", sort: "relevance" })) {
      const field = /** @type {HTMLSelectElement | null} */ (form.elements.namedItem(name));
      if (field) field.value = params.get(name) ?? fallback;
    }
    const hideCopies = /** @type {HTMLInputElement | null} */ (form.elements.namedItem("collapse"));
    if (hideCopies) hideCopies.checked = params.get("collapse") === "copies";
  }

  /**
   * Runs a search and shows it. `history`: "push" for a new search,
   * "typing" while the query is typed, "none" when the URL is already
   * right (Back, Forward).
   * @param {URLSearchParams} params
   * @param {"push" | "typing" | "none"} history
   * @param {{ toResults?: boolean }} [options] toResults: move focus (and the view) to the results, as after paging
   */
  async function search(params, history, options = {}) {
    searching?.abort();
    const controller = new AbortController();
    searching = controller;
    const url = params.toString() ? `/?${params}` : "/";
    wantedSearch = params.toString();
    if (url !== location.pathname + location.search) {
      if (history === "push" || (history === "typing" && !typingEntry)) window.history.pushState(null, "", url);
      else if (history === "typing") window.history.replaceState(null, "", url);
    }
    typingEntry = history === "typing";
    results.setAttribute("aria-busy", "true");
    const started = performance.now();
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { Accept: "text/html" } });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      if (controller !== searching) return;
      const fresh = page.getElementById("results");
      if (!fresh) throw new Error(`the service answered ${response.status}`);
      // A search that cannot run yet (a half-typed date, a query of only -words) keeps the last
      // good results and their counts; a hint by the form says why, in the page's words.
      if (response.status === 400 && results.querySelector(".hits, .empty")) {
        queryHint.textContent = fresh.querySelector(".error p")?.textContent?.replace(/^That search could not run:\s*/, "") ?? "";
        return;
      }
      queryHint.textContent = "";
      results.replaceChildren(...fresh.childNodes);
      // The live region is updated in place, so a screen reader reads the new count.
      status.textContent = page.getElementById("results-status")?.textContent ?? "";
      if (options.toResults) {
        // The new results' heading takes the focus, and the view goes to their top.
        (document.getElementById("results-heading") ?? results).focus({ preventScroll: true });
        results.scrollIntoView({ block: "start" });
      }
      document.title = page.title;
      // The server's clock stands still on Cloudflare; the wait the user saw is what counts.
      const took = results.querySelector(".took") ?? results.querySelector(".summary")?.appendChild(document.createElement("span"));
      if (took) {
        took.className = "took";
        took.textContent = ` · ${Math.round(performance.now() - started)} ms`;
      }
      for (const count of form.querySelectorAll(".sources .count")) {
        const source = /** @type {HTMLElement} */ (count).dataset.source ?? "";
        const fresh = /** @type {HTMLElement | null} */ (page.querySelector(`.sources .count[data-source="${CSS.escape(source)}"]`));
        count.textContent = fresh?.textContent ?? "";
        /** @type {HTMLElement} */ (count).dataset.count = fresh?.dataset.count ?? "";
      }
      // "Filters (n)" counts what is set.
      const sheetSummary = form.querySelector(".filters-sheet > summary");
      if (sheetSummary) sheetSummary.textContent = page.querySelector(".filters-sheet > summary")?.textContent ?? sheetSummary.textContent;
      // A facet field's values depend on the result: its group is the page's, whole.
      for (const group of form.querySelectorAll("fieldset.facet")) {
        const field = /** @type {HTMLElement} */ (group).dataset.field ?? "";
        const fresh = page.querySelector(`fieldset.facet[data-field="${CSS.escape(field)}"]`);
        if (!fresh) continue;
        // The value ticked from the keyboard keeps the focus in the group that replaces its own.
        const focused = group.contains(document.activeElement) ? /** @type {HTMLInputElement} */ (document.activeElement).value : null;
        const replacement = /** @type {HTMLElement} */ (document.importNode(fresh, true));
        group.replaceWith(replacement);
        if (focused !== null) {
          const box = [...replacement.querySelectorAll("input")].find((input) => input.value === focused);
          box?.focus();
        }
      }
    } catch (error) {
      if (/** @type {Error} */ (error).name === "AbortError" || controller !== searching) return;
      showError("the search service could not be reached. Check your connection and try again.");
    } finally {
      if (controller === searching) results.setAttribute("aria-busy", "false");
    }
  }

  /** @param {string} message */
  function showError(message) {
    const box = document.createElement("div");
    box.className = "error";
    box.setAttribute("role", "alert");
    const p = document.createElement("p");
    const strong = document.createElement("strong");
    strong.textContent = "That search could not run:";
    p.append(strong, ` ${message}`);
    box.append(p);
    results.replaceChildren(box);
    for (const count of form.querySelectorAll(".sources .count")) count.textContent = "";
  }

  // Suggestions: a listbox under the search box (the ARIA combobox pattern).
  async function suggest() {
    suggesting?.abort();
    const q = input.value;
    if (q.trim().length < 3 || /\s$/.test(q)) return closeSuggestions();
    const controller = new AbortController();
    suggesting = controller;
    try {
      const response = await fetch(`/suggest?${new URLSearchParams({ q: q.trimStart() })}`, { signal: controller.signal });
      if (!response.ok) return;
      const body = await response.json();
      // A list for what was typed before the last keystroke is stale.
      if (controller === suggesting && input.value === q) showSuggestions(body.suggestions);
    } catch {
      // Suggestions are a convenience: without them, search still works.
    }
  }

  /** @param {{ text: string, documents: number }[]} suggestions */
  function showSuggestions(suggestions) {
    // What is typed already needs no suggesting.
    const typed = input.value.trim().toLowerCase();
    const offered = suggestions.filter((suggestion) => suggestion.text.toLowerCase() !== typed);
    if (offered.length === 0 || document.activeElement !== input) return closeSuggestions();
    list.replaceChildren(
      ...offered.map((suggestion, i) => {
        const option = document.createElement("li");
        option.id = `suggestion-${i}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.text = suggestion.text;
        const text = document.createElement("span");
        text.textContent = suggestion.text;
        const count = document.createElement("span");
        count.className = "count";
        count.textContent = String(suggestion.documents);
        count.setAttribute("aria-label", `${suggestion.documents} documents`);
        option.append(text, count);
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
          choose(suggestion.text);
        });
        return option;
      }),
    );
    selected = -1;
    input.removeAttribute("aria-activedescendant");
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function closeSuggestions() {
    suggesting?.abort();
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
    clearTimeout(typingTimer);
    search(formParameters(), "push");
  }

  input.addEventListener("input", () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => search(formParameters(), "typing"), TYPING_DELAY_MS);
    suggest();
  });
  input.addEventListener("keydown", (event) => {
    const open = !list.hidden;
    if (event.key === "ArrowDown" && open) highlightSuggestion(selected + 1);
    else if (event.key === "ArrowUp" && open) highlightSuggestion(selected - 1);
    else if (event.key === "ArrowDown") focusHit(0);
    else if (event.key === "Enter" && open && selected >= 0) choose(/** @type {HTMLElement} */ (list.children[selected]).dataset.text ?? "");
    else if (event.key === "Escape" && open) closeSuggestions();
    // A search box clears itself on Escape; here Escape only closes suggestions.
    else if (event.key === "Escape") {
      /* keep the query */
    } else return;
    event.preventDefault();
  });
  input.addEventListener("blur", () => {
    // The query typed so far is settled: the next keystrokes start a new entry.
    typingEntry = false;
    setTimeout(closeSuggestions, 100);
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typingTimer);
    closeSuggestions();
    // Focus in the closing sheet would be lost: it goes back to the control that opened it.
    closeSheet(sheet?.contains(document.activeElement) ?? false);
    search(formParameters(), "push");
  });

  // On a phone the filters open as a sheet over the page: the shade around it,
  // Escape, "Show results" and focus leaving it close it, as a sheet does. On
  // a wide screen they are a sidebar: the <details> is kept open (the CSS's
  // ::details-content shows them without the script, where browsers have it).
  const sheet = /** @type {HTMLDetailsElement | null} */ (form.querySelector(".filters-sheet"));
  const phone = matchMedia("(max-width: 47.99rem)");
  const fitSheet = () => {
    if (sheet) sheet.open = !phone.matches;
  };
  fitSheet();
  phone.addEventListener("change", fitSheet);
  /** @param {boolean} returnFocus */
  function closeSheet(returnFocus) {
    if (!sheet?.open || !phone.matches) return;
    sheet.open = false;
    if (returnFocus) sheet.querySelector("summary")?.focus();
  }
  sheet?.addEventListener("click", (event) => {
    // The shade is the sheet's own ::before; a tap there lands on the <details> itself.
    if (event.target === sheet) closeSheet(true);
  });
  sheet?.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !sheet.open || !phone.matches) return;
    event.preventDefault();
    closeSheet(true);
  });
  sheet?.addEventListener("focusout", (event) => {
    const next = /** @type {Node | null} */ (event.relatedTarget);
    if (next && !sheet.contains(next)) closeSheet(false);
  });
  // While the sheet is open on a phone, the page around it is inert: out of reach of
  // the keyboard, the pointer and screen readers, as behind a dialog.
  /** @type {HTMLElement[]} */
  let madeInert = [];
  function inertAround() {
    for (const element of madeInert) element.inert = false;
    madeInert = [];
    if (!sheet?.open || !phone.matches) return;
    for (let inside = /** @type {Element} */ (sheet); inside.parentElement; inside = inside.parentElement) {
      for (const sibling of inside.parentElement.children) {
        // The count stays a live region, so ticking a value in the sheet is still heard; the page keeps its name (h1).
        if (sibling === inside || !(sibling instanceof HTMLElement) || sibling.inert || sibling.id === "results-status" || sibling.tagName === "H1") continue;
        sibling.inert = true;
        madeInert.push(sibling);
      }
    }
  }
  sheet?.addEventListener("toggle", inertAround);
  phone.addEventListener("change", inertAround);
  form.addEventListener("change", (event) => {
    if (event.target === input) return;
    clearTimeout(typingTimer);
    // A new filter starts from the first page.
    search(formParameters(), "push");
  });

  // Result links: arrows move between results, Escape returns to the box.
  results.addEventListener("keydown", (event) => {
    const links = hitLinks();
    const at = links.indexOf(/** @type {HTMLAnchorElement} */ (document.activeElement));
    if (at === -1) return;
    if (event.key === "ArrowDown") focusHit(at + 1);
    else if (event.key === "ArrowUp" && at === 0) input.focus();
    else if (event.key === "ArrowUp") focusHit(at - 1);
    else if (event.key === "Escape") input.focus();
    else return;
    event.preventDefault();
  });
  // Pages, corrections and tips are searches too: run them in place.
  results.addEventListener("click", (event) => {
    const link = /** @type {HTMLElement} */ (event.target).closest?.(".pager a, .did-you-mean a, .empty a");
    if (!(link instanceof HTMLAnchorElement) || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    const params = new URLSearchParams(new URL(link.href).search);
    fillForm(params);
    // After a page of results, the reader goes on from the top of the new one.
    search(params, "push", { toResults: link.closest(".pager") !== null });
  });

  document.addEventListener("keydown", (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || !shortcutsOn()) return;
    // Only where "/" would be typed: a checkbox, a button or a link lets it search.
    if (target.closest('textarea, select, [contenteditable], input:not([type="checkbox"], [type="radio"], [type="submit"], [type="button"], [type="reset"])')) return;
    event.preventDefault();
    input.focus();
    input.select();
  });

  window.addEventListener("popstate", () => {
    // A jump within the page (the skip link's #results) is no new search.
    if (sameSpelling(location.search) === wantedSearch) return;
    const params = new URLSearchParams(location.search);
    fillForm(params);
    closeSuggestions();
    search(params, "none");
  });

  /** @param {string} search a URL's query string */
  function sameSpelling(search) {
    return new URLSearchParams(search).toString();
  }

  function hitLinks() {
    return /** @type {HTMLAnchorElement[]} */ ([...results.querySelectorAll(".hit h3 a")]);
  }

  /** @param {number} index */
  function focusHit(index) {
    const links = hitLinks();
    links[Math.min(index, links.length - 1)]?.focus();
  }
}
