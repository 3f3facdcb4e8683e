import type { ApiError } from "../errors";

/**
 * Meilisearch's error contract, on the Meilisearch routes only (our own
 * routes keep errors.ts): `{message, code, type, link}`, with its codes and
 * their statuses, so its clients raise their usual MeilisearchApiError.
 * See https://www.meilisearch.com/docs/reference/errors/error_codes
 */

export const MEILISEARCH_ERRORS = {
  bad_request: { status: 400, type: "invalid_request" },
  invalid_search_q: { status: 400, type: "invalid_request" },
  invalid_search_filter: { status: 400, type: "invalid_request" },
  invalid_search_facets: { status: 400, type: "invalid_request" },
  invalid_search_sort: { status: 400, type: "invalid_request" },
  invalid_search_limit: { status: 400, type: "invalid_request" },
  invalid_search_offset: { status: 400, type: "invalid_request" },
  invalid_search_page: { status: 400, type: "invalid_request" },
  invalid_search_hits_per_page: { status: 400, type: "invalid_request" },
  invalid_search_attributes_to_retrieve: { status: 400, type: "invalid_request" },
  invalid_search_attributes_to_highlight: { status: 400, type: "invalid_request" },
  invalid_search_attributes_to_crop: { status: 400, type: "invalid_request" },
  invalid_search_crop_length: { status: 400, type: "invalid_request" },
  invalid_search_crop_marker: { status: 400, type: "invalid_request" },
  invalid_search_highlight_pre_tag: { status: 400, type: "invalid_request" },
  invalid_search_highlight_post_tag: { status: 400, type: "invalid_request" },
  invalid_search_matching_strategy: { status: 400, type: "invalid_request" },
  invalid_search_attributes_to_search_on: { status: 400, type: "invalid_request" },
  invalid_search_show_ranking_score: { status: 400, type: "invalid_request" },
  invalid_search_show_matches_position: { status: 400, type: "invalid_request" },
  invalid_facet_search_facet_name: { status: 400, type: "invalid_request" },
  invalid_facet_search_facet_query: { status: 400, type: "invalid_request" },
  invalid_multi_search_queries: { status: 400, type: "invalid_request" },
  invalid_content_type: { status: 415, type: "invalid_request" },
  malformed_payload: { status: 400, type: "invalid_request" },
  missing_payload: { status: 400, type: "invalid_request" },
  payload_too_large: { status: 413, type: "invalid_request" },
  missing_authorization_header: { status: 401, type: "auth" },
  invalid_api_key: { status: 403, type: "auth" },
  index_not_found: { status: 404, type: "invalid_request" },
  not_found: { status: 404, type: "invalid_request" },
  method_not_allowed: { status: 405, type: "invalid_request" },
  // Not Meilisearch's own codes: an index built ahead of time, or split into shards, can be unavailable (errors.ts).
  index_unavailable: { status: 503, type: "system" },
  shard_unavailable: { status: 503, type: "system" },
  internal: { status: 500, type: "internal" },
} as const;

export type MeilisearchErrorCode = keyof typeof MEILISEARCH_ERRORS;

export interface MeilisearchErrorBody {
  message: string;
  code: MeilisearchErrorCode;
  type: (typeof MEILISEARCH_ERRORS)[MeilisearchErrorCode]["type"];
  link: string;
}

/** An error a Meilisearch route answers with, in Meilisearch's shape. */
export class MeilisearchError extends Error {
  override name = "MeilisearchError";

  constructor(
    readonly code: MeilisearchErrorCode,
    message: string,
  ) {
    super(message);
  }

  get status(): (typeof MEILISEARCH_ERRORS)[MeilisearchErrorCode]["status"] {
    return MEILISEARCH_ERRORS[this.code].status;
  }

  toBody(): MeilisearchErrorBody {
    return { message: this.message, code: this.code, type: MEILISEARCH_ERRORS[this.code].type, link: `https://docs.meilisearch.com/errors#${this.code}` };
  }
}

/** One of our errors on a Meilisearch route (the index unavailable, a method, a key): Meilisearch's code for it. */
export function asMeilisearchError({ code, message }: ApiError): MeilisearchError {
  switch (code) {
    case "index_unavailable":
    case "shard_unavailable":
    case "method_not_allowed":
    case "missing_authorization_header":
    case "invalid_api_key":
    case "not_found":
      return new MeilisearchError(code, message);
    case "internal_error":
      return new MeilisearchError("internal", message);
    default:
      return new MeilisearchError("bad_request", message);
  }
}
