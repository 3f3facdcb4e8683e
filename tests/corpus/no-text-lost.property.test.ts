import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { documentsFromFiles } from "../../src/corpus/build";
import type { CorpusFile } from "../../src/corpus/read";

const file = (path: string, text: string): CorpusFile => ({ path, bytes: new TextEncoder().encode(text), text });

/** The words of a text, in order: what a reader would search for. */
const wordsOf = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];

/** True when `needles` appear in `haystack` in the same order (other words may come between). */
function inOrder(needles: readonly string[], haystack: readonly string[]): boolean {
  let at = 0;
  for (const word of haystack) if (at < needles.length && word === needles[at]) at++;
  return at === needles.length;
}

const word = fc.constantFrom("Summary", "safe", "zones", "Syria", "report", "2017", "café", "Putin", "spoke", "talks");
const line = fc.array(word, { minLength: 1, maxLength: 8 }).map((words) => words.join(" "));
// A first line of every shape the parser treats as a headline, and some it does not.
const firstLine = fc.oneof(
  line,
  line.map((text) => `# ${text}`),
  line.map((text) => `## ${text} ##`),
  line.map((text) => `${text}.`),
);
const body = fc
  .tuple(firstLine, fc.constantFrom("\n\n", "\n"), fc.array(line, { minLength: 1, maxLength: 4 }))
  .map(([first, gap, rest]) => `${first}${gap}${rest.join(".\n")}.`);
const frontMatterTitle = fc.option(line, { nil: undefined });

describe("documentsFromFiles: no text lost", () => {
  it("keeps every word of the body in the title or the text, in order, whatever gives the title", () => {
    fc.assert(
      fc.property(body, frontMatterTitle, fc.boolean(), (text, title, markdown) => {
        const contents = title === undefined ? text : `---\ntitle: ${title}\n---\n${text}`;
        const [document] = documentsFromFiles([file(markdown ? "a.md" : "a.txt", contents)], null).documents;
        // A given title is a field of its own: the body's words must all be in the text.
        const kept = title === undefined ? [...wordsOf(document!.title), ...wordsOf(document!.text)] : wordsOf(document!.text);
        expect(inOrder(wordsOf(text), kept)).toBe(true);
      }),
    );
  });

  it("keeps a `## Summary` heading in the text when the front matter names the title", () => {
    const [document] = documentsFromFiles([file("q3.md", "---\ntitle: Q3 report\n---\n## Summary\n\nSales rose.")], null).documents;
    expect(document!.title).toBe("Q3 report");
    expect(wordsOf(document!.text)).toEqual(["Summary", "Sales", "rose"]);
  });
});
