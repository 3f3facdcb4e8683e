import { describe, expect, it } from "vitest";
import { normalizeTerm, splitWords, tokenize } from "../../src/search/analysis";

describe("splitWords", () => {
  it("splits glued sentences at the period", () => {
    expect(splitWords("efforts on Syria.The Kremlin")).toEqual(["efforts", "on", "Syria", "The", "Kremlin"]);
  });

  it("splits hyphenated compounds and abbreviations into their parts", () => {
    expect(splitWords("U.S.-Russian de-escalation")).toEqual(["U", "S", "Russian", "de", "escalation"]);
  });

  it("keeps a word with an inner apostrophe, straight or curly, whole", () => {
    expect(splitWords("Russia’s don't ‘quoted’")).toEqual(["Russia’s", "don't", "quoted"]);
  });

  it("keeps letters of every script, and digits", () => {
    expect(splitWords("G-20 summit, Café 100% 杭州")).toEqual(["G", "20", "summit", "Café", "100", "杭州"]);
  });
});

describe("normalizeTerm", () => {
  it("lower-cases and drops the English possessive, for either apostrophe", () => {
    expect(normalizeTerm("Russia’s")).toBe("russia");
    expect(normalizeTerm("Russia's")).toBe("russia");
  });

  it("applies NFKC, so full-width letters match ASCII", () => {
    expect(normalizeTerm("ＫＲＥＭＬＩＮ")).toBe("kremlin");
  });

  it("drops words longer than 40 characters", () => {
    expect(normalizeTerm("a".repeat(41))).toBeNull();
    expect(normalizeTerm("a".repeat(40))).toBe("a".repeat(40));
  });
});

describe("tokenize", () => {
  it("gives each word's offsets in the original text and its term", () => {
    const text = "“Russia’s” call";
    expect(tokenize(text)).toEqual([
      { start: 1, end: 9, term: "russia" },
      { start: 11, end: 15, term: "call" },
    ]);
    expect(text.slice(1, 9)).toBe("Russia’s");
  });
});
