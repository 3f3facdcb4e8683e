/**
 * Meilisearch's facet search: the values of one facet among the documents
 * a search matches, whose words begin with what the user typed in a facet's
 * search box ("reu" finds "Reuters"). The body carries every parameter of
 * the search beside it (instant-meilisearch sends them all), so unknown
 * fields are ignored here.
 * See https://www.meilisearch.com/docs/reference/api/facet_search
 */
import { LIMITS } from "../limits";
import { byCountThenName } from "../search/facets";
import { facetNames } from "../search/filters";
import { MeilisearchError } from "./errors";
import { parseMeilisearchSearch, type MeilisearchSearch, type SearchableCorpus } from "./request";

/** The parameters of the search the facet's values are counted over; the rest of a facet-search body is not a search's. */
const SEARCH_PART = ["q", "filter", "matchingStrategy", "attributesToSearchOn"];

export interface FacetSearch {
  facetName: string;
  /** null when not given: every value. */
  facetQuery: string | null;
  search: MeilisearchSearch;
}

export function parseFacetSearch(body: unknown, corpus: SearchableCorpus): FacetSearch {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new MeilisearchError("bad_request", "Invalid value type: expected an object");
  const fields = body as Record<string, unknown>;
  const { facetName, facetQuery } = fields;
  const facets = corpus && facetNames(corpus);
  if (typeof facetName !== "string" || (facets !== null && !facets.includes(facetName))) {
    throw new MeilisearchError(
      "invalid_facet_search_facet_name",
      `Attribute \`${String(facetName)}\` is not facet-searchable. Available facet-searchable attributes are: ${(facets ?? []).map((facet) => `\`${facet}\``).join(", ")}.`,
    );
  }
  if (facetQuery !== undefined && facetQuery !== null && typeof facetQuery !== "string") {
    throw new MeilisearchError("invalid_facet_search_facet_query", "Invalid value type at `.facetQuery`: expected a string");
  }
  const searchPart = Object.fromEntries(SEARCH_PART.filter((name) => name in fields).map((name) => [name, fields[name]]));
  return { facetName, facetQuery: facetQuery ?? null, search: parseMeilisearchSearch(searchPart, corpus) };
}

/** A facet's counted values whose words begin with the query (case and accents aside), most documents first, at most LIMITS.facetValues. */
export function facetHits(counts: Readonly<Record<string, number>>, facetQuery: string | null): { value: string; count: number }[] {
  const wanted = facetQuery === null ? "" : folded(facetQuery.trim());
  return Object.entries(counts)
    .filter(([value]) => wanted === "" || folded(value).startsWith(wanted) || folded(value).split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(wanted)))
    .sort(byCountThenName)
    .slice(0, LIMITS.facetValues)
    .map(([value, count]) => ({ value, count }));
}

function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}
