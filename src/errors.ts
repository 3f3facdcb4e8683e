import { LIMITS } from "./limits";

/**
 * The API's error contract: every non-2xx response of the API is
 * `{ "error": { "code", "message" } }` with a code from this table. Each
 * code has its HTTP status, what it means, and a message it comes with
 * (shown in the API reference).
 */
export const ERRORS = {
  invalid_parameter: {
    status: 400,
    meaning: "A parameter value is malformed (not a number, not a date, not one of the choices, empty); values are rejected, never clamped.",
    example: "limit must be an integer from 1 to 100",
  },
  unknown_parameter: { status: 400, meaning: "A parameter the endpoint does not take (often a typo such as `sources`), named in the message.", example: "unknown parameter: sources" },
  repeated_parameter: { status: 400, meaning: "A single-valued parameter was given more than once.", example: "q may be given only once" },
  query_too_long: {
    status: 400,
    meaning: `\`q\` is longer than ${LIMITS.queryBytes} bytes in UTF-8, after trimming (an emoji is 4 bytes, a Chinese character 3).`,
    example: `q is 300 bytes in UTF-8; at most ${LIMITS.queryBytes} are allowed`,
  },
  too_many_sources: {
    status: 400,
    meaning: `More than ${LIMITS.sources} different \`source\` values.`,
    example: `source has 11 different values; at most ${LIMITS.sources} are allowed`,
  },
  limit_out_of_range: {
    status: 400,
    meaning: `\`limit\` is an integer outside its range: 1 to ${LIMITS.limit} on /search, 1 to ${LIMITS.suggestions} on /suggest.`,
    example: `limit must be from 1 to ${LIMITS.limit}; got 500`,
  },
  result_window_exceeded: {
    status: 400,
    meaning: `\`offset + limit\` is over ${LIMITS.resultWindow}: results past the first ${LIMITS.resultWindow} cannot be paged to; narrow the query instead.`,
    example: `offset + limit must be at most ${LIMITS.resultWindow}; got 995 + 10 = 1005`,
  },
  only_excluded_terms: { status: 400, meaning: "`q` only excludes words (`-korea`): there is nothing to search for.", example: "q only excludes words (-word); add a word or phrase to search for" },
  missing_authorization_header: {
    status: 401,
    meaning: "The deployment has an API key (SEARCH_API_KEY) and the request has no `Authorization: Bearer <key>` header.",
    example: "The Authorization header is missing. It must use the bearer authorization method: `Authorization: Bearer <key>`.",
  },
  invalid_api_key: { status: 403, meaning: "The request's bearer key is not the deployment's key.", example: "The provided API key is invalid." },
  document_not_found: { status: 404, meaning: "No document has the requested id.", example: "no document has the id \"nope\"" },
  not_found: { status: 404, meaning: "No route has this path.", example: "no route for GET /nope" },
  method_not_allowed: {
    status: 405,
    meaning: "The API is read-only: GET, HEAD and OPTIONS only, and POST on the Meilisearch search routes (the response has an `Allow` header).",
    example: "DELETE is not allowed: this API is read-only (GET, HEAD, OPTIONS)",
  },
  index_unavailable: { status: 503, meaning: "The search artifact is missing, corrupt or from another version; the message says how to rebuild it.", example: "the search index has not been built; run `npm run build:index` and redeploy" },
  shard_unavailable: {
    status: 503,
    meaning:
      "The corpus is split into shards and one did not answer in time, failed, or serves another build than the router expects (a deploy under way); the message names it. `/search` with `partial=true` answers from the other shards instead, saying which are missing.",
    example: "shard 2 is unavailable: no answer within 5000 ms",
  },
  internal_error: { status: 500, meaning: "A bug, reported without details.", example: "an unexpected error occurred" },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** An error the API reports to the client as is. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  get status(): (typeof ERRORS)[ErrorCode]["status"] {
    return ERRORS[this.code].status;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}
