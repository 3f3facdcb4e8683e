/**
 * The search page at / and the reading view at /read/:id: HTML rendered on
 * the server from the same search code as the API.
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { LIMITS } from "../limits";
import { codePointLength } from "../strings";
import { byCountThenName } from "../search/facets";
import { parseSearchRequest, type SearchRequest } from "../search/query";
import { servedCorpusOf, type ServedCorpus } from "../served-corpus";
import { comparePage } from "../page/compare-page";
import { documentPage, messagePage } from "../page/document-page";
import { comparison } from "../search/document";
import { PART_PARAMETER, partOfMatch, readingParts } from "../page/reading";
import { searchPage } from "../page/search-page";
import { pageMessage } from "../page/messages";
import { PAGE_SECURITY_POLICY } from "../middleware/headers";
import { filterableFields } from "../search/filters";
import { searchResponse } from "./search";

// The page's own parameters; anything else in its URL (a tracking tag, say)
// is ignored rather than refused, as a page should.
const PAGE_PARAMETERS = new Set(["q", "match", "source", "from", "to", "sort", "limit", "offset", "collapse"]);

export const pageRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    c.header("Content-Security-Policy", PAGE_SECURITY_POLICY);
    const index = await corpusOrNull(c);
    const fields = index ? filterableFields(index) : [];
    const params = pageParameters(c, fields);
    const facets = index ? index.fields.filter((field) => field.facet).map((field) => field.name) : [];
    const base = { params, sources: sourceNames(index), facets, years: index && index.years, copies: (index?.copies ?? 0) > 0, result: null, error: null };
    let request: SearchRequest;
    try {
      request = parseSearchRequest(params, fields);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return c.html(searchPage({ ...base, error: pageMessage(error), offset: 0, limit: LIMITS.defaultLimit }), 400);
    }
    if (!index) return c.html(searchPage({ ...base, error: UNAVAILABLE, offset: 0, limit: LIMITS.defaultLimit }), 503);
    const result = await searchResponse(index, request);
    const unsearchable = request.q !== "" && request.query.clauses.length === 0;
    return c.html(searchPage({ ...base, result, offset: request.offset, limit: request.limit, unsearchable }));
  })
  // A reading view needs a document: without an id, back to the search.
  .get("/read", (c) => c.redirect("/"))
  .get("/read/:id{.+}", async (c) => {
    c.header("Content-Security-Policy", PAGE_SECURITY_POLICY);
    const corpus = await corpusOrNull(c);
    if (!corpus) return c.html(messagePage("Search is unavailable", UNAVAILABLE), 503);
    const params = pageParameters(c, filterableFields(corpus));
    const id = c.req.param("id");
    let request: SearchRequest;
    try {
      request = parseSearchRequest(params, filterableFields(corpus));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // A query that cannot run still leaves a document to read.
      request = parseSearchRequest(new URLSearchParams());
    }
    const reading = codePointLength(id) <= LIMITS.idLength ? await corpus.reading(id, request) : undefined;
    if (!reading) {
      return c.html(messagePage("No such document", `No document has the id “${shortId(id)}”.`), 404);
    }
    const text = readingParts(reading.marked);
    // Without a part named, the reader starts where the first match is.
    const partParameter = c.req.query(PART_PARAMETER);
    const part = partParameter === undefined || partParameter === "" ? partOfMatch(text, 1) : Number(partParameter);
    if (!Number.isInteger(part) || part < 1 || part > text.parts.length) {
      const parts = text.parts.length === 1 ? "is one part" : `has parts 1 to ${text.parts.length}`;
      return c.html(messagePage("No such part", `This document ${parts}; “part=${String(partParameter).slice(0, 20)}” is not one of them.`), 400);
    }
    return c.html(documentPage(reading.record, text, part, params));
  })
  // Two documents side by side: /compare?a=<id>&b=<id>, with the search they were found by.
  .get("/compare", async (c) => {
    c.header("Content-Security-Policy", PAGE_SECURITY_POLICY);
    const [a, b] = [c.req.query("a") ?? "", c.req.query("b") ?? ""];
    if (a === "" || b === "") return c.html(messagePage("Nothing to compare", "Comparing takes two documents: a link from a result’s “Also in” gives them."), 400);
    const corpus = await corpusOrNull(c);
    if (!corpus) return c.html(messagePage("Search is unavailable", UNAVAILABLE), 503);
    const params = pageParameters(c, filterableFields(corpus));
    const [document, other] = await Promise.all([a, b].map((id) => (codePointLength(id) <= LIMITS.idLength ? corpus.document(id) : undefined)));
    const missing = !document ? a : !other ? b : null;
    if (missing !== null) return c.html(messagePage("No such document", `No document has the id “${shortId(missing)}”.`), 404);
    return c.html(comparePage(document!, other!, comparison(document!, other!), params));
  });

/** An id as a message shows it: cut where a made-up one would fill the page. */
function shortId(id: string): string {
  return codePointLength(id) > 80 ? `${[...id].slice(0, 80).join("")}…` : id;
}

const UNAVAILABLE = "the search index is not available right now; if you run this service, rebuild it with `npm run build:index`.";

/** The URL's page parameters (and filters on these fields); empty fields of the plain HTML form mean "not set". */
function pageParameters(c: Context<AppEnv>, fields: readonly string[]): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of new URL(c.req.url).searchParams) {
    if ((PAGE_PARAMETERS.has(name) || fields.includes(name)) && (value !== "" || name === "q")) params.append(name, value);
  }
  return params;
}

async function corpusOrNull(c: Context<AppEnv>): Promise<ServedCorpus | null> {
  try {
    return await servedCorpusOf(c.env);
  } catch (error) {
    if (error instanceof ApiError) return null;
    throw error;
  }
}

function sourceNames(index: ServedCorpus | null): string[] {
  return index ? Object.entries(index.meta.sources).sort(byCountThenName).map(([name]) => name) : [];
}
