/**
 * The search page at / and the reading view at /read/:id: HTML rendered on
 * the server from the same search code as the API.
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { byCountThenName } from "../search/facets";
import type { SearchIndex } from "../search/load";
import { parseSearchRequest, type SearchRequest } from "../search/query";
import { markDocument } from "../search/search";
import { searchIndexOf } from "../search-index";
import { documentPage, messagePage } from "../page/document-page";
import { searchPage } from "../page/search-page";
import { PAGE_SECURITY_POLICY } from "../middleware/headers";
import { searchResponse } from "./search";

// The page's own parameters; anything else in its URL (a tracking tag, say)
// is ignored rather than refused, as a page should.
const PAGE_PARAMETERS = new Set(["q", "match", "source", "from", "to", "sort", "limit", "offset"]);

export const pageRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    c.header("Content-Security-Policy", PAGE_SECURITY_POLICY);
    const params = pageParameters(c);
    const index = await indexOrNull(c);
    const base = { params, sources: sourceNames(index), hasDates: index !== null && hasDates(index), result: null, error: null };
    let request: SearchRequest;
    try {
      request = parseSearchRequest(params);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return c.html(searchPage({ ...base, error: error.message, offset: 0, limit: 10 }), 400);
    }
    if (!index) return c.html(searchPage({ ...base, error: UNAVAILABLE, offset: 0, limit: 10 }), 503);
    const result = searchResponse(index, request);
    return c.html(searchPage({ ...base, result, offset: request.offset, limit: request.limit }));
  })
  .get("/read/:id{.+}", async (c) => {
    c.header("Content-Security-Policy", PAGE_SECURITY_POLICY);
    const params = pageParameters(c);
    const index = await indexOrNull(c);
    if (!index) return c.html(messagePage("Search is unavailable", UNAVAILABLE), 503);
    const position = index.positionOf(c.req.param("id"));
    if (position === undefined) {
      return c.html(messagePage("No such document", `No document has the id “${c.req.param("id")}”.`), 404);
    }
    let marked: string;
    try {
      marked = markDocument(index, parseSearchRequest(params), position);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // A query that cannot run still leaves a document to read.
      marked = markDocument(index, parseSearchRequest(new URLSearchParams()), position);
    }
    return c.html(documentPage(index.documents[position]!, marked, params));
  });

const UNAVAILABLE = "the search index is not available right now; if you run this service, rebuild it with `npm run build:index`.";

/** The URL's page parameters; empty fields of the plain HTML form mean "not set". */
function pageParameters(c: Context<AppEnv>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of new URL(c.req.url).searchParams) {
    if (PAGE_PARAMETERS.has(name) && (value !== "" || name === "q")) params.append(name, value);
  }
  return params;
}

async function indexOrNull(c: Context<AppEnv>): Promise<SearchIndex | null> {
  try {
    return await searchIndexOf(c.env.ASSETS);
  } catch (error) {
    if (error instanceof ApiError) return null;
    throw error;
  }
}

function sourceNames(index: SearchIndex | null): string[] {
  return index ? Object.entries(index.meta.sources).sort(byCountThenName).map(([name]) => name) : [];
}

const datedIndexes = new WeakMap<SearchIndex, boolean>();

function hasDates(index: SearchIndex): boolean {
  let dated = datedIndexes.get(index);
  if (dated === undefined) datedIndexes.set(index, (dated = index.documents.some((document) => document.date !== null)));
  return dated;
}
