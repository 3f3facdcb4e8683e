/**
 * The OpenAPI 3.1 document, generated at build time from the zod schemas
 * that validate the requests (src/search/query.ts) and type the responses
 * (schemas.ts), so the reference cannot drift from what the Worker does.
 * Build-time only: the Worker serves the generated file as a static asset.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ERRORS, type ErrorCode } from "../errors";
import { LIMITS } from "../limits";
import { searchParametersSchema, suggestParametersSchema } from "../search/query";
import {
  compareResponseSchema,
  documentSchema,
  errorResponseSchema,
  healthResponseSchema,
  searchResponseSchema,
  sourcesResponseSchema,
  suggestResponseSchema,
} from "./schemas";

type Responses = Parameters<OpenAPIRegistry["registerPath"]>[0]["responses"];

const JSON_TYPE = "application/json";

/** A response of JSON in `schema`. */
function json(description: string, schema: z.ZodType) {
  return { description, content: { [JSON_TYPE]: { schema } } };
}

/** The error responses an endpoint can give, each status listing its codes. */
function errors(...codes: ErrorCode[]): Responses {
  const byStatus = new Map<number, ErrorCode[]>();
  // Every endpoint asks for the key when the deployment sets one (middleware/auth.ts).
  for (const code of [...codes, "missing_authorization_header", "invalid_api_key", "index_unavailable", "internal_error"] as ErrorCode[]) {
    const status = ERRORS[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Responses = {};
  for (const [status, list] of byStatus) {
    const examples = Object.fromEntries(
      list.map((code) => [code, { value: { error: { code, message: ERRORS[code].example } } }]),
    );
    responses[status] = {
      description: list.map((code) => `\`${code}\`: ${ERRORS[code].meaning}`).join("\n\n"),
      content: { [JSON_TYPE]: { schema: errorResponseSchema, examples } },
    };
  }
  return responses;
}

const NO_PARAMETERS = "Takes no query parameters; any is rejected with unknown_parameter.";

/** Builds the document; `version` is the package version. */
export function openApiDocument(version: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "Only when the deployment sets the Worker secret SEARCH_API_KEY; without it, no credentials are needed.",
  });
  registry.registerPath({
    method: "get",
    path: "/search",
    summary: "Search the corpus",
    description:
      "Ranked full-text search with marked snippets and facet counts (per source, and per value of each facet field). Query syntax: words (all must match, " +
      '`match=any` for any), "quoted phrases", `-excluded` words or phrases; the last word completes as you type ' +
      "(from 3 characters); typos are tolerated (1 from 5 characters, 2 from 9). Ranking: more words matched, then " +
      "fewer typo matches, then fewer completions, then more words in the title, then BM25+. Parameters other than " +
      "`source` may be given once. Each filterable field of the corpus (`tags` by default) is a parameter too, repeatable as `source` is " +
      "(`tags=solar&tags=wind`); other unknown parameters are rejected. Paging reaches the first " +
      `${LIMITS.resultWindow} results (offset + limit at most ${LIMITS.resultWindow}); out-of-range values are rejected, never clamped.`,
    request: { query: searchParametersSchema },
    responses: {
      200: json("Hits, the total, facets, and hints (relaxed, didYouMean)", searchResponseSchema),
      ...errors(
        "invalid_parameter",
        "unknown_parameter",
        "repeated_parameter",
        "query_too_long",
        "too_many_sources",
        "limit_out_of_range",
        "result_window_exceeded",
        "only_excluded_terms",
        "shard_unavailable",
      ),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/suggest",
    summary: "Complete a query as it is typed",
    description:
      "Completions of the last word among the documents the words before it find, shown as the corpus spells them; " +
      "typo corrections only when nothing completes it. Cheap enough for every keystroke.",
    request: { query: suggestParametersSchema },
    responses: {
      200: json("Suggestions, most documents first", suggestResponseSchema),
      ...errors("invalid_parameter", "unknown_parameter", "repeated_parameter", "query_too_long", "limit_out_of_range", "shard_unavailable"),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/documents/{id}",
    summary: "One document, with its full text and the documents it shares passages with",
    description:
      `Ids may contain "/" (encoded or not). related lists the documents sharing a passage of at least 11 words with this one (found at build time: see the README's "Shared passages"), ` +
      `with where each passage stands in both texts. ${NO_PARAMETERS}`,
    request: {
      params: z.object({
        id: z.string().meta({
          description: `The document's id, at most ${LIMITS.idLength} characters`,
          example: "004_dc6718f12059daa3",
        }),
      }),
    },
    responses: {
      200: json("The document", documentSchema),
      ...errors("invalid_parameter", "unknown_parameter", "document_not_found", "shard_unavailable"),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/documents/{id}/compare/{other}",
    summary: "Two documents side by side, with the passages they share",
    description:
      "Both texts whole, and the passages they share as offsets in each (spans: start/end in document.text, otherStart/otherEnd in other.text). " +
      `A path that is itself a document's id (a folder named "compare") is that document. ${NO_PARAMETERS}`,
    request: {
      params: z.object({
        id: z.string().meta({ description: "The first document's id", example: "000_7b4177b3914c6952" }),
        other: z.string().meta({ description: "The other document's id", example: "001_9b23b38645758bcd" }),
      }),
    },
    responses: {
      200: json("The two documents and what they share", compareResponseSchema),
      ...errors("invalid_parameter", "unknown_parameter", "document_not_found", "shard_unavailable"),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/sources",
    summary: "Every source with its document count",
    description: NO_PARAMETERS,
    responses: { 200: json("Sources, largest first", sourcesResponseSchema), ...errors("unknown_parameter") },
  });
  registry.registerPath({
    method: "get",
    path: "/health",
    summary: "The loaded index and the build it came from",
    description: `${NO_PARAMETERS} Never cached.`,
    responses: { 200: json("The index is loaded (and, for a corpus split into shards, every shard answered)", healthResponseSchema), ...errors("unknown_parameter", "shard_unavailable") },
  });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    // Either no credentials (no key set) or the bearer key.
    security: [{}, { apiKey: [] }],
    info: {
      title: "Corpus search",
      version,
      description:
        "A read-only search API over one corpus. Every endpoint answers GET and HEAD (the same headers, no body) and " +
        "CORS preflight OPTIONS from any origin, without credentials; any other method is a 405 `method_not_allowed` " +
        "with an `Allow` header. Successful answers carry `Cache-Control: public, max-age=300`, errors `no-store`. " +
        "Every non-2xx response of the API is `{ \"error\": { \"code\", \"message\" } }` with a code from the table " +
        "below; bad input is never a 500. (The search page at `/` and the reading view at `/read/{id}` are HTML pages " +
        "and answer their errors as HTML pages.)\n\n" +
        "A deployment may set an API key (the Worker secret `SEARCH_API_KEY`): every endpoint then asks for " +
        "`Authorization: Bearer <key>` (401 `missing_authorization_header` without it, 403 `invalid_api_key` with another), " +
        "and the search page is not served. Without the secret the API is public.\n\n" +
        "The same Worker also speaks the part of Meilisearch's search API that its clients and InstantSearch use " +
        "(`POST /indexes/{uid}/search`, `POST /multi-search`, `POST /indexes/{uid}/facet-search`, …), in Meilisearch's " +
        "shapes and with its error codes; see the README and https://www.meilisearch.com/docs/reference/api/search.\n\n" +
        "| code | status | meaning |\n|---|---|---|\n" +
        Object.entries(ERRORS)
          .map(([code, { status, meaning }]) => `| \`${code}\` | ${status} | ${meaning} |`)
          .join("\n"),
    },
  });
}
