import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { documentSchema, errorResponseSchema, searchResponseSchema, suggestResponseSchema } from "../../src/api/schemas";
import { ERRORS } from "../../src/errors";
import { getJson, request } from "./fetch";

// Query text users (and attackers) type: words from the seeds, operators,
// markup, control characters, and anything else fast-check can make.
const queryText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc
    .array(fc.constantFrom("safe", "zones", "korea", "Trump", "tilerson", "saf", "-", '"', "*", "(", ":", "~", "<b>", "%", "\u0000", " "), {
      maxLength: 12,
    })
    .map((words) => words.join(" ")),
);
const parameters = fc.record(
  {
    q: queryText,
    limit: fc.oneof(fc.integer({ min: -5, max: 120 }).map(String), fc.string({ maxLength: 4 })),
    offset: fc.oneof(fc.integer({ min: -5, max: 1100 }).map(String), fc.string({ maxLength: 4 })),
    source: fc.array(fc.constantFrom("Reuters", "unknown", "The Washington Times", "Nobody", ""), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

/** A value as it may arrive: any text, a number, a date-like string, or raw bytes no encoder would make. */
const anyValue = fc.oneof(
  queryText,
  fc.integer({ min: -10, max: 2000 }).map(String),
  fc.constantFrom("all", "any", "date", "-date", "relevance", "2017", "2017-05-02", "2017-13", "1e3", "0x10", ""),
  fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 8 }).map((bytes) => ({ raw: bytes.map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("") })),
);
/** Names the endpoints take, near misses, and anything else. */
const anyName = fc.oneof(
  fc.constantFrom("q", "match", "source", "from", "to", "sort", "limit", "offset"),
  fc.constantFrom("sources", "Q", "page", "__proto__", "constructor", ""),
  fc.string({ maxLength: 8 }),
);
/** Any mix of parameters, in any order, repeated or not. */
const anyQueryString = fc.array(fc.tuple(anyName, anyValue), { maxLength: 6 }).map((pairs) =>
  pairs.map(([name, value]) => `${encodeURIComponent(name)}=${typeof value === "string" ? encodeURIComponent(value) : value.raw}`).join("&"),
);

function toQueryString(params: { q?: string; limit?: string; offset?: string; source?: string[] }): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) search.append(name, one);
  }
  return search.toString();
}

/** A 4xx body: the error shape, a code from the table, and the status that code has. */
function expectWellFormedError(status: number, body: unknown): void {
  expect(errorResponseSchema.parse(body)).toEqual(body);
  const { code } = (body as { error: { code: keyof typeof ERRORS } }).error;
  expect(ERRORS[code].status).toBe(status);
  expect(status).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
}

// A hundred requests each: about 2 s alone, more on a busy machine.
describe("GET /search, for any parameters", { timeout: 30_000 }, () => {
  it("answers 200 with a well-formed result or 400 with a well-formed error, never anything else", async () => {
    await fc.assert(
      fc.asyncProperty(parameters, async (params) => {
        const { status, body } = await getJson(`/search?${toQueryString(params)}`);
        if (status === 200) {
          expect(searchResponseSchema.parse(body)).toEqual(body);
          expect(body.hits.length).toBeLessThanOrEqual(body.total);
        } else {
          expect(status).toBe(400);
          expectWellFormedError(status, body);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("answers any query string, with any names, repetitions and bytes, with a schema's 200 or a table's 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(anyQueryString, async (query) => {
        const { status, body } = await getJson(`/search?${query}`);
        if (status === 200) expect(searchResponseSchema.parse(body)).toEqual(body);
        else expectWellFormedError(status, body);
      }),
      { numRuns: 200 },
    );
  });

  it("gives source counts that sum to the total when no source is chosen", async () => {
    await fc.assert(
      fc.asyncProperty(queryText, async (q) => {
        const { status, body } = await getJson(`/search?${toQueryString({ q })}`);
        // A query may break a rule of its own (too long, only exclusions, too many words).
        if (status === 400) {
          expect(["query_too_long", "only_excluded_terms", "too_many_terms"]).toContain(body.error.code);
          return;
        }
        expect(status).toBe(200);
        const counted = Object.values(body.facets.source as Record<string, number>).reduce((sum, n) => sum + n, 0);
        expect(counted).toBe(body.total);
      }),
      { numRuns: 150 },
    );
  });

  it("pages through every match exactly once", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("", "trump", "safe zones", "korea", "putin syria"), fc.integer({ min: 1, max: 4 }), async (q, limit) => {
        const first = await getJson(`/search?${toQueryString({ q, limit: String(limit) })}`);
        const seen: string[] = [];
        for (let offset = 0; offset < first.body.total; offset += limit) {
          const page = await getJson(`/search?${toQueryString({ q, limit: String(limit), offset: String(offset) })}`);
          seen.push(...page.body.hits.map((hit: { id: string }) => hit.id));
        }
        expect(seen).toHaveLength(first.body.total);
        expect(new Set(seen).size).toBe(first.body.total);
      }),
      { numRuns: 20 },
    );
  });
});

describe("GET /suggest and /documents/:id, for any input", () => {
  it("answers /suggest with a schema's 200 or a table's 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(anyQueryString, async (query) => {
        const { status, body } = await getJson(`/suggest?${query}`);
        if (status === 200) expect(suggestResponseSchema.parse(body)).toEqual(body);
        else expectWellFormedError(status, body);
      }),
      { numRuns: 150 },
    );
  });

  it("answers /documents/:id for any id with the document, or document_not_found, or invalid_parameter", async () => {
    const anyId = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: "grapheme", maxLength: 600 }), fc.constant("004_dc6718f12059daa3"));
    await fc.assert(
      fc.asyncProperty(anyId, async (id) => {
        // A "." or ".." segment is resolved by the URL itself ("/documents/.." is "/"), encoded
        // or not, so no request can ask for it; the build gives no document such an id.
        fc.pre(!id.split("/").some((segment) => segment === "." || segment === ".."));
        const { status, body } = await getJson(`/documents/${id.split("/").map(encodeURIComponent).join("/")}`);
        if (status === 200) {
          expect(documentSchema.parse(body)).toEqual(body);
        } else {
          // An empty id leaves /documents/, which is no route.
          expect(["document_not_found", "invalid_parameter", "not_found"]).toContain(body.error.code);
          expectWellFormedError(status, body);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("snippets, for any query, through the API", () => {
  const texts = new Map<string, string>();
  let words: string[] = [];

  beforeAll(async () => {
    const { body } = await getJson("/search?limit=100");
    for (const { id } of body.hits as { id: string }[]) texts.set(id, (await getJson(`/documents/${id}`)).body.text);
    // Words of the documents themselves, so that queries find things.
    words = [...new Set([...texts.values()].flatMap((text) => text.match(/[\p{L}\p{N}’'.-]+/gu) ?? []))];
  });

  /** Queries of the documents' words, cut short (completions), misspelt a little, quoted, excluded. */
  const query = () =>
    fc
      .array(
        fc.tuple(fc.constantFrom(...words), fc.constantFrom("word", "prefix", "typo", "phrase", "excluded")).map(([word, form]) => {
          if (form === "prefix") return word.slice(0, Math.max(3, word.length - 2));
          if (form === "typo") return word.length > 5 ? word.slice(0, 2) + word.slice(3) : word;
          if (form === "phrase") return `"${word}"`;
          return form === "excluded" ? `-${word}` : word;
        }),
        { minLength: 1, maxLength: 4 },
      )
      .map((parts) => parts.join(" "));

  /** The snippet as the document's text: marks and the edge ellipses removed, escapes undone once. */
  function plainText(snippet: string): string {
    const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&amp;": "&" };
    return snippet
      .replace(/<\/?mark>/g, "")
      .replace(/^…|…$/g, "")
      .replace(/&lt;|&gt;|&quot;|&#39;|&amp;/g, (entity) => ENTITIES[entity]!);
  }

  it("is a contiguous piece of the document once marks are removed and escapes undone, with no other markup", async () => {
    await fc.assert(
      fc.asyncProperty(query(), fc.constantFrom("all", "any"), async (q, match) => {
        const { status, body } = await getJson(`/search?${new URLSearchParams({ q, match, limit: "100" })}`);
        if (status !== 200) return;
        for (const hit of body.hits as { id: string; snippet: string }[]) {
          expect(hit.snippet.isWellFormed()).toBe(true);
          expect(hit.snippet.replace(/<\/?mark>/g, "")).not.toMatch(/[<>"]/);
          expect(texts.get(hit.id)).toContain(plainText(hit.snippet));
        }
      }),
      { numRuns: 150 },
    );
  });

  // The reading view marks the query's words throughout the text: where it
  // marks any, the snippet must show one, however far into the text they lie.
  it("shows a match in every hit whose text holds one", async () => {
    await fc.assert(
      fc.asyncProperty(query(), fc.constantFrom("all", "any"), async (q, match) => {
        const { status, body } = await getJson(`/search?${new URLSearchParams({ q, match, limit: "100" })}`);
        if (status !== 200) return;
        for (const hit of body.hits as { id: string; snippet: string }[]) {
          const page = await (await request(`/read/${hit.id}?${new URLSearchParams({ q, match })}`)).text();
          const text = page.slice(page.indexOf('<div class="text">'));
          if (text.includes("<mark>")) expect(hit.snippet, `${hit.id} for ${q}`).toContain("<mark>");
        }
      }),
      { numRuns: 60 },
    );
  });
});
