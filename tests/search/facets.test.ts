import { describe, expect, it } from "vitest";
import { countSources } from "../../src/search/facets";

describe("countSources", () => {
  it("counts documents per source, most first, then by name in code-unit order", () => {
    const counts = countSources(["b", "a", "Reuters", "b", "a", "Zeit"]);
    expect(counts).toEqual({ a: 2, b: 2, Reuters: 1, Zeit: 1 });
    expect(Object.keys(counts)).toEqual(["a", "b", "Reuters", "Zeit"]);
  });

  it("gives an empty object for no documents", () => {
    expect(countSources([])).toEqual({});
  });
});
