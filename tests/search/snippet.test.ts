import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeWord } from "../../src/search/analysis/terms";
import { tokenize } from "../../src/search/analysis/tokenize";
import { SNIPPET_LENGTH, snippet, type Highlight } from "../../src/search/snippet";

/** Words matched exactly, each answering a clause of its own. */
const terms = (...words: string[]): Highlight => ({
  terms: new Map(words.map((word, clause) => [analyzeWord(word).term!, { clause, weight: 1 }])),
  phrases: [],
});

/** The written forms of those words, as search.ts gives them. */
const needles = (...words: string[]) => words.map((text, clause) => ({ text, clause, weight: 1 }));

describe("snippet", () => {
  it("returns a short text whole, with the matched words marked", () => {
    expect(snippet("Trump and Putin discussed safe zones.", terms("safe", "zones"))).toBe(
      "Trump and Putin discussed <mark>safe</mark> <mark>zones</mark>.",
    );
  });

  it("escapes the text before marking, so markup in a document stays text", () => {
    expect(snippet(`<b onclick="x">safe</b> & 'zones'`, terms("safe"))).toBe(
      "&lt;b onclick=&quot;x&quot;&gt;<mark>safe</mark>&lt;/b&gt; &amp; &#39;zones&#39;",
    );
  });

  it("marks words as they appear in the text, whatever their case or apostrophe", () => {
    expect(snippet("RUSSIA’S role and Russia's allies", terms("russia"))).toBe(
      "<mark>RUSSIA’S</mark> role and <mark>Russia&#39;s</mark> allies",
    );
  });

  it("picks the window holding the most distinct matched terms and cuts with an ellipsis", () => {
    const filler = "lorem ipsum dolor sit amet ".repeat(20);
    const text = `${filler}alpha ${filler}alpha beta gamma ${filler}`;
    const result = snippet(text, terms("alpha", "beta", "gamma"));
    expect(result).toContain("<mark>alpha</mark> <mark>beta</mark> <mark>gamma</mark>");
    expect(result.startsWith("…")).toBe(true);
    expect(result.endsWith("…")).toBe(true);
    const plain = result.replace(/<\/?mark>/g, "").replace(/^…|…$/g, "");
    expect(text).toContain(plain);
    expect(plain.length).toBeLessThanOrEqual(SNIPPET_LENGTH);
  });

  it("prefers a passage with two query words over one with two forms of the same word", () => {
    const filler = "lorem ipsum dolor sit amet ".repeat(20);
    const text = `Korea and the Korean peninsula. ${filler}Korea and Putin spoke. ${filler}`;
    const matched: Highlight = {
      terms: new Map([
        ["korea", { clause: 0, weight: 1 }],
        ["korean", { clause: 0, weight: 0.375 }],
        ["putin", { clause: 1, weight: 1 }],
      ]),
      phrases: [],
    };
    expect(snippet(text, matched)).toContain("<mark>Korea</mark> and <mark>Putin</mark> spoke.");
  });

  it("starts and ends on word boundaries", () => {
    const text = `${"word ".repeat(60)}target ${"word ".repeat(60)}`;
    const plain = snippet(text, terms("target")).replace(/<\/?mark>/g, "");
    expect(plain).toMatch(/^…word /);
    expect(plain).toMatch(/ word…$/);
  });

  it("keeps the punctuation that closes the last word", () => {
    const text = `${"word ".repeat(60)}the end.” Next`;
    expect(snippet(text, terms("end"))).toMatch(/<mark>end<\/mark>\.” Next$/);
  });

  it("keeps context around a match even when its neighbours are not words", () => {
    const text = `${"😀 ".repeat(150)}match ${"😀 ".repeat(150)}`;
    const result = snippet(text, terms("match"));
    expect(result).toMatch(/^…(😀 )+<mark>match<\/mark>( 😀)+…$/u);
    expect(result.length).toBeGreaterThan(150);
  });

  it("keeps context around a match in text with no spaces and no other words", () => {
    for (const filler of ["😀", "-"]) {
      const text = `${filler.repeat(300)}match${filler.repeat(300)}`;
      const result = snippet(text, terms("match"));
      expect(result).toContain("<mark>match</mark>");
      expect(result.length).toBeGreaterThan(150);
      expect(result.isWellFormed()).toBe(true);
    }
  });

  it("finds a match however late in a long document, with or without needles", () => {
    // An 1897 address of 72,707 characters whose words all lie past character 57,000.
    const text = `${"word ".repeat(20_000)}the Indian tribes ${"word ".repeat(100)}`;
    const highlight = terms("indian", "tribes");
    for (const given of [highlight, { ...highlight, needles: needles("indian", "tribes") }]) {
      const result = snippet(text, given);
      expect(result).toContain("<mark>Indian</mark> <mark>tribes</mark>");
      expect(result.length).toBeLessThan(SNIPPET_LENGTH + 40);
    }
  });

  it("looks past the first occurrences of a needle that are parts of other words", () => {
    const text = `${"trumpet ".repeat(100)}then Trump spoke`;
    const result = snippet(text, { ...terms("trump"), needles: needles("trump") });
    expect(result).toContain("<mark>Trump</mark> spoke");
  });

  it("finds a late word that starts after an accent on Chinese, and not one inside an accented word", () => {
    // The accent belongs to the letter before it: after 州 "café" starts a word; after "e" it is inside "e\u0301café".
    const filler = "word ".repeat(24_000);
    const starts = `${filler}杭州\u0301café`;
    expect(snippet(starts, { ...terms("café"), needles: needles("café") })).toContain("<mark>café</mark>");
    const inside = `${filler}😀e\u0301café杭州`;
    expect(snippet(inside, { ...terms("café"), needles: needles("café") })).not.toContain("<mark>");
  });

  it("finds a word written some other way than the needles say, in a long text too", () => {
    const text = `${"İstanbul ".repeat(3000)}a late match`; // lower-casing "İ" moves every offset after it
    expect(snippet(text, { ...terms("match"), needles: needles("match") })).toContain("<mark>match</mark>");
  });

  it("never splits an astral character, even in text without spaces", () => {
    const text = `${"𠀀".repeat(150)} match ${"𠀀".repeat(150)}`;
    const result = snippet(text, terms("match"));
    expect(result).toContain("<mark>match</mark>");
    expect(result.isWellFormed()).toBe(true);
    const cjk = `${"漢字𠀀".repeat(100)}`;
    expect(snippet(cjk, terms()).isWellFormed()).toBe(true);
  });

  it("shows the beginning of the text when nothing matched", () => {
    const text = `First words here. ${"more text ".repeat(40)}`;
    const result = snippet(text, terms());
    expect(result.startsWith("First words here.")).toBe(true);
    expect(result.endsWith("…")).toBe(true);
    expect(result).not.toContain("<mark>");
  });

  it("returns an empty snippet for an empty text", () => {
    expect(snippet("", terms("a"))).toBe("");
  });

  it("marks a phrase as one, only where its words stand together", () => {
    const phrase: Highlight = { terms: new Map(), phrases: [{ clause: 0, terms: ["safe", "zone"] }] };
    expect(snippet("Zones are safe. Safe zones, they said.", phrase)).toBe("Zones are safe. <mark>Safe zones</mark>, they said.");
  });

  it("marks a hyphenated compound whole when its joined form matched", () => {
    expect(snippet("a cease-fire in Syria", terms("ceasefire"))).toBe("a <mark>cease-fire</mark> in Syria");
  });

  it("marks every spelling that shares the stem, as written", () => {
    expect(snippet("They discussed it; the discussion went on.", terms("discuss"))).toBe(
      "They <mark>discussed</mark> it; the <mark>discussion</mark> went on.",
    );
  });
});

describe("snippet: reading only around the needles", () => {
  const zone = { terms: new Map([["zone", { clause: 0, weight: 1 }]]), phrases: [] };
  const filler = "Nothing of note happened on the quiet roads that morning. ".repeat(400);

  it("finds the same passage as reading the whole text, however far in it is", () => {
    const text = `${filler}Leaders agreed on safe zones in the north. ${filler}`;
    const withNeedles = snippet(text, { ...zone, needles: needles("zone", "zones").map((needle) => ({ ...needle, clause: 0 })) });
    expect(withNeedles).toBe(snippet(text, zone));
    expect(withNeedles).toContain("<mark>zones</mark>");
  });

  it("falls back to reading it all when the words are written some other way", () => {
    const highlight = { terms: new Map([["ceasefir", { clause: 0, weight: 1 }]]), phrases: [], needles: needles("ceasefir", "ceasefire").map((needle) => ({ ...needle, clause: 0 })) };
    expect(snippet("The cease-fire held.", highlight)).toBe("The <mark>cease-fire</mark> held.");
  });

  it("agrees with reading the whole text for any short text (property)", () => {
    const vocabulary = ["Safe", "zones", "zone", "talks", "the", "cease-fire", "ceasefire", "Putin", "U.S.", "access", "c"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 30 }), fc.subarray(vocabulary, { minLength: 1 }), (words, wanted) => {
        const text = words.join(" ");
        const terms = new Map(wanted.flatMap((word) => tokenize(word).filter((token) => token.term).map((token) => [token.term!, { clause: 0, weight: 1 }] as const)));
        const needles = [...new Set([...terms.keys(), ...wanted.map((word) => word.toLowerCase())])].map((text) => ({ text, clause: 0, weight: 1 }));
        expect(snippet(text, { terms, phrases: [], needles })).toBe(snippet(text, { terms, phrases: [] }));
      }),
      { numRuns: 300 },
    );
  });
});
