import { describe, expect, it } from "vitest";
import { FrontMatterError, parseText } from "../../src/corpus/parse";

describe("parseText: front matter", () => {
  it("parses the front matter and removes it from the body", () => {
    expect(parseText("---\ntitle: Talks on Syria\nsource: Reuters\n---\nThe two leaders spoke.", "text")).toEqual({
      frontMatter: { title: "Talks on Syria", source: "Reuters" },
      headline: null,
      dateLine: null,
      body: "The two leaders spoke.",
    });
  });

  it("keeps an unquoted date as the string it was written as, not a Date at midnight", () => {
    const { frontMatter } = parseText("---\ndate: 2017-05-02\n---\nBody.", "text");
    expect(frontMatter).toEqual({ date: "2017-05-02" });
    expect(frontMatter.date).not.toBeInstanceOf(Date);
  });

  it("keeps a quoted date as the same string", () => {
    expect(parseText('---\ndate: "2017-05-02"\n---\nBody.', "text").frontMatter).toEqual({ date: "2017-05-02" });
  });

  it("keeps an unquoted timestamp as the string it was written as", () => {
    expect(parseText("---\ndate: 2017-05-02 10:30:00\n---\nBody.", "text").frontMatter).toEqual({
      date: "2017-05-02 10:30:00",
    });
  });

  it("gives an empty front matter for a file without one", () => {
    expect(parseText("Just a body.", "text").frontMatter).toEqual({});
  });

  it("gives an empty front matter for an empty block", () => {
    expect(parseText("---\n---\nBody.", "text")).toEqual({
      frontMatter: {},
      headline: null,
      dateLine: null,
      body: "Body.",
    });
  });

  it("parses two identical files independently (no shared cache between calls)", () => {
    const text = "---\ntitle: Same\n---\nBody.";
    const first = parseText(text, "text");
    (first.frontMatter as { title: string }).title = "changed";
    expect(parseText(text, "text").frontMatter).toEqual({ title: "Same" });
  });

  it("throws FrontMatterError for front matter that is not valid YAML", () => {
    expect(() => parseText("---\ntitle: [unclosed\n---\nBody.", "text")).toThrow(FrontMatterError);
    expect(() => parseText("---\ntitle: [unclosed\n---\nBody.", "text")).toThrow(/^invalid front matter: /);
  });

  it("throws FrontMatterError for a repeated key", () => {
    expect(() => parseText("---\ntitle: a\ntitle: b\n---\nBody.", "text")).toThrow(
      "invalid front matter: Map keys must be unique at line 3, column 1:",
    );
  });

  it("throws FrontMatterError for front matter that is a list, not key: value pairs", () => {
    expect(() => parseText("---\n- a\n- b\n---\nBody.", "text")).toThrow(
      new FrontMatterError("invalid front matter: expected key: value pairs"),
    );
  });

  it("throws FrontMatterError for front matter that is a bare string", () => {
    expect(() => parseText("---\njust words\n---\nBody.", "text")).toThrow(
      new FrontMatterError("invalid front matter: expected key: value pairs"),
    );
  });
});

describe("parseText: front matter delimiters", () => {
  it("refuses a closing line that is not exactly ---, naming it", () => {
    expect(() => parseText("---\ntitle: A\n----\nBody.", "text")).toThrow(
      new FrontMatterError('invalid front matter: line 3 ("----") is not the closing "---"'),
    );
  });

  it("refuses a block that is never closed instead of taking the whole file as front matter", () => {
    for (const text of ["---\ntitle: X\nsource: Y\n", "---\ntitle: X\nThe prose goes on."]) {
      expect(() => parseText(text, "text")).toThrow(
        new FrontMatterError('invalid front matter: the "---" block on line 1 is never closed by a "---" line'),
      );
    }
  });

  it("reads an opening --- that starts no metadata as a rule, which is no text in Markdown", () => {
    expect(parseText("---\n\nA rule, then text.", "markdown")).toEqual({
      frontMatter: {},
      headline: null,
      dateLine: null,
      body: "A rule, then text.",
    });
    expect(parseText("---\n\nA rule, then text.", "text").body).toBe("---\n\nA rule, then text.");
  });
});

describe("parseText: headline", () => {
  it("takes a first line set apart by a blank line as the headline, and keeps it in the body", () => {
    expect(parseText("Putin, Trump agree to work together on Syria\n\nThe two leaders spoke.", "text")).toEqual({
      frontMatter: {},
      headline: { title: "Putin, Trump agree to work together on Syria", after: "The two leaders spoke." },
      dateLine: null,
      body: "Putin, Trump agree to work together on Syria\n\nThe two leaders spoke.",
    });
  });

  it("accepts a headline ending with a question mark", () => {
    expect(parseText("Will they meet?\n\nThe two leaders spoke.", "text").headline?.title).toBe("Will they meet?");
  });

  it("trims spaces around the headline", () => {
    expect(parseText("  Talks on Syria  \n\nBody.", "text").headline?.title).toBe("Talks on Syria");
  });

  it("finds no headline when the first line ends with a period", () => {
    expect(parseText("The leaders spoke.\n\nThey agreed.", "text")).toEqual({
      frontMatter: {},
      headline: null,
      dateLine: null,
      body: "The leaders spoke.\n\nThey agreed.",
    });
  });

  it("finds no headline when the first line ends with a comma, semicolon or colon", () => {
    expect(parseText("He said,\n\nthey agreed.", "text").headline).toBeNull();
    expect(parseText("First;\n\nthen.", "text").headline).toBeNull();
    expect(parseText("As follows:\n\nthey agreed.", "text").headline).toBeNull();
  });

  it("finds no headline when the first line runs straight into the next", () => {
    expect(parseText("Talks on Syria\nThe two leaders spoke.", "text")).toEqual({
      frontMatter: {},
      headline: null,
      dateLine: null,
      body: "Talks on Syria\nThe two leaders spoke.",
    });
  });

  it("does not take a rule (a line without words) as the headline", () => {
    expect(parseText("***\n\nText.", "text").headline).toBeNull();
  });

  it("finds no headline in a one-line text", () => {
    expect(parseText("Talks on Syria", "text").headline).toBeNull();
  });

  it("finds no headline in a first line longer than 200 characters", () => {
    const long = "word ".repeat(41).trim();
    expect(long.length).toBe(204);
    expect(parseText(`${long}\n\nBody.`, "text").headline).toBeNull();
  });

  it("takes a Markdown heading as the headline, even with no blank line after it", () => {
    expect(parseText("# Talks on Syria\nThe two leaders spoke.", "markdown")).toEqual({
      frontMatter: {},
      headline: { title: "Talks on Syria", after: "The two leaders spoke." },
      dateLine: null,
      body: "Talks on Syria\n\nThe two leaders spoke.",
    });
  });

  it("drops the closing hashes of a Markdown heading", () => {
    expect(parseText("## Talks on Syria ##\n\nBody.", "markdown").headline?.title).toBe("Talks on Syria");
  });

  it("takes a headline after the front matter", () => {
    expect(parseText("---\nsource: AP\n---\n# Talks\n\nBody.", "markdown")).toEqual({
      frontMatter: { source: "AP" },
      headline: { title: "Talks", after: "Body." },
      dateLine: null,
      body: "Talks\n\nBody.",
    });
  });
});

describe("parseText: date line", () => {
  it("takes a leading `date YYYY-MM-DD` line as the date and removes it from the body", () => {
    expect(parseText("date 2017-05-02\n\nThe two leaders spoke.", "text")).toEqual({
      frontMatter: {},
      headline: null,
      dateLine: "2017-05-02",
      body: "The two leaders spoke.",
    });
  });

  it("takes the date when the body continues on the same line, as in seed 000", () => {
    expect(parseText(" date 2017-05-02 The Kremlin says Putin spoke.The call was long.", "text")).toEqual({
      frontMatter: {},
      headline: null,
      dateLine: "2017-05-02",
      body: "The Kremlin says Putin spoke.The call was long.",
    });
  });

  it("takes a date line given to the month or the year", () => {
    expect(parseText("date 2017-05\nBody.", "text").dateLine).toBe("2017-05");
    expect(parseText("Date 2017\nBody.", "text").dateLine).toBe("2017");
  });

  it("finds the headline below the date line", () => {
    expect(parseText("date 2017-05-02\nTalks on Syria\n\nBody.", "text")).toEqual({
      frontMatter: {},
      headline: { title: "Talks on Syria", after: "Body." },
      dateLine: "2017-05-02",
      body: "Talks on Syria\n\nBody.",
    });
  });

  it("leaves a date that is not on the first line in the body", () => {
    expect(parseText("Body first.\ndate 2017-05-02", "text")).toEqual({
      frontMatter: {},
      headline: null,
      dateLine: null,
      body: "Body first.\ndate 2017-05-02",
    });
  });

  it("does not take a word that merely starts with a date-like number", () => {
    expect(parseText("date 2017-05-02T10:00 is the time.", "text").dateLine).toBeNull();
    expect(parseText("dated 2017-05-02 is a word.", "text").dateLine).toBeNull();
  });

  it("takes the date line when blank lines come before it", () => {
    expect(parseText("\ndate 2017-05-02\n\nThe two leaders spoke.", "text")).toEqual({
      frontMatter: {},
      headline: null,
      dateLine: "2017-05-02",
      body: "The two leaders spoke.",
    });
  });

  it("takes the date line when a blank line separates it from the front matter", () => {
    expect(parseText("---\nsource: AP\n---\n\ndate 2017-05-02\n\nThe two leaders spoke.", "text")).toEqual({
      frontMatter: { source: "AP" },
      headline: null,
      dateLine: "2017-05-02",
      body: "The two leaders spoke.",
    });
  });
});
