/**
 * collapse=copies' fold (foldCopies, then topCandidates on what it keeps)
 * against the simple way: sort every candidate, then walk the order keeping
 * the first of each copy group and naming the rest as its copies.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Candidates, type RankedFields } from "../../src/search/candidates";
import { foldCopies } from "../../src/search/collapse";
import type { IndexView } from "../../src/search/index/view";
import { sortCandidates, topCandidates } from "../../src/search/rank";

// Few distinct values, so that every rule and tie-break is reached.
const candidate = (position: number) =>
  fc
    .record({
      score: fc.constantFrom(0, 0.5, 1),
      matched: fc.integer({ min: 1, max: 2 }),
      typos: fc.integer({ min: 0, max: 1 }),
      completions: fc.constant(0),
      inTitle: fc.integer({ min: 0, max: 1 }),
      titleDistance: fc.constant(0),
      isNamed: fc.boolean(),
    })
    .map((fields): RankedFields => ({ position, ...fields }));

const candidates = fc
  .uniqueArray(fc.nat({ max: 199 }), { maxLength: 120 })
  .chain((positions) => fc.tuple(...positions.map(candidate)))
  .map((list) => list as RankedFields[]);

/** The simple way: the whole order, each group's first kept, its others listed under it, best first. */
function foldedSimply(view: IndexView, list: RankedFields[], order: "relevance" | "date" | "-date", groups: Int32Array) {
  const kept: { position: number; copies: number[] }[] = [];
  const keeper = new Map<number, { position: number; copies: number[] }>();
  for (const candidate of sortCandidates(view, [...list], order)) {
    const group = groups[candidate.position]!;
    const first = group === -1 ? undefined : keeper.get(group);
    if (first) first.copies.push(candidate.position);
    else {
      const hit = { position: candidate.position, copies: [] as number[] };
      kept.push(hit);
      if (group !== -1) keeper.set(group, hit);
    }
  }
  return kept;
}

describe("foldCopies", () => {
  it("keeps the best of each copy group, in every order and for any page, as sorting everything would", () => {
    fc.assert(
      fc.property(
        candidates,
        fc.constantFrom("relevance", "date", "-date" as const),
        fc.integer({ min: 0, max: 60 }),
        // A copy group (or none, -1) per position: few groups, so that they hold several candidates.
        fc.array(fc.integer({ min: -1, max: 6 }), { minLength: 200, maxLength: 200 }),
        fc.array(fc.constantFrom(null, 1, 2), { minLength: 1, maxLength: 4 }),
        (list, order, count, groupOf, dates) => {
          const view = { dateSpanOf: (position: number) => (dates[position % dates.length] === null ? null : { start: dates[position % dates.length]!, end: 0 }) } as IndexView;
          const groups = Int32Array.from(groupOf);
          const columns = Candidates.from(list);
          // Rows in an order of their own, as filtering leaves them.
          const rows = Int32Array.from(list.keys()).reverse();
          const folded = foldCopies(view, columns, rows, order, groups);
          const page = topCandidates(view, columns, folded.rows, order, count).map((row) => ({
            position: columns.positions[row]!,
            copies: (folded.copies.get(row) ?? []).map((copy) => columns.positions[copy]!),
          }));
          expect(page).toEqual(foldedSimply(view, list, order, groups).slice(0, count));
          // Every candidate is a hit or a copy of one, once.
          const named = [...folded.rows].flatMap((row) => [row, ...(folded.copies.get(row) ?? [])]);
          expect(named.sort((a, b) => a - b)).toEqual([...list.keys()]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
