/**
 * The /instantsearch example's script (the browser's side; bundled by
 * scripts/instantsearch-example.ts): InstantSearch widgets on this
 * Worker's Meilisearch-compatible API through instant-meilisearch.
 * The page (src/routes/instantsearch-example.ts) gives the index uid in
 * #app's data-index-uid and one empty container per widget.
 */
import instantsearch from "instantsearch.js";
import { configure, hits, pagination, refinementList, searchBox, stats } from "instantsearch.js/es/widgets";
import { instantMeiliSearch } from "@meilisearch/instant-meilisearch";

/** A hit as the index stores it; `date` is missing when the document has none. */
type CorpusHit = { id: string; title: string; source: string; date?: string; text: string };

const DEFAULT_HITS_PER_PAGE = 10;
const MAX_HITS_PER_PAGE = 100;
/** Words in the snippet of `text`, Meilisearch's `attributesToCrop: ["text:30"]`. */
const SNIPPET_WORDS = 30;

const app = document.getElementById("app");
const indexUid = app?.dataset.indexUid;
if (!app || !indexUid) throw new Error("instantsearch example: #app with data-index-uid is missing; the page must come from GET /instantsearch");

// No API key: the page is served only by a deployment without one (middleware/auth.ts).
// finitePagination asks for exact totals (page and hitsPerPage), so the pagination lists every page, not just the next.
const { searchClient } = instantMeiliSearch(location.origin, undefined, { primaryKey: "id", finitePagination: true });

const search = instantsearch({ indexName: indexUid, searchClient });

search.addWidgets([
  configure({ hitsPerPage: hitsPerPageOf(location.search), attributesToSnippet: [`text:${SNIPPET_WORDS}`] }),
  searchBox({ container: "#searchbox", placeholder: "Search the corpus", autofocus: true }),
  stats({ container: "#stats" }),
  refinementList({ container: "#sources", attribute: "source", sortBy: ["count:desc", "name:asc"] }),
  hits<CorpusHit>({
    container: "#hits",
    templates: {
      // Values go through the html template and the components as text: a title with markup in it shows the markup.
      item: (hit, { html, components }) => html`<article class="hit">
        <h2><a href="/read/${encodeURIComponent(hit.id)}">${components.Highlight({ attribute: "title", hit })}</a></h2>
        <p class="meta">${hit.source}${hit.date ? ` · ${hit.date}` : ""}</p>
        <p class="snippet">${components.Snippet({ attribute: "text", hit })}</p>
      </article>`,
      empty: (results, { html }) => html`<p class="empty">No documents match “${results.query}”.</p>`,
    },
  }),
  pagination({ container: "#pagination" }),
]);

search.start();

/** `?hitsPerPage=N` (1–100) sets the page size, so pagination can be tried on a small corpus; otherwise 10. */
function hitsPerPageOf(query: string): number {
  const value = Number(new URLSearchParams(query).get("hitsPerPage"));
  return Number.isInteger(value) && value >= 1 && value <= MAX_HITS_PER_PAGE ? value : DEFAULT_HITS_PER_PAGE;
}
