import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getJson } from "./fetch";

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

function toQueryString(params: { q?: string; limit?: string; offset?: string; source?: string[] }): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) search.append(name, one);
  }
  return search.toString();
}

describe("GET /search, for any parameters", () => {
  it("answers 200 with a well-formed result or 400 with a well-formed error, never anything else", async () => {
    await fc.assert(
      fc.asyncProperty(parameters, async (params) => {
        const { status, body } = await getJson(`/search?${toQueryString(params)}`);
        if (status === 200) {
          expect(Object.keys(body)).toEqual(["query", "total", "tookMs", "relaxed", "didYouMean", "hits", "facets"]);
          expect(typeof body.relaxed).toBe("boolean");
          expect(body.didYouMean === null || typeof body.didYouMean === "string").toBe(true);
          expect(body.hits.length).toBeLessThanOrEqual(body.total);
          for (const hit of body.hits) {
            expect(Object.keys(hit)).toEqual(["id", "title", "source", "date", "url", "score", "snippet"]);
            expect([hit.id, hit.title, hit.source, hit.snippet].every((field) => typeof field === "string")).toBe(true);
            expect(typeof hit.score).toBe("number");
          }
        } else {
          expect(status).toBe(400);
          expect(Object.keys(body.error)).toEqual(["code", "message"]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("gives source counts that sum to the total when no source is chosen", async () => {
    await fc.assert(
      fc.asyncProperty(queryText, async (q) => {
        const { status, body } = await getJson(`/search?${toQueryString({ q: q.slice(0, 200) })}`);
        // A query may break a rule of its own (only exclusions, too many words).
        if (status === 400) {
          expect(["only_excluded_terms", "too_many_terms"]).toContain(body.error.code);
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
