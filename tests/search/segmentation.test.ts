import { describe, expect, it } from "vitest";
import { needsSegmentation, segmentWords } from "../../src/search/analysis/segment";
import { SEGMENTATION_CASES } from "../fixtures/segmentation";

// The same cases run inside workerd (tests/routes/segmentation.test.ts): the
// build cuts the text here, in Node, and the Worker cuts queries there.
describe("segmentWords in Node (the build's ICU)", () => {
  it.each(SEGMENTATION_CASES)("cuts $name into the expected words", ({ text, words }) => {
    expect(needsSegmentation(text)).toBe(true);
    expect(segmentWords(text).map(({ start, end }) => text.slice(start, end))).toEqual(words);
  });
});
