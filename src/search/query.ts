/** Query string → a validated search request, or an ApiError naming the problem. */
import { z } from "zod";
import { codePointLength } from "../strings";
import { ApiError, type ErrorCode } from "../errors";
import { LIMITS } from "../limits";

/** What /search was asked, after validation. */
export interface SearchRequest {
  /** The query text, trimmed; empty means browse every document. */
  q: string;
  /** Keep only documents from any of these sources; empty keeps all. */
  sources: string[];
  limit: number;
  offset: number;
}

function integerParameter(name: string, min: number, max: number) {
  const range = `${name} must be an integer from ${min} to ${max}`;
  return z
    .string()
    .regex(/^0*\d{1,9}$/, { message: range })
    .transform(Number)
    .pipe(z.number().min(min, { message: range }).max(max, { message: range }));
}

/** The /search query parameters, as given in the URL. */
export const searchParametersSchema = z.strictObject({
  q: z
    .string()
    .trim()
    // Characters are code points: an emoji is one, not two UTF-16 units.
    .refine((q) => codePointLength(q) <= LIMITS.queryLength, {
      message: `q must be at most ${LIMITS.queryLength} characters`,
    })
    .default(""),
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
    .default([]),
  limit: integerParameter("limit", 1, LIMITS.limit).default(LIMITS.defaultLimit),
  offset: integerParameter("offset", 0, LIMITS.offset).default(0),
});

const REPEATABLE = new Set(["source"]);

/** Validates /search's query string; throws ApiError (400) on bad input. */
export function parseSearchRequest(params: URLSearchParams): SearchRequest {
  const parsed = searchParametersSchema.safeParse(collectParameters(params, REPEATABLE));
  if (!parsed.success) throw toApiError(parsed.error);
  const { q, source, limit, offset } = parsed.data;
  return { q, sources: source, limit, offset };
}

/** Rejects any parameter on endpoints that take none. */
export function parseNoParameters(params: URLSearchParams): void {
  const parsed = z.strictObject({}).safeParse(collectParameters(params, new Set()));
  if (!parsed.success) throw toApiError(parsed.error);
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
