/**
 * A hit's "also in" read from the carriers its record lists (only this
 * side's places, merged) names the same documents as read from its related
 * entries, every span as it is: the simple way, kept here.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { carriersOf } from "../../src/corpus/related";
import type { RelatedEntry } from "../../src/search/artifact";
import { alsoIn, carrierOf, isCarrierEntry, relatedOf, type Carrier } from "../../src/search/related";

/** Spans of a text of 200 characters: [start, end, otherStart, otherEnd, words], overlapping, touching and nested ones included. */
const span = fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 30 }))
  .map(([start, length, otherStart, words]) => [start, start + length, otherStart, otherStart + length, words]);
const entry = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean(), fc.array(span, { maxLength: 12 })).map(
  ([n, nearCopy, spans]): RelatedEntry => [`doc-${n}`, `source-${n % 3}`, `Title ${n}`, nearCopy ? 1 : 0, 10 * spans.length, spans.flat()],
);
const entries = fc.uniqueArray(entry, { maxLength: 8, selector: ([id]) => id });
/** A snippet's place in the text: empty ones too (an empty text's snippet). */
const shown = fc.tuple(fc.integer({ min: 0, max: 250 }), fc.integer({ min: 0, max: 60 })).map(([start, length]) => ({ start, end: start + length }));

/** The simple way: every span of this side, as the related entry has it. */
function simpleCarriers(related: readonly RelatedEntry[]): Carrier[] {
  return related.map(relatedOf).map(({ id, source, title, nearCopy, spans }) => ({ id, source, title, nearCopy, spans: spans.flatMap(({ start, end }) => [start, end]) }));
}

describe("carriers, as a records file lists them", () => {
  it("name on a hit the same documents as its related entries, for any part of the text shown", () => {
    fc.assert(
      fc.property(entries, shown, (related, place) => {
        expect(alsoIn(carriersOf(related).map(carrierOf), place)).toEqual(alsoIn(simpleCarriers(related), place));
      }),
      { numRuns: 2000 },
    );
  });

  it("hold this side's places only, disjoint and by start, and none for a near-copy", () => {
    fc.assert(
      fc.property(entries, (related) => {
        const carriers = carriersOf(related);
        expect(carriers.map(([id]) => id)).toEqual(related.map(([id]) => id));
        carriers.forEach((carrier, i) => {
          expect(isCarrierEntry(carrier)).toBe(true);
          const spans = carrier[4];
          if (related[i]![3] === 1) expect(spans).toEqual([]);
          for (let k = 0; k + 3 < spans.length; k += 2) expect(spans[k + 1]!).toBeLessThanOrEqual(spans[k + 2]!);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("name a document whose passage touches the shown part only at its edge no more than the related entries do", () => {
    // Spans [0, 10) and [10, 20) meet at 10: an empty snippet there overlaps neither, merged or not.
    const related: RelatedEntry[] = [["other", "wire", "Other", 0, 20, [0, 10, 0, 10, 5, 10, 20, 10, 20, 5]]];
    expect(alsoIn(carriersOf(related).map(carrierOf), { start: 10, end: 10 })).toEqual([]);
    expect(alsoIn(carriersOf(related).map(carrierOf), { start: 9, end: 11 })).toEqual([{ id: "other", source: "wire", title: "Other" }]);
  });
});
