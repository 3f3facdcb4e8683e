/** Query string → a validated search request, or an ApiError naming the problem. */
import { z } from "zod";
import { codePointLength, compareStrings } from "../strings";
import { ApiError, type ErrorCode } from "../errors";
import { LIMITS } from "../limits";
import { canonicalDate, dateSpan, type DateSpan } from "./dates";
import { parseQuery, type ParsedQuery } from "./syntax";
import type { FilterExpression } from "./filter-expression";
import type { HitFormat } from "./format";

/** How results are ordered. */
export type SortOrder = "relevance" | "date" | "-date";

/** What /search was asked, after validation. */
export interface SearchRequest {
  /** The query text, trimmed, its words within the limit; empty means browse every document. */
  q: string;
  /** Words typed past LIMITS.queryTerms, left out of `q` (withinWordLimit); absent: none. */
  ignoredWords?: string[];
  /** `q` parsed into clauses. */
  query: ParsedQuery;
  /** "all": every clause must match (falling back to partial matches); "any": one is enough. */
  match: "all" | "any";
  /** Keep only documents from any of these sources; empty keeps all. */
  sources: string[];
  /** Per filterable field (by name, in code-unit order): keep documents with any of these values. */
  filters: [field: string, values: string[]][];
  /** Keep only documents dated within this span; undated ones are dropped when set. */
  dates: { from: DateSpan | null; to: DateSpan | null };
  sort: SortOrder;
  limit: number;
  offset: number;
  /**
   * A sharded corpus may answer without shards that failed, saying which
   * (partial: true), rather than 503 shard_unavailable.
   */
  partial: boolean;
  /** "copies": near-copies fold into the best-ranked of them (search.ts); "none": every document is a hit. */
  collapse: "none" | "copies";
  /** A Meilisearch filter expression, checked (search/expression.ts) and applied on top of the filters above; absent on /search. */
  filter?: FilterExpression | null;
  /** Most values counted per facet; LIMITS.facetValues when absent (a facet search reads every value). */
  facetValues?: number;
  /** How each hit's attributes are returned to a Meilisearch client; absent on /search. */
  format?: HitFormat;
}

/** Adds an issue that carries the error code the API answers with. */
function reject(context: z.RefinementCtx, code: ErrorCode, message: string): never {
  context.addIssue({ code: "custom", message, params: { code } });
  return z.NEVER;
}

const INTEGER = /^\d+$/;

/** `limit`: an integer (else invalid_parameter); one outside 1..max breaks a limit of its own. */
function limitParameter(max: number, defaultValue: number, description: string) {
  return (
    z
      .string()
      .transform((value, context) => {
        if (!INTEGER.test(value)) return reject(context, "invalid_parameter", `limit must be an integer from 1 to ${max}`);
        const limit = Number(value);
        return limit >= 1 && limit <= max ? limit : reject(context, "limit_out_of_range", `limit must be from 1 to ${max}; got ${limit}`);
      })
      .default(defaultValue)
      // Described as the integer it is read as, not the string it arrives as.
      .meta({ description, type: "integer", minimum: 1, maximum: max, default: defaultValue })
  );
}

/** `offset`: any non-negative integer here; how deep it may go is the result window's rule. */
const offsetParameter = z
  .string()
  .transform((value, context) => (INTEGER.test(value) ? Number(value) : reject(context, "invalid_parameter", "offset must be a non-negative integer")))
  .default(0)
  .meta({
    description: `Hits to skip; offset + limit must be at most ${LIMITS.resultWindow}`,
    type: "integer",
    minimum: 0,
    maximum: LIMITS.resultWindow - 1,
    default: 0,
  });

function dateParameter(name: string, description: string, example: string) {
  return z
    .string()
    .transform((value, context) => {
      const date = canonicalDate(value.trim());
      if (date !== null) return dateSpan(date);
      context.addIssue({ code: "custom", message: `${name} must be an ISO 8601 date such as 2017, 2017-05 or 2017-05-02` });
      return z.NEVER;
    })
    .optional()
    .meta({ description, example });
}

const UTF8 = new TextEncoder();

/**
 * `q`, trimmed as `trim` says, within its budget of UTF-8 bytes: bytes, not
 * characters or UTF-16 units, so the limit means the same to every client
 * and bounds what the query costs to read.
 */
function queryText(trim: (q: string) => string) {
  return z.string().transform((value, context) => {
    const q = trim(value);
    const bytes = UTF8.encode(q).length;
    return bytes <= LIMITS.queryBytes ? q : reject(context, "query_too_long", `q is ${bytes} bytes in UTF-8; at most ${LIMITS.queryBytes} are allowed`);
  });
}

/** The /search query parameters, as given in the URL. */
export const searchParametersSchema = z
  .strictObject({
    q: queryText((q) => q.trim()).default("").meta({
      description:
        `The query, at most ${LIMITS.queryBytes} bytes in UTF-8 (after trimming); words past the ${LIMITS.queryTerms}th to look up are ignored (ignoredWords). ` +
        'Words must all match; "quoted phrases" must match side by side; -word excludes; the last word ' +
        "completes from 3 characters; typos are tolerated from 5. Empty: browse every document.",
      example: "safe zones",
      // JSON Schema counts characters; the rule counts bytes, and every accepted q meets both.
      maxLength: LIMITS.queryBytes,
      "x-maxBytes": LIMITS.queryBytes,
    }),
    match: z
      .enum(["all", "any"], { message: "match must be all or any" })
      .default("all")
      .meta({ description: "all: every word must match (else the best partial matches, with relaxed: true); any: one is enough" }),
    source: valuesParameter("source")
      .default([])
      .meta({
        description: `Keep documents from any of these sources; repeat the parameter for several (at most ${LIMITS.sources}, each 1 to ${LIMITS.sourceLength} characters)`,
        example: ["Reuters"],
        maxItems: LIMITS.sources,
        items: { type: "string", minLength: 1, maxLength: LIMITS.sourceLength },
      }),
    from: dateParameter("from", "Keep documents dated on or after this ISO 8601 date, at any precision (2017, 2017-05, 2017-05-02, a timestamp)", "2017-05"),
    to: dateParameter("to", "Keep documents dated on or before this ISO 8601 date, at any precision; inclusive", "2017-05-31"),
    sort: z
      .enum(["relevance", "date", "-date"], { message: "sort must be relevance, date or -date" })
      .default("relevance")
      .meta({ description: "relevance, date (oldest first) or -date (newest first); undated documents come last" }),
    limit: limitParameter(LIMITS.limit, LIMITS.defaultLimit, "Hits per page"),
    offset: offsetParameter,
    collapse: z
      .enum(["none", "copies"], { message: "collapse must be copies or none" })
      .default("none")
      .meta({
        description:
          "copies: near-copies (documents most of whose text is in another: versions of one story) fold into the best-ranked of them, which lists the others that matched as copies; " +
          "total counts the hits so folded and paging follows them, while facets still count every matching document. none (the default): every document is a hit.",
      }),
    partial: z
      .enum(["true", "false"], { message: "partial must be true or false" })
      .transform((value) => value === "true")
      .default(false)
      .meta({
        description:
          "For a corpus split into shards: true answers from the shards that answered when one fails or is late, with partial: true and missingShards naming the others; " +
          "false (the default) answers 503 shard_unavailable instead. Never a silently smaller answer.",
      }),
  })
  .refine(({ from, to }) => !from || !to || from.start <= to.end, {
    message: "from must not be later than to",
    path: ["from"],
  })
  // As Elasticsearch's max_result_window: no reader pages past the first thousand, and the window bounds what paging costs.
  .superRefine(({ offset, limit }, context) => {
    if (offset + limit > LIMITS.resultWindow) {
      reject(context, "result_window_exceeded", `offset + limit must be at most ${LIMITS.resultWindow}; got ${offset} + ${limit} = ${offset + limit}`);
    }
  });

/**
 * A repeatable filter's values: each 1 to sourceLength characters, at most
 * LIMITS.sources distinct ones (a value given twice counts once).
 */
function valuesParameter(name: string) {
  return z
    .array(
      z
        .string()
        .min(1, { message: `${name} must not be empty` })
        .refine((value) => codePointLength(value) <= LIMITS.sourceLength, {
          message: `${name} must be at most ${LIMITS.sourceLength} characters`,
        }),
    )
    .transform((values, context) => {
      const distinct = [...new Set(values)];
      if (distinct.length <= LIMITS.sources) return distinct;
      return reject(context, "too_many_sources", `${name} has ${distinct.length} different values; at most ${LIMITS.sources} are allowed`);
    });
}

/** /search's own parameter names: a field named like one cannot be a filter (the build refuses it). */
export const SEARCH_PARAMETERS: ReadonlySet<string> = new Set(Object.keys(searchParametersSchema.shape));

const REPEATABLE = new Set(["source"]);

/** Unknown parameters an error names before it only counts the rest. */
const NAMED_UNKNOWN = 5;

/** What /suggest was asked, after validation. */
export interface SuggestRequest {
  /** The query as typed so far, trimmed at the start only: a trailing space means the last word is done. */
  q: string;
  limit: number;
}

export const suggestParametersSchema = z.strictObject({
  q: queryText((q) => q.trimStart())
    .default("")
    .meta({
      description:
        `The query as typed so far, at most ${LIMITS.queryBytes} bytes in UTF-8; its last word is completed (from 3 characters). ` +
        "A trailing space means the word is finished.",
      example: "trump pres",
      maxLength: LIMITS.queryBytes,
      "x-maxBytes": LIMITS.queryBytes,
    }),
  limit: limitParameter(LIMITS.suggestions, LIMITS.defaultSuggestions, "Suggestions to return"),
});

/** Validates /suggest's query string; throws ApiError (400) on bad input. */
export function parseSuggestRequest(params: URLSearchParams): SuggestRequest {
  return parseParameters(suggestParametersSchema, params);
}

/**
 * Validates /search's query string; throws ApiError (400) on bad input.
 * `filterable` names the corpus's filterable fields, each then a parameter
 * of its own, repeatable as `source` is (`?tags=solar&tags=policy`).
 */
export function parseSearchRequest(params: URLSearchParams, filterable: readonly string[] = []): SearchRequest {
  const fields = filterable.filter((name) => !SEARCH_PARAMETERS.has(name) && params.has(name)).sort(compareStrings);
  if (fields.length > LIMITS.fieldFilters) {
    throw new ApiError("invalid_parameter", `filters on ${fields.length} fields; at most ${LIMITS.fieldFilters} are allowed in one request`);
  }
  const own = new URLSearchParams([...params].filter(([name]) => !fields.includes(name)));
  const { q, match, source, from, to, sort, limit, offset, partial, collapse } = parseParameters(searchParametersSchema, own);
  const filters = fields.map((name): [string, string[]] => {
    const values = valuesParameter(name).safeParse(params.getAll(name));
    if (!values.success) throw toApiError(values.error);
    return [name, values.data];
  });
  const { q: searched, query, ignoredWords } = withinWordLimit(q);
  checkQuery(query);
  return { q: searched, query, ignoredWords, match, sources: source, filters, dates: { from: from ?? null, to: to ?? null }, sort, limit, offset, partial, collapse };
}

/** Rejects any parameter on endpoints that take none. */
export function parseNoParameters(params: URLSearchParams): void {
  parseParameters(z.strictObject({}), params);
}

/** How many words a query looks up: stop words only inside phrases, where they are checked in the text, which costs. */
export function lookupCount(query: ParsedQuery): number {
  return query.clauses.reduce((count, clause) => count + (clause.phrase ? clause.words.length : clause.words.filter((word) => !word.stop).length), 0);
}

/** The rule a parsed query must follow: something to find. */
export function checkQuery(query: ParsedQuery): void {
  if (query.clauses.length > 0 && query.clauses.every((clause) => clause.excluded)) {
    throw new ApiError("only_excluded_terms", "q only excludes words (-word); add a word or phrase to search for");
  }
}

/**
 * `q` within LIMITS.queryTerms lookups: the words past them are left out,
 * from the end, and said (`ignoredWords`, as typed), rather than failing the
 * search, as Meilisearch ignores words past its tenth. A query is cut
 * between words; one long chunk with no space ("a-b-c-…") is cut within it.
 *
 * @example
 * withinWordLimit("a b c d e f g h i j k l").ignoredWords // => ["k", "l"] (for words that are no stop words)
 */
export function withinWordLimit(q: string): { q: string; query: ParsedQuery; ignoredWords: string[] } {
  let kept = q;
  let query = parseQuery(kept);
  while (lookupCount(query) > LIMITS.queryTerms) {
    const cut = kept.replace(/\s*\S+\s*$/u, "");
    kept = cut.length > 0 ? cut : kept.slice(0, /[\udc00-\udfff]/.test(kept[kept.length - 1]!) ? -2 : -1);
    query = parseQuery(kept);
  }
  const ignoredWords = q.slice(kept.length).trim().split(/\s+/u).filter((word) => word !== "");
  return { q: kept, query, ignoredWords };
}

/** The query string checked against a schema: names first (a typo explains everything after it), then values. */
function parseParameters<Schema extends z.ZodObject>(schema: Schema, params: URLSearchParams): z.output<Schema> {
  const parsed = schema.safeParse(collectParameters(params, new Set(Object.keys(schema.shape))));
  if (!parsed.success) throw toApiError(parsed.error);
  return parsed.data;
}

/**
 * URLSearchParams → a plain object: a name the endpoint does not take is
 * rejected, repeatable names become arrays, and a single-valued name given
 * twice is rejected rather than silently picked.
 */
function collectParameters(params: URLSearchParams, known: ReadonlySet<string>): Record<string, string | string[]> {
  const names = [...new Set(params.keys())];
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    // Named, but not all of thousands: the answer stays small whatever the request.
    const named = unknown.slice(0, NAMED_UNKNOWN).map((name) => (name === "" ? '""' : name)).join(", ");
    const more = unknown.length > NAMED_UNKNOWN ? ` and ${unknown.length - NAMED_UNKNOWN} more` : "";
    throw new ApiError("unknown_parameter", `unknown parameter${unknown.length > 1 ? "s" : ""}: ${named}${more}`);
  }
  const collected: Record<string, string | string[]> = {};
  for (const name of names) {
    const values = params.getAll(name);
    if (REPEATABLE.has(name)) {
      collected[name] = values;
    } else if (values.length > 1) {
      throw new ApiError("repeated_parameter", `${name} may be given only once`);
    } else {
      collected[name] = values[0]!;
    }
  }
  return collected;
}

/** The first problem, with the code its rule carries; a value without a rule of its own is malformed. */
function toApiError(error: z.ZodError): ApiError {
  const issue = error.issues[0]!;
  const code = issue.code === "custom" ? (issue.params?.code as ErrorCode | undefined) : undefined;
  return new ApiError(code ?? "invalid_parameter", issue.message);
}
