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
/** Words of link targets and image paths: never searchable text. */
const LINK_WORDS = new Set(["https", "links", "example", "target", "pictures", "image", "png"]);
// A word in any of Markdown's inline forms.
const markdownWord = word.chain((one) =>
  fc
    .constantFrom(one, `**${one}**`, `_${one}_`, `\`${one}\``, `[${one}](https://links.example/target)`, `![${one}](pictures/image.png)`)
    .map((written) => [one, written] as const),
);
const markdownLine = fc.array(markdownWord, { minLength: 1, maxLength: 6 });
const markdownBlock = fc
  .tuple(fc.constantFrom("", "# ", "## ", "- ", "> ", "1. "), markdownLine)
  .map(([marker, pairs]) => ({
    markdown: marker + pairs.map(([, written]) => written).join(" "),
    words: [...(marker === "1. " ? ["1"] : []), ...pairs.map(([one]) => one)],
  }));
// Words in HTML blocks and inline elements, some written as entities.
const htmlWord = word.map((one) => ({ one, html: one.replace("é", "&eacute;") })).chain(({ one, html }) =>
  fc.constantFrom({ one, html }, { one, html: `<b>${html}</b>` }, { one, html: `<a href="https://links.example/target">${html}</a>` }),
);
const htmlBlock = fc
  .tuple(fc.constantFrom("p", "li", "h2", "div", "td", "blockquote"), fc.array(htmlWord, { minLength: 1, maxLength: 6 }))
  .map(([tag, written]) => ({ html: `<${tag}>${written.map(({ html }) => html).join(" &amp; ")}</${tag}>`, words: written.map(({ one }) => one) }));
// A JSON record: keys the mapping reads (title, text, body, content) and others, some nested or lists.
const record = fc.record(
  {
    title: line,
    text: line,
    body: line,
    content: line,
    author: line,
    tags: fc.array(word, { maxLength: 3 }),
    extra: fc.record({ note: line }),
  },
  { requiredKeys: [] },
);
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

  it("keeps every word of a Markdown file, whatever its syntax, and none of the syntax or link targets", () => {
    fc.assert(
      fc.property(fc.array(markdownBlock, { minLength: 1, maxLength: 6 }), (blocks) => {
        const source = blocks.map(({ markdown }) => markdown).join("\n\n");
        const [document] = documentsFromFiles([file("a.md", source)], null).documents;
        const kept = [...wordsOf(document!.title), ...wordsOf(document!.text)];
        expect(inOrder(blocks.flatMap(({ words }) => words), kept)).toBe(true);
        expect(kept.filter((one) => LINK_WORDS.has(one))).toEqual([]);
        expect(document!.text).not.toMatch(/\*\*|`|\]\(|^#/m);
      }),
    );
  });

  it("keeps every word of an HTML page's content, entities decoded and no markup left", () => {
    fc.assert(
      fc.property(fc.array(htmlBlock, { minLength: 1, maxLength: 6 }), (blocks) => {
        const source = `<html><head><title>Page</title></head><body>${blocks.map(({ html }) => html).join("")}</body></html>`;
        const [document] = documentsFromFiles([file("a.html", source)], null).documents;
        expect(inOrder(blocks.flatMap(({ words }) => words), wordsOf(document!.text))).toBe(true);
        expect(document!.text).not.toMatch(/[<>]|&\w+;/);
      }),
    );
  });

  it("keeps every word of every JSON record's values in its title, text or fields, and every front matter key as a field", () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 5 }), fc.boolean(), (generated, lines) => {
        // Ids unique within the file (records sharing one are rejected, named), or none: numbered.
        const records = generated.map((one, i) => (i % 2 === 0 ? { ...one, id: `r${i}` } : one));
        const source = lines ? records.map((one) => JSON.stringify(one)).join("\n") : JSON.stringify(records);
        const { documents } = documentsFromFiles([file(lines ? "r.jsonl" : "r.json", source)], null);
        const kept = documents.flatMap((document) => [document.id, document.title, document.text, JSON.stringify(document.fields)].flatMap(wordsOf));
        const given = records.flatMap((one) => wordsOf(JSON.stringify(Object.values(one))));
        expect(given.filter((one) => !kept.includes(one))).toEqual([]);
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("author", "tags", "notes", "Project Name"), line, { minKeys: 1 }), (given) => {
        const yaml = Object.entries(given).map(([key, value]) => `"${key}": "${value}"`).join("\n");
        const [document] = documentsFromFiles([file("a.md", `---\n${yaml}\n---\nBody.`)], null).documents;
        expect(document!.fields).toEqual(given);
      }),
    );
  });

  it("keeps a `## Summary` heading in the text when the front matter names the title", () => {
    const [document] = documentsFromFiles([file("q3.md", "---\ntitle: Q3 report\n---\n## Summary\n\nSales rose.")], null).documents;
    expect(document!.title).toBe("Q3 report");
    expect(wordsOf(document!.text)).toEqual(["Summary", "Sales", "rose"]);
  });
});
