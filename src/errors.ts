/**
 * The API's error contract: every non-2xx response is
 * `{ "error": { "code", "message" } }` with a code from this table.
 */
export const ERROR_STATUS = {
  /** A parameter value is malformed or out of range. */
  invalid_parameter: 400,
  /** A parameter the endpoint does not take (often a typo such as `sources`). */
  unknown_parameter: 400,
  /** A single-valued parameter was given more than once. */
  repeated_parameter: 400,
  /** `q` is longer than the limit. */
  query_too_long: 400,
  /** `q` has more words to look up than the limit. */
  too_many_terms: 400,
  /** `q` only excludes (`-korea`): there is nothing to search for. */
  only_excluded_terms: 400,
  /** No document has the requested id. */
  document_not_found: 404,
  /** No route has this path. */
  not_found: 404,
  /** The API is read-only: GET, HEAD and OPTIONS only. */
  method_not_allowed: 405,
  /** The search artifact is missing, corrupt or from another version. */
  index_unavailable: 503,
  /** A bug: reported without details. */
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

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

  get status(): (typeof ERROR_STATUS)[ErrorCode] {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}
