import { describe, expect, it } from "vitest";
import { termOrigins } from "../../src/search/terms";

describe("termOrigins", () => {
  it("attributes an exact match to itself", () => {
    expect(termOrigins(["zones"], ["safe", "zones"])).toEqual(new Map([["zones", "zones"]]));
  });

  it("attributes a prefix expansion to the query term it extends", () => {
    expect(termOrigins(["korea", "korean"], ["korea"])).toEqual(
      new Map([
        ["korea", "korea"],
        ["korean", "korea"],
      ]),
    );
  });

  it("attributes a fuzzy match to the nearest query term", () => {
    expect(termOrigins(["tillerson"], ["putin", "tilerson"])).toEqual(new Map([["tillerson", "tilerson"]]));
  });
});
