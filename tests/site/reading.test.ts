import { describe, expect, it } from "vitest";
import { readingBlocks } from "../../src/page/document-page";

describe("readingBlocks", () => {
  it("numbers every match, in order, for links and the script to step through", () => {
    const { blocks, count } = readingBlocks("a <mark>safe</mark> b <mark>zones</mark>");
    expect(count).toBe(2);
    expect(blocks).toEqual(['a <mark id="match-1">safe</mark> b <mark id="match-2">zones</mark>']);
  });

  it("cuts a long text into blocks at blank lines, never inside a mark, losing nothing", () => {
    const paragraph = (i: number) => `Paragraph ${i} says ${"words ".repeat(200)}and <mark>safe\n\nzones</mark> here.`;
    const text = Array.from({ length: 60 }, (_, i) => paragraph(i)).join("\n\n");
    const { blocks, count } = readingBlocks(text);
    expect(count).toBe(60);
    expect(blocks.length).toBeGreaterThan(5);
    let n = 0;
    expect(blocks.join("")).toBe(text.replace(/<mark>/g, () => `<mark id="match-${++n}">`));
    for (const block of blocks) {
      // Every block opens and closes its own marks.
      expect(block.match(/<mark/g)?.length ?? 0).toBe(block.match(/<\/mark>/g)?.length ?? 0);
      expect(block.lastIndexOf("<mark")).toBeLessThanOrEqual(block.lastIndexOf("</mark>") + 1 || Infinity);
    }
  });

  it("gives a short text one block, and a text without matches a count of 0", () => {
    expect(readingBlocks("plain\n\ntext")).toEqual({ blocks: ["plain\n\ntext"], count: 0 });
  });
});
