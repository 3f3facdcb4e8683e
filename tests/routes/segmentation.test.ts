import { describe, expect, it } from "vitest";
import { needsSegmentation, segmentWords } from "../../src/search/analysis/segment";
import { SEGMENTATION_CASES } from "../fixtures/segmentation";

// The same cases run in Node (tests/search/segmentation.test.ts): the build
// cut the indexed text there, and the Worker cuts queries and snippets here,
// so a difference between Node's and workerd's ICU would break search.
describe("segmentWords in workerd (the Worker's ICU)", () => {
  it.each(SEGMENTATION_CASES)("cuts $name into the same words as Node", ({ text, words }) => {
    expect(needsSegmentation(text)).toBe(true);
    expect(segmentWords(text).map(({ start, end }) => text.slice(start, end))).toEqual(words);
  });
});
