/** The page of hits chosen with a heap (topCandidates) against sorting every candidate (sortCandidates). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Candidates, type RankedFields } from "../../src/search/candidates";
import type { IndexView } from "../../src/search/index/view";
import { sortCandidates, topCandidates } from "../../src/search/rank";

// Few distinct values, so that every rule and tie-break is reached.
const candidate = (position: number) =>
  fc.record({
    score: fc.constantFrom(0, 0.5, 1, 1.5),
    matched: fc.integer({ min: 1, max: 3 }),
    typos: fc.integer({ min: 0, max: 1 }),
    completions: fc.integer({ min: 0, max: 1 }),
    inTitle: fc.integer({ min: 0, max: 2 }),
    titleDistance: fc.integer({ min: 0, max: 2 }),
    isNamed: fc.boolean(),
  }).map((fields): RankedFields => ({ position, ...fields }));

const candidates = fc
  .array(fc.nat(), { maxLength: 300 })
  .chain((seeds) => fc.tuple(...[...new Set(seeds)].map((position) => candidate(position))))
  .map((list) => list as RankedFields[]);

describe("topCandidates", () => {
  it("gives the first hits of the full sort, in every order, for any page size", () => {
    fc.assert(
      fc.property(
        candidates,
        fc.constantFrom("relevance", "date", "-date" as const),
        fc.integer({ min: 0, max: 120 }),
        fc.array(fc.constantFrom(null, 1, 2, 3), { minLength: 1, maxLength: 5 }),
        (list, order, count, dates) => {
          // Dates by position, some shared, some missing.
          const view = { dateSpanOf: (position: number) => (dates[position % dates.length] === null ? null : { start: dates[position % dates.length]!, end: 0 }) } as IndexView;
          // Some candidates filtered out, the rest given as rows of the columns in an order of their own.
          const passes = (candidate: RankedFields) => candidate.position % 7 !== 3;
          const expected = sortCandidates(view, list.filter(passes), order).slice(0, count);
          const columns = Candidates.from(list);
          const rows = Int32Array.from(list.keys()).filter((row) => passes(list[row]!)).reverse();
          expect(topCandidates(view, columns, rows, order, count).map((row) => columns.rankedAt(row))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
