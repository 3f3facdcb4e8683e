import { describe, expect, it } from "vitest";
import { parseQuery, type Clause } from "../../src/search/syntax";

/** A clause reduced to what the tests compare: its terms and flags. */
function summary({ words, joined, phrase, excluded, prefix }: Clause) {
  return { terms: words.map((word) => word.term), joined: joined?.term ?? null, phrase, excluded, prefix };
}

const clauses = (q: string) => parseQuery(q).clauses.map(summary);
const plain = { joined: null, phrase: false, excluded: false, prefix: false };

describe("parseQuery", () => {
  it("reads words, the last one completing as it is typed", () => {
    expect(clauses("safe zones")).toEqual([
      { ...plain, terms: ["safe"] },
      { ...plain, terms: ["zone"], prefix: true },
    ]);
  });

  it("reads a quoted phrase, with straight or curly quotes, as exact and adjacent", () => {
    const phrase = { ...plain, terms: ["safe", "zone"], phrase: true };
    expect(clauses('"safe zones"')).toEqual([phrase]);
    expect(clauses("“safe zones”")).toEqual([phrase]);
    expect(clauses('putin "safe zones"')).toEqual([{ ...plain, terms: ["putin"] }, phrase]);
  });

  it("reads a leading minus as exclusion, of a word or a phrase", () => {
    expect(clauses('trump -korea -"safe zones"')).toEqual([
      { ...plain, terms: ["trump"] },
      { ...plain, terms: ["korea"], excluded: true },
      { ...plain, terms: ["safe", "zone"], phrase: true, excluded: true },
    ]);
  });

  it("keeps a hyphen inside a word as a compound, not an exclusion", () => {
    expect(clauses("de-escalation")).toEqual([{ ...plain, terms: ["de", "escal"], joined: "deescal", prefix: true }]);
  });

  it("treats operators that are not syntax, and an unpaired quote, as plain text", () => {
    expect(clauses('(putin* ~ "kremlin')).toEqual([
      { ...plain, terms: ["putin"] },
      { ...plain, terms: ["kremlin"], prefix: true },
    ]);
    expect(clauses("- -- ***")).toEqual([]);
  });

  it("reads a run of Chinese as one phrase of its words", () => {
    expect(clauses("杭州桑拿")).toEqual([{ ...plain, terms: ["杭州", "桑", "拿"], phrase: true }]);
  });

  it("gives each word its offsets in the query, for rewriting it", () => {
    const [, second] = parseQuery("Tilerson  putin").clauses;
    expect(second!.words[0]).toMatchObject({ start: 10, end: 15, word: "putin" });
  });
});
