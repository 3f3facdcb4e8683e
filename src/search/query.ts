/** Query string → a validated search request, or an ApiError naming the problem. */
import { z } from "zod";
import { codePointLength } from "../strings";
import { ApiError, type ErrorCode } from "../errors";
import { LIMITS } from "../limits";
import { canonicalDate, dateSpan, type DateSpan } from "./dates";
import { parseQuery, type ParsedQuery } from "./syntax";

/** How results are ordered. */
export type SortOrder = "relevance" | "date" | "-date";

/** What /search was asked, after validation. */
export interface SearchRequest {
  /** The query text, trimmed; empty means browse every document. */
  q: string;
  /** `q` parsed into clauses. */
  query: ParsedQuery;
  /** "all": every clause must match (falling back to partial matches); "any": one is enough. */
  match: "all" | "any";
  /** Keep only documents from any of these sources; empty keeps all. */
  sources: string[];
  /** Keep only documents dated within this span; undated ones are dropped when set. */
  dates: { from: DateSpan | null; to: DateSpan | null };
  sort: SortOrder;
  limit: number;
  offset: number;
}

function integerParameter(name: string, min: number, max: number, defaultValue: number, description: string) {
  const range = `${name} must be an integer from ${min} to ${max}`;
  return (
    z
      .string()
      .regex(/^0*\d{1,9}$/, { message: range })
      .transform(Number)
      .pipe(z.number().min(min, { message: range }).max(max, { message: range }))
      .default(defaultValue)
      // Described as the integer it is read as, not the string it arrives as.
      .meta({ description, type: "integer", minimum: min, maximum: max, default: defaultValue })
  );
}

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

const queryText = z
  .string()
  .trim()
  // Characters are code points: an emoji is one, not two UTF-16 units.
  .refine((q) => codePointLength(q) <= LIMITS.queryLength, {
    message: `q must be at most ${LIMITS.queryLength} characters`,
  });

/** The /search query parameters, as given in the URL. */
export const searchParametersSchema = z
  .strictObject({
    q: queryText.default("").meta({
      description:
        `The query, at most ${LIMITS.queryLength} characters and ${LIMITS.queryTerms} words to look up. ` +
        'Words must all match; "quoted phrases" must match side by side; -word excludes; the last word ' +
        "completes from 3 characters; typos are tolerated from 5. Empty: browse every document.",
      example: "safe zones",
      maxLength: LIMITS.queryLength,
    }),
    match: z
      .enum(["all", "any"], { message: "match must be all or any" })
      .default("all")
      .meta({ description: "all: every word must match (else the best partial matches, with relaxed: true); any: one is enough" }),
    source: z
      .array(
        z
          .string()
          .min(1, { message: "source must not be empty" })
          .refine((source) => codePointLength(source) <= LIMITS.sourceLength, {
            message: `source must be at most ${LIMITS.sourceLength} characters`,
          }),
      )
      // The same value twice asks for nothing more, so it does not count twice.
      .transform((sources) => [...new Set(sources)])
      .pipe(z.array(z.string()).max(LIMITS.sources, { message: `at most ${LIMITS.sources} different source values are allowed` }))
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
    limit: integerParameter("limit", 1, LIMITS.limit, LIMITS.defaultLimit, "Hits per page"),
    offset: integerParameter("offset", 0, LIMITS.offset, 0, "Hits to skip"),
  })
  .refine(({ from, to }) => !from || !to || from.start <= to.end, {
    message: "from must not be later than to",
    path: ["from"],
  });

const REPEATABLE = new Set(["source"]);

/** What /suggest was asked, after validation. */
export interface SuggestRequest {
  /** The query as typed so far, trimmed at the start only: a trailing space means the last word is done. */
  q: string;
  limit: number;
}

export const suggestParametersSchema = z.strictObject({
  q: z
    .string()
    .transform((q) => q.trimStart())
    .refine((q) => codePointLength(q) <= LIMITS.queryLength, { message: `q must be at most ${LIMITS.queryLength} characters` })
    .default("")
    .meta({
      description: "The query as typed so far; its last word is completed (from 3 characters). A trailing space means the word is finished.",
      example: "trump pres",
      maxLength: LIMITS.queryLength,
    }),
  limit: integerParameter("limit", 1, LIMITS.suggestions, LIMITS.defaultSuggestions, "Suggestions to return"),
});

/** Validates /suggest's query string; throws ApiError (400) on bad input. */
export function parseSuggestRequest(params: URLSearchParams): SuggestRequest {
  const parsed = suggestParametersSchema.safeParse(collectParameters(params, new Set()));
  if (!parsed.success) throw toApiError(parsed.error);
  return parsed.data;
}

/** Validates /search's query string; throws ApiError (400) on bad input. */
export function parseSearchRequest(params: URLSearchParams): SearchRequest {
  const parsed = searchParametersSchema.safeParse(collectParameters(params, REPEATABLE));
  if (!parsed.success) throw toApiError(parsed.error);
  const { q, match, source, from, to, sort, limit, offset } = parsed.data;
  const query = parseQuery(q);
  checkQuery(query);
  return { q, query, match, sources: source, dates: { from: from ?? null, to: to ?? null }, sort, limit, offset };
}

/** Rejects any parameter on endpoints that take none. */
export function parseNoParameters(params: URLSearchParams): void {
  const parsed = z.strictObject({}).safeParse(collectParameters(params, new Set()));
  if (!parsed.success) throw toApiError(parsed.error);
}

/** The rules a parsed query must follow: a bounded number of lookups, and something to find. */
export function checkQuery(query: ParsedQuery): void {
  // A phrase's stop words count: they are checked in the text, which costs.
  const lookups = query.clauses.reduce(
    (count, clause) => count + (clause.phrase ? clause.words.length : clause.words.filter((word) => !word.stop).length),
    0,
  );
  if (lookups > LIMITS.queryTerms) {
    throw new ApiError(
      "too_many_terms",
      `q has ${lookups} words to look up; at most ${LIMITS.queryTerms} are allowed (common words such as "the" count only inside phrases)`,
    );
  }
  if (query.clauses.length > 0 && query.clauses.every((clause) => clause.excluded)) {
    throw new ApiError("only_excluded_terms", "q only excludes words (-word); add a word or phrase to search for");
  }
}

/**
 * URLSearchParams → a plain object: repeatable names become arrays, and a
 * single-valued name given twice is rejected rather than silently picked.
 */
function collectParameters(params: URLSearchParams, repeatable: ReadonlySet<string>): Record<string, unknown> {
  const collected: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    if (repeatable.has(name)) {
      collected[name] = values;
    } else if (values.length > 1) {
      throw new ApiError("repeated_parameter", `${name} may be given only once`);
    } else {
      collected[name] = values[0]!;
    }
  }
  return collected;
}

function toApiError(error: z.ZodError): ApiError {
  const issue = error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    const names = issue.keys.map((name) => (name === "" ? '""' : name)).join(", ");
    return new ApiError("unknown_parameter", `unknown parameter${issue.keys.length > 1 ? "s" : ""}: ${names}`);
  }
  // q is any text: its length is the only way it can be wrong.
  const code: ErrorCode = issue.path[0] === "q" ? "query_too_long" : "invalid_parameter";
  return new ApiError(code, issue.message);
}
