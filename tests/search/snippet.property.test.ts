import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/search/analysis/tokenize";
import { snippet, type Highlight } from "../../src/search/snippet";

// Text made of words, spaces, punctuation, markup characters, entities,
// curly quotes, emoji and CJK: what real documents throw at a snippet.
const piece = fc.constantFrom(
  "safe", "zones", "Syria.The", "U.S.-Russian", "Russia’s", " ", "  ", "\n", "&amp;", "<b>", "</b>", "\"", "'",
  "“", "”", "…", "😀", "👍🏽", "杭州", "café", "e\u0301", "\u0301", "-", ".", "<mark>", "x",
);
const documentText = fc.array(piece, { maxLength: 120 }).map((pieces) => pieces.join(""));

/** HTML as text: marks removed, escapes undone once. */
function unescaped(html: string): string {
  return html
    .replace(/<\/?mark>/g, "")
    .replace(/&lt;|&gt;|&quot;|&#39;|&amp;/g, (entity) => ({ "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&amp;": "&" })[entity]!);
}

/**
 * The snippet's HTML without the ellipses that say where it cut the text.
 * An ellipsis at either end is such a cut unless the text itself begins or
 * ends with that ellipsis there ("…\u0301" shown whole is not a cut before
 * an accent).
 */
function uncut(html: string, text: string): string {
  const cutsAtStart = html.startsWith("…") ? [false, true] : [false];
  const cutsAtEnd = html.endsWith("…") && html.length > 1 ? [false, true] : [false];
  for (const start of cutsAtStart) {
    for (const end of cutsAtEnd) {
      const body = html.slice(start ? 1 : 0, end ? -1 : undefined);
      const piece = unescaped(body);
      const startHolds = start || cutsAtStart.length === 1 || text.startsWith(piece);
      const endHolds = end || cutsAtEnd.length === 1 || text.endsWith(piece);
      if (startHolds && endHolds && text.includes(piece)) return body;
    }
  }
  return html.replace(/^…|…$/g, "");
}

/** The piece of `text` the snippet shows: marks and cut ellipses removed, escapes undone once. */
function plainText(html: string, text: string): string {
  return unescaped(uncut(html, text));
}

/** Where a character as a reader sees it (a grapheme cluster) starts, and the text's end: the only places to cut. */
function graphemeBoundaries(text: string): Set<number> {
  const boundaries = new Set([text.length]);
  for (const { index } of new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text)) boundaries.add(index);
  return boundaries;
}

/** True when `passage` occurs in `text` starting and ending on grapheme boundaries. */
function cutOnGraphemes(text: string, passage: string): boolean {
  const boundaries = graphemeBoundaries(text);
  for (let at = text.indexOf(passage); at !== -1; at = text.indexOf(passage, at + 1)) {
    if (boundaries.has(at) && boundaries.has(at + passage.length)) return true;
  }
  return false;
}

/** Marks on a word that touches either edge of the snippet's body (not counted as "inside"). */
function edgeMarks(body: string): number {
  return (body.startsWith("<mark>") ? 1 : 0) + (body.endsWith("</mark>") && body !== "" ? 1 : 0) -
    (body.startsWith("<mark>") && body.endsWith("</mark>") && body.indexOf("<mark>", 1) === -1 ? 1 : 0);
}

// Property tests of a few thousand snippets: about a second alone, more on a busy machine.
describe("snippet, for any text and any matched terms", { timeout: 30_000 }, () => {
  // Terms of single words (a compound's joined form is marked as one span, checked elsewhere).
  const cases = documentText.chain((text) => {
    const terms = [...new Set(tokenize(text).flatMap((token) => (token.term && token.span === 1 ? [token.term] : [])))];
    return fc.tuple(fc.constant(text), fc.subarray(terms));
  });
  const highlight = (terms: string[]): Highlight => ({
    terms: new Map(terms.map((term, clause) => [term, { clause, weight: 1 }])),
    phrases: [],
  });

  it("is a contiguous piece of the document once marks are removed and escapes undone", () => {
    fc.assert(
      fc.property(cases, ([text, terms]) => {
        const html = snippet(text, highlight(terms));
        expect(text).toContain(plainText(html, text));
      }),
      { numRuns: 500 },
    );
  });

  it("contains no markup but its own <mark> tags, and no lone surrogate", () => {
    fc.assert(
      fc.property(cases, ([text, terms]) => {
        const html = snippet(text, highlight(terms));
        expect(html.replace(/<\/?mark>/g, "")).not.toMatch(/[<>"]/);
        expect(html.isWellFormed()).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("cuts between characters as a reader sees them, where the text has spaces or words to cut at", () => {
    fc.assert(
      fc.property(cases, ([text, terms]) => {
        expect(cutOnGraphemes(text, plainText(snippet(text, highlight(terms)), text))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  // A known gap (issue 6): with no space or word edge to cut at, snippet.ts falls back to a code-point
  // boundary, which can split 👍🏽 or 🇺🇦 in two. Make this an it() once it cuts on grapheme boundaries.
  it("cuts between characters as a reader sees them in a long run of emoji, flags and families", () => {
    const emoji = fc.array(fc.constantFrom("👍🏽", "🇺🇦", "👨‍👩‍👧", "😀", "❤️"), { minLength: 60, maxLength: 200 }).map((run) => run.join(""));
    fc.assert(
      fc.property(emoji, emoji, (before, after) => {
        const text = `${before} zones ${after}`;
        expect(cutOnGraphemes(text, plainText(snippet(text, highlight(["zone"])), text))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("shows a mark whenever the text holds a matched word, however late, with or without needles", () => {
    // Filler of up to 120,000 characters before the document: past any prefix a snippet might read.
    const filler = fc.tuple(fc.constantFrom("word ", "trumpet ", "İ "), fc.integer({ min: 0, max: 24_000 })).map(([word, times]) => word.repeat(times));
    fc.assert(
      fc.property(cases, filler, fc.boolean(), ([text, terms], before, withNeedles) => {
        const whole = before + text;
        const tokens = tokenize(whole).filter((token) => token.term !== null && terms.includes(token.term));
        fc.pre(tokens.length > 0);
        const written = new Map(tokens.map((token) => [whole.slice(token.start, token.end).toLowerCase(), terms.indexOf(token.term!)]));
        const needles = withNeedles ? [...written].map(([text, clause]) => ({ text, clause, weight: 1 })) : undefined;
        expect(snippet(whole, { ...highlight(terms), needles })).toContain("<mark>");
      }),
      { numRuns: 200 },
    );
  });

  it("marks a word exactly when its term was matched", () => {
    fc.assert(
      fc.property(cases, ([text, terms]) => {
        const html = snippet(text, highlight(terms));
        const marked = [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((match) => unescaped(match[1]!));
        for (const word of marked) expect(terms).toContain(tokenize(word)[0]?.term);
        // Every matched word inside the passage (not cut by its edges) is marked.
        const plain = plainText(html, text);
        const inner = tokenize(plain).filter((token) => token.span === 1 && token.start > 0 && token.end < plain.length);
        const expected = inner.filter((token) => token.term !== null && terms.includes(token.term)).length;
        const markedInside = [...html.matchAll(/<mark>/g)].length - edgeMarks(uncut(html, text));
        expect(markedInside).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
