import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blocksIn, EditWalk, withinEdits } from "../../src/search/index/blocks";

describe("EditWalk", () => {
  it("accepts exactly the sorted candidates withinEdits accepts, reusing rows across shared prefixes (property)", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "d"), maxLength: 8 });
    fc.assert(
      fc.property(word, fc.uniqueArray(word, { maxLength: 60 }), fc.integer({ min: 0, max: 3 }), (query, candidates, limit) => {
        const sorted = [...candidates].sort();
        const walk = new EditWalk(query, limit);
        expect(sorted.map((candidate) => walk.accepts(candidate))).toEqual(sorted.map((candidate) => withinEdits(query, candidate, limit)));
      }),
    );
  });

  it("counts insertions, deletions and substitutions as one edit each, and a swap as two", () => {
    expect(withinEdits("zones", "zone", 1)).toBe(true);
    expect(withinEdits("zones", "zonesx", 1)).toBe(true);
    expect(withinEdits("zones", "zomes", 1)).toBe(true);
    expect(withinEdits("zones", "zoens", 1)).toBe(false);
    expect(withinEdits("zones", "zoens", 2)).toBe(true);
  });
});

describe("blocksIn", () => {
  const firstKeys = ["b", "d", "f"];

  it("gives the blocks whose ranges meet the range of keys asked", () => {
    expect(blocksIn(firstKeys, "c", "e")).toEqual([0, 1]);
    expect(blocksIn(firstKeys, "a", "b")).toEqual([0]);
    expect(blocksIn(firstKeys, "f", "")).toEqual([2]);
    expect(blocksIn(firstKeys, "d", "d\uffff")).toEqual([1]);
  });

  it("gives none when there are no blocks", () => {
    expect(blocksIn([], "a", "b")).toEqual([]);
  });
});
