/** Encoded data found the fast way (runs, then their edges) against the one regular expression it replaced. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodedStretches } from "../../src/search/analysis/tokenize";

/** The simple way: a whitespace-delimited stretch of the alphabet, by lookbehind and lookahead. */
function simpleWay(text: string): { start: number; end: number }[] {
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/];
  return [...text.matchAll(/(?<!\S)[A-Za-z0-9+/=]{24,}(?!\S)/g)]
    .filter((match) => kinds.every((kind) => kind.test(match[0])))
    .map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

// Runs long enough to be encoded, short ones, and what may stand beside them.
const piece = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9+/=]{20,40}$/),
  fc.stringMatching(/^[a-z0-9]{24,30}$/),
  fc.constantFrom(" ", "\n", "\u00a0", "-", ".", "é", "word", "\r\n", "Zz9", "\t"),
);

describe("encodedStretches", () => {
  it("finds what the lookbehind expression finds, in any text", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join("");
        expect(encodedStretches(text)).toEqual(simpleWay(text));
      }),
      { numRuns: 500 },
    );
  });
});
