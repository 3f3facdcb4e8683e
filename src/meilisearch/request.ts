/**
 * A Meilisearch search body (or a GET search's query string) → our
 * validated SearchRequest plus what the answer must echo. Each parameter is
 * checked as Meilisearch checks it, with its error code; what Meilisearch
 * documents for a read-only index is taken, and what only a writable or
 * vector index has is refused by name rather than ignored.
 * See https://www.meilisearch.com/docs/reference/api/search#search-parameters
 */
import { LIMITS } from "../limits";
import { withinWordLimit, type SearchRequest, type SortOrder } from "../search/query";
import type { ParsedQuery } from "../search/syntax";
import type { FieldInfo } from "../search/artifact";
import { checkExpression, filterableAttributes } from "../search/expression";
import { facetNames } from "../search/filters";
import type { HitFormat } from "../search/format";
import { FilterSyntaxError, parseFilter } from "./filter";
import { MeilisearchError, type MeilisearchErrorCode } from "./errors";

/** Meilisearch's defaults. */
export const MEILISEARCH_DEFAULTS = { limit: 20, hitsPerPage: 20, cropLength: 10, cropMarker: "…", preTag: "<em>", postTag: "</em>" } as const;

/** How the answer pages: by offset (estimatedTotalHits) or by page number (totalHits, totalPages). */
export type Paging = { mode: "offset"; limit: number; offset: number } | { mode: "page"; hitsPerPage: number; page: number };

/** A Meilisearch search, validated. */
export interface MeilisearchSearch {
  /** The query as the answer echoes it. */
  query: string;
  request: SearchRequest;
  paging: Paging;
  /** Facets to count (null: the request asked for none, and the answer has no facetDistribution). */
  facets: string[] | null;
  /** matchingStrategy "all": no partial matches when nothing matches every word. */
  strict: boolean;
  showRankingScore: boolean;
}

/** Search parameters taken. */
const TAKEN = new Set([
  "q",
  "offset",
  "limit",
  "page",
  "hitsPerPage",
  "filter",
  "facets",
  "sort",
  "attributesToRetrieve",
  "attributesToHighlight",
  "highlightPreTag",
  "highlightPostTag",
  "attributesToCrop",
  "cropLength",
  "cropMarker",
  "matchingStrategy",
  "attributesToSearchOn",
  "showRankingScore",
  "showMatchesPosition",
  // Accepted and without effect: details and languages change no hit here.
  "showRankingScoreDetails",
  "locales",
  "retrieveVectors",
]);

/** What a Meilisearch index with embedders, distinct attributes or score thresholds takes, and this one does not. */
const REFUSED = new Set(["vector", "hybrid", "distinct", "rankingScoreThreshold", "federationOptions", "media"]);

/**
 * The corpus's side of a request: what may be filtered, faceted and
 * searched on; null when the index is unavailable, and only what does not
 * depend on the corpus can be checked (a 503 then says the rest).
 */
export type SearchableCorpus = { readonly fields: readonly FieldInfo[] } | null;

/** Validates a search body. `extra` names fields the caller handles itself (multi-search's indexUid). */
export function parseMeilisearchSearch(body: unknown, corpus: SearchableCorpus, { extra = [] }: { extra?: readonly string[] } = {}): MeilisearchSearch {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new MeilisearchError("bad_request", `Invalid value type: expected an object, but found ${describe(body)}`);
  }
  const fields = body as Record<string, unknown>;
  for (const name of Object.keys(fields)) {
    if (REFUSED.has(name) && fields[name] !== null && fields[name] !== undefined) {
      throw new MeilisearchError("bad_request", `\`${name}\` is not supported: this index is built ahead of time for full-text search, without embedders, distinct attributes or ranking score thresholds.`);
    }
    if (!TAKEN.has(name) && !REFUSED.has(name) && !extra.includes(name)) {
      throw new MeilisearchError("bad_request", `Unknown field \`${name}\`: expected one of ${[...TAKEN].map((known) => `\`${known}\``).join(", ")}`);
    }
  }
  const q = optional(fields.q, "q", "invalid_search_q", (value) => (typeof value === "string" ? value : undefined), "a string") ?? "";
  const { text, query } = queryWithinLimits(q);

  const limit = integer(fields.limit, "limit", "invalid_search_limit");
  const offset = integer(fields.offset, "offset", "invalid_search_offset");
  const page = integer(fields.page, "page", "invalid_search_page");
  const hitsPerPage = integer(fields.hitsPerPage, "hitsPerPage", "invalid_search_hits_per_page");
  // Either number sets page mode, as Meilisearch's finite pagination does.
  const paging: Paging =
    page !== undefined || hitsPerPage !== undefined
      ? { mode: "page", hitsPerPage: hitsPerPage ?? MEILISEARCH_DEFAULTS.hitsPerPage, page: page ?? 1 }
      : { mode: "offset", limit: limit ?? MEILISEARCH_DEFAULTS.limit, offset: offset ?? 0 };
  const window = paging.mode === "page" ? { from: paging.page === 0 ? 0 : (paging.page - 1) * paging.hitsPerPage, size: paging.page === 0 ? 0 : paging.hitsPerPage } : { from: paging.offset, size: paging.limit };
  // Meilisearch's maxTotalHits (1000 by default) is our result window: hits past it are never returned, and asking for them is not an error.
  const reachable = Math.max(0, Math.min(window.size, LIMITS.resultWindow - window.from));
  const first = reachable === 0 ? 0 : window.from;

  const filter = filterOf(fields.filter, corpus);
  const facets = facetsOf(fields.facets, corpus);
  const sort = sortOf(fields.sort);
  const strategy = optional(fields.matchingStrategy, "matchingStrategy", "invalid_search_matching_strategy", (value) =>
    value === "last" || value === "all" || value === "frequency" ? value : undefined, "one of `last`, `all`, `frequency`");
  const searchOn = stringList(fields.attributesToSearchOn, "attributesToSearchOn", "invalid_search_attributes_to_search_on");
  // Every searchable attribute named is the same as "*"; fewer cannot be searched alone (see the README).
  const searchable = corpus && ["title", "text", ...corpus.fields.filter((field) => field.searchable).map((field) => field.name)];
  if (searchable && searchOn !== null && !searchOn.includes("*") && !searchable.every((name) => searchOn.includes(name))) {
    throw new MeilisearchError(
      "invalid_search_attributes_to_search_on",
      `attributesToSearchOn: only every searchable attribute (\`["*"]\`, or ${searchable.map((name) => `\`${name}\``).join(", ")}) can be searched: ` +
        "the index holds a word's postings per document, not per attribute, for the metadata fields, and cannot search one attribute alone.",
    );
  }
  const format: HitFormat = {
    retrieve: stringList(fields.attributesToRetrieve, "attributesToRetrieve", "invalid_search_attributes_to_retrieve"),
    highlight: stringList(fields.attributesToHighlight, "attributesToHighlight", "invalid_search_attributes_to_highlight") ?? [],
    crop: cropOf(fields.attributesToCrop, fields.cropLength),
    preTag: tag(fields.highlightPreTag, "highlightPreTag", "invalid_search_highlight_pre_tag") ?? MEILISEARCH_DEFAULTS.preTag,
    postTag: tag(fields.highlightPostTag, "highlightPostTag", "invalid_search_highlight_post_tag") ?? MEILISEARCH_DEFAULTS.postTag,
    cropMarker: tag(fields.cropMarker, "cropMarker", "invalid_search_crop_marker") ?? MEILISEARCH_DEFAULTS.cropMarker,
    matchesPosition: boolean(fields.showMatchesPosition, "showMatchesPosition", "invalid_search_show_matches_position") ?? false,
  };
  const request: SearchRequest = {
    q: text,
    query,
    // last and frequency both fall back to the documents matching the most words when none match all (find.ts); all does not.
    match: "all",
    sources: [],
    filters: [],
    dates: { from: null, to: null },
    sort,
    limit: reachable,
    offset: first,
    partial: false,
    collapse: "none",
    filter,
    format,
  };
  return {
    query: q,
    request,
    paging,
    facets,
    strict: strategy === "all",
    showRankingScore: boolean(fields.showRankingScore, "showRankingScore", "invalid_search_show_ranking_score") ?? false,
  };
}

/**
 * The query as searched: Meilisearch reads the first 10 words and ignores
 * the rest rather than failing, so words past our limits (of words, and of
 * bytes) are dropped from the end; a query of excluded words only is every
 * document but theirs, as Meilisearch answers it.
 */
function queryWithinLimits(q: string): { text: string; query: ParsedQuery } {
  let text = q.trim();
  // No accepted query is longer in characters than in bytes.
  if (text.length > LIMITS.queryBytes) text = text.slice(0, /[\udc00-\udfff]/.test(text[LIMITS.queryBytes]!) ? LIMITS.queryBytes - 1 : LIMITS.queryBytes);
  while (UTF8.encode(text).length > LIMITS.queryBytes) text = text.replace(/\s*\S+\s*$/u, "") || text.slice(0, -1);
  const { q: searched, query } = withinWordLimit(text);
  return { text: searched, query };
}

const UTF8 = new TextEncoder();

function filterOf(value: unknown, corpus: SearchableCorpus) {
  try {
    const expression = parseFilter(value);
    if (expression && corpus) {
      checkExpression(expression, corpus.fields, (message) => new MeilisearchError("invalid_search_filter", message));
    }
    return expression;
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw new MeilisearchError("invalid_search_filter", error.message);
    throw error;
  }
}

function facetsOf(value: unknown, corpus: SearchableCorpus): string[] | null {
  const names = stringList(value, "facets", "invalid_search_facets");
  if (names === null || corpus === null) return names;
  const facets = facetNames(corpus);
  if (names.includes("*")) return facets;
  for (const name of names) {
    if (!facets.includes(name)) {
      const filterable = filterableAttributes(corpus.fields).includes(name);
      throw new MeilisearchError(
        "invalid_search_facets",
        `Invalid facet requested: Attribute \`${name}\` is not ${filterable ? "counted per value (it is filterable, not a facet)" : "filterable"}. Available facets are: ${facets.map((facet) => `\`${facet}\``).join(", ")}.`,
      );
    }
  }
  return [...new Set(names)];
}

function sortOf(value: unknown): SortOrder {
  const criteria = stringList(value, "sort", "invalid_search_sort");
  if (criteria === null || criteria.length === 0) return "relevance";
  if (criteria.length === 1 && (criteria[0] === "date:asc" || criteria[0] === "date:desc")) return criteria[0] === "date:asc" ? "date" : "-date";
  const wrong = criteria.find((criterion) => criterion !== "date:asc" && criterion !== "date:desc") ?? criteria[1]!;
  throw new MeilisearchError(
    "invalid_search_sort",
    `Attribute \`${wrong.split(":")[0]}\` is not sortable, or sorts twice. Available sortable attributes are: \`date\` (\`date:asc\` or \`date:desc\`, one criterion; relevance breaks ties).`,
  );
}

/** `attributesToCrop`: names, each optionally `name:words`; cropLength is the default number of words. */
function cropOf(attributes: unknown, cropLength: unknown): HitFormat["crop"] {
  const names = stringList(attributes, "attributesToCrop", "invalid_search_attributes_to_crop") ?? [];
  const words = integer(cropLength, "cropLength", "invalid_search_crop_length") ?? MEILISEARCH_DEFAULTS.cropLength;
  return names.map((entry) => {
    const match = /^(.*):(\d+)$/.exec(entry);
    return match ? ([match[1]!, Number(match[2])] as const) : ([entry, words] as const);
  });
}

function optional<T>(value: unknown, name: string, code: MeilisearchErrorCode, read: (value: unknown) => T | undefined, expected: string): T | undefined {
  if (value === undefined || value === null) return undefined;
  const valid = read(value);
  if (valid === undefined) throw new MeilisearchError(code, `Invalid value type at \`.${name}\`: expected ${expected}, but found ${describe(value)}`);
  return valid;
}

function integer(value: unknown, name: string, code: MeilisearchErrorCode): number | undefined {
  return optional(value, name, code, (v) => (typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : undefined), "a positive integer");
}

function boolean(value: unknown, name: string, code: MeilisearchErrorCode): boolean | undefined {
  return optional(value, name, code, (v) => (typeof v === "boolean" ? v : undefined), "a boolean");
}

/**
 * A highlight tag or crop marker: any string up to MAX_TAG_LENGTH
 * characters, as each is written at every match of every hit.
 */
function tag(value: unknown, name: string, code: MeilisearchErrorCode): string | undefined {
  const written = optional(value, name, code, (v) => (typeof v === "string" ? v : undefined), "a string");
  if (written !== undefined && written.length > MAX_TAG_LENGTH) throw new MeilisearchError(code, `\`${name}\` is ${written.length} characters long; at most ${MAX_TAG_LENGTH} are allowed`);
  return written;
}

/** Longest highlight tag or crop marker: an HTML tag with a class or two is a few dozen characters. */
const MAX_TAG_LENGTH = 256;

/** A list of names; null when not given. */
function stringList(value: unknown, name: string, code: MeilisearchErrorCode): string[] | null {
  return optional(value, name, code, (v) => (Array.isArray(v) && v.every((item) => typeof item === "string") ? v : undefined), "an array of strings") ?? null;
}

function describe(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  const shown = json.length > 60 ? `${json.slice(0, 60)}…` : json;
  const kind = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`;
  return `${kind}: \`${shown}\``;
}

/**
 * A GET search's query string as the body a POST would send: the client
 * joins arrays with commas; numbers and booleans arrive as text.
 * See meilisearch-js's searchGet.
 */
export function searchBodyFromQuery(params: URLSearchParams): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const lists = new Set(["facets", "sort", "attributesToRetrieve", "attributesToHighlight", "attributesToCrop", "attributesToSearchOn", "locales"]);
  const numbers = new Set(["offset", "limit", "page", "hitsPerPage", "cropLength"]);
  const booleans = new Set(["showRankingScore", "showMatchesPosition", "showRankingScoreDetails", "retrieveVectors"]);
  for (const [name, value] of params) {
    if (name in body) throw new MeilisearchError("bad_request", `\`${name}\` may be given only once`);
    if (lists.has(name)) body[name] = value === "" ? [] : value.split(",");
    else if (numbers.has(name)) body[name] = /^\d+$/.test(value) ? Number(value) : value;
    else if (booleans.has(name)) body[name] = value === "true" ? true : value === "false" ? false : value;
    else body[name] = value;
  }
  return body;
}
