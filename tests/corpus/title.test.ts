import { describe, expect, it } from "vitest";
import { cutAtClause, cutAtWord, MAX_TITLE_LENGTH, titleFromBody } from "../../src/corpus/title";

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("titleFromBody", () => {
  it("takes the first sentence", () => {
    expect(titleFromBody("The leaders spoke. They agreed on Syria.")).toBe("The leaders spoke.");
  });

  it("strips a wire-service dateline", () => {
    expect(titleFromBody("WASHINGTON/MOSCOW (Reuters) - Trump and Putin spoke by phone. It was the first call.")).toBe(
      "Trump and Putin spoke by phone.",
    );
  });

  it("strips a dateline followed by an em dash", () => {
    expect(titleFromBody("MOSCOW (AP) — Talks began. More later.")).toBe("Talks began.");
  });

  it("does not end a sentence at U.S.", () => {
    expect(titleFromBody("U.S. President Donald Trump spoke. Then he left.")).toBe("U.S. President Donald Trump spoke.");
  });

  it("does not end a sentence at Mr.", () => {
    expect(titleFromBody("Mr. Trump and Mr. Putin spoke. Then they left.")).toBe("Mr. Trump and Mr. Putin spoke.");
  });

  it("does not end a sentence at a single initial", () => {
    expect(titleFromBody("S. A. Miller wrote it. Then he left.")).toBe("S. A. Miller wrote it.");
  });

  it("ends a sentence glued to the next, as in Syria.The", () => {
    expect(titleFromBody("Efforts on Syria.The Kremlin says the two leaders agreed.")).toBe("Efforts on Syria.");
  });

  it("does not end a sentence inside a decimal number", () => {
    expect(titleFromBody("Oil rose 2.5 percent on Tuesday. Gold fell.")).toBe("Oil rose 2.5 percent on Tuesday.");
  });

  it("keeps a closing quote with the sentence it ends", () => {
    expect(titleFromBody('He called it "constructive." Then he left.')).toBe('He called it "constructive."');
  });

  it("ends a sentence at a question or exclamation mark", () => {
    expect(titleFromBody("Will they meet? Nobody knows.")).toBe("Will they meet?");
    expect(titleFromBody("They met! Everyone cheered.")).toBe("They met!");
  });

  it("stops at the end of the first line", () => {
    expect(titleFromBody("A line without a period\nThe next line.")).toBe("A line without a period");
  });

  it("keeps a first sentence of a news lede's length whole", () => {
    const lede =
      "The Kremlin says Russian President Vladimir Putin and U.S. President Donald Trump agreed to step up U.S.-Russian diplomatic efforts on Syria.";
    expect(titleFromBody(`${lede}The Kremlin says more.`)).toBe(lede);
  });

  it("cuts a longer first sentence after its last clause that fits", () => {
    expect(
      titleFromBody(
        "WASHINGTON/MOSCOW (Reuters) - U.S. President Donald Trump and Russian President Vladimir Putin on Tuesday moved to ease the tension from U.S. air strikes in April against Russian ally Syria, expressing a desire for a Syrian ceasefire and safe zones for the civil war’s refugees.",
      ),
    ).toBe(
      "U.S. President Donald Trump and Russian President Vladimir Putin on Tuesday moved to ease the tension from U.S. air strikes in April against Russian ally Syria…",
    );
  });

  it("cuts a long first sentence with no clause boundary at a word, and adds an ellipsis", () => {
    const body = `${"alpha ".repeat(30)}end.`;
    const title = titleFromBody(body);
    expect(title).toBe(`${"alpha ".repeat(26).trim()}…`);
    expect(Array.from(title).length).toBeLessThanOrEqual(MAX_TITLE_LENGTH + 1);
  });
});

describe("cutAtClause", () => {
  it("keeps a sentence that fits whole", () => {
    expect(cutAtClause("Talks on Syria, at last", 23)).toBe("Talks on Syria, at last");
  });

  it("cuts before the last comma, semicolon, colon or spaced dash that leaves the sentence short enough", () => {
    const lead = "Trump and Putin spoke by phone on Tuesday afternoon";
    expect(cutAtClause(`${lead}, agreeing to meet in July`, 60)).toBe(`${lead}…`);
    expect(cutAtClause(`${lead}; they agreed to meet in July`, 60)).toBe(`${lead}…`);
    expect(cutAtClause(`${lead}: they agreed to meet in July`, 60)).toBe(`${lead}…`);
    expect(cutAtClause(`${lead} – and agreed to meet in July`, 60)).toBe(`${lead}…`);
    expect(cutAtClause(`Both spoke, ${lead.toLowerCase()}, agreeing to meet`, 70)).toBe(`Both spoke, ${lead.toLowerCase()}…`);
  });

  it("takes a boundary right at the limit", () => {
    expect(cutAtClause("abcdefghij abcdefghij abcdefghij abcdefghij, and more", 43)).toBe("abcdefghij abcdefghij abcdefghij abcdefghij…");
  });

  it("does not cut a clause too short to say what the document is, nor a number's comma", () => {
    expect(cutAtClause("Trump, Putin discuss an in-person meeting during a long phone call on Syria", 40)).toBe(
      "Trump, Putin discuss an in-person…",
    );
    expect(cutAtClause("Prices of 1,200 goods rose sharply in the first week of the month of May", 40)).toBe(
      "Prices of 1,200 goods rose sharply in…",
    );
  });

  it("does not cut inside quotation marks or parentheses", () => {
    expect(cutAtClause('The White House called the talks "very good, constructive and long" in a statement', 60)).toBe(
      'The White House called the talks "very good, constructive…',
    );
    expect(cutAtClause("The leaders met in Hamburg (at the G20, in July) and spoke of Syria at length", 50)).toBe(
      "The leaders met in Hamburg (at the G20, in July)…",
    );
  });

  it("never splits a character made of two UTF-16 units", () => {
    for (let max = 40; max < 60; max++) {
      expect(cutAtClause(`${"😀 ".repeat(25)}, ${"𠮷 ".repeat(20)}`, max)).not.toMatch(LONE_SURROGATE);
    }
  });

  it("keeps the whole seed-style sentence when the dateline and abbreviations are handled", () => {
    expect(
      titleFromBody(
        "WASHINGTON/MOSCOW (Reuters) - U.S. President Donald Trump met Mr. Putin on Syria.The Kremlin said so.",
      ),
    ).toBe("U.S. President Donald Trump met Mr. Putin on Syria.");
  });
});

describe("cutAtWord", () => {
  it("returns text that fits unchanged", () => {
    expect(cutAtWord("Talks on Syria", 14)).toBe("Talks on Syria");
  });

  it("cuts at the last word boundary before the limit and adds an ellipsis", () => {
    expect(cutAtWord("Talks on Syria began", 12)).toBe("Talks on…");
  });

  it("drops punctuation left dangling before the ellipsis", () => {
    expect(cutAtWord("Trump, Putin discuss", 10)).toBe("Trump…");
    expect(cutAtWord("Talks – Putin discuss", 10)).toBe("Talks…");
  });

  it("cuts inside a word only when the text has no space to cut at", () => {
    expect(cutAtWord("Supercalifragilistic", 5)).toBe("Super…");
  });

  it("never splits an emoji: counts code points, not UTF-16 units", () => {
    // Each "😀" is one code point but two UTF-16 units.
    expect(cutAtWord("😀😀😀😀😀😀", 3)).toBe("😀😀😀…");
  });

  it("never splits a CJK character outside the Basic Multilingual Plane", () => {
    // "𠮷" (U+20BB7) is two UTF-16 units.
    const result = cutAtWord("𠮷𠮷𠮷𠮷 𠮷𠮷𠮷𠮷", 6);
    expect(result).toBe("𠮷𠮷𠮷𠮷…");
    expect(result).not.toMatch(LONE_SURROGATE);
  });

  it("never leaves a lone surrogate at the cut", () => {
    for (let max = 1; max <= 12; max++) {
      expect(cutAtWord("ab 😀😀 cd 😀 ef 😀😀😀", max)).not.toMatch(LONE_SURROGATE);
    }
  });

  it("returns text of at most `max` code points unchanged, even when emoji make it longer in UTF-16 units", () => {
    const text = "😀 ".repeat(40).trim(); // 79 code points, 119 UTF-16 units
    expect(cutAtWord(text, MAX_TITLE_LENGTH)).toBe(text);
  });
});

describe("titleFromBody after a rule", () => {
  it("takes the first line with words, not a rule such as ---", () => {
    expect(titleFromBody("---\n\nA rule then text. More.")).toBe("A rule then text.");
  });
});
