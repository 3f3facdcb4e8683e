/**
 * A clause's matches as columns (clause-matches.ts) against the simple way
 * they replaced: a Map from document position to its match.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ClauseMatches, unite, type ClauseMatch, type MatchQuality } from "../../src/search/clause-matches";

const QUALITIES: MatchQuality[] = ["exact", "prefix", "typo"];
const TERMS = [new Map<string, MatchQuality>([["zone", "exact"]]), new Map<string, MatchQuality>([["zones", "typo"]])];

/** Matches of a clause in a corpus of up to 200 documents, as the simple way holds them. */
const matchesArbitrary = fc
  .uniqueArray(fc.nat({ max: 199 }), { maxLength: 120 })
  .chain((positions) =>
    fc.tuple(
      ...positions.map((position) =>
        fc
          .record({
            score: fc.double({ min: 0, max: 10, noNaN: true }),
            quality: fc.constantFrom(...QUALITIES),
            titleWord: fc.constantFrom(Infinity, 0, 1, 4),
            terms: fc.constantFrom(...TERMS),
          })
          .map(({ score, quality, titleWord, terms }): [number, ClauseMatch] => [position, { score, quality, inTitle: titleWord !== Infinity, titleWord, terms }]),
      ),
    ),
  )
  .map((entries) => new Map(entries as [number, ClauseMatch][]));

function columns(simple: ReadonlyMap<number, ClauseMatch>): ClauseMatches {
  const builder = ClauseMatches.builder(simple.size);
  for (const [position, match] of [...simple].sort(([a], [b]) => a - b)) {
    builder.add(position, match.score, match.quality, match.inTitle, match.titleWord, match.terms);
  }
  return builder.finish();
}

describe("ClauseMatches", () => {
  it("answers every lookup as a map from position to match would", () => {
    fc.assert(
      fc.property(matchesArbitrary, fc.nat({ max: 120 }), (simple, from) => {
        const matches = columns(simple);
        const has = matches.membership(200);
        expect(matches.size).toBe(simple.size);
        const rows = [...matches.positions];
        for (let position = -1; position <= 200; position++) {
          expect(matches.get(position)).toEqual(simple.get(position));
          expect(matches.has(position)).toBe(simple.has(position));
          if (position >= 0) expect(has(position)).toBe(simple.has(position));
          // From a row on, only the rows at or after it are found.
          const row = rows.indexOf(position);
          expect(matches.rowFrom(position, from)).toBe(row >= from ? row : -1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("unites two clauses' matches as merging the maps does", () => {
    const both = (a: ClauseMatch, b: ClauseMatch): ClauseMatch => ({ ...a, score: a.score + b.score });
    fc.assert(
      fc.property(matchesArbitrary, matchesArbitrary, (a, b) => {
        const expected = new Map(a);
        for (const [position, match] of b) expected.set(position, a.has(position) ? both(a.get(position)!, match) : match);
        const united = unite(columns(a), columns(b), both);
        expect([...united.positions]).toEqual([...expected.keys()].sort((x, y) => x - y));
        for (const [position, match] of expected) expect(united.get(position)).toEqual(match);
      }),
      { numRuns: 200 },
    );
  });

  it("refuses positions out of order", () => {
    const builder = ClauseMatches.builder(2);
    builder.add(5, 1, "exact", false, Infinity, TERMS[0]!);
    expect(() => builder.add(5, 1, "exact", false, Infinity, TERMS[0]!)).toThrow(/ascending/);
  });
});
