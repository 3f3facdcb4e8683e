import { describe, expect, it } from "vitest";
import { PART_BLOCKS, partOfMatch, readingBlocks, readingParts } from "../../src/page/reading";

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

  it("cuts a text without blank lines at a line break, and a text without line breaks at a space, never inside an escaped character", () => {
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i} &amp; ${"word ".repeat(10)}`).join("\n");
    const byLine = readingBlocks(lines).blocks;
    expect(byLine.length).toBeGreaterThan(2);
    expect(byLine.join("")).toBe(lines);
    for (const block of byLine.slice(0, -1)) expect(block.endsWith("\n")).toBe(true);
    const oneLine = lines.replace(/\n/g, " ");
    const bySpace = readingBlocks(oneLine).blocks;
    expect(bySpace.length).toBeGreaterThan(2);
    expect(bySpace.join("")).toBe(oneLine);
    for (const block of bySpace) expect(block).not.toMatch(/&[a-z]*$|^[a-z]*;/);
  });
});

describe("readingBlocks on text with nowhere to cut", () => {
  it("cuts text without a space anywhere, but never inside an escaped character or a surrogate pair", () => {
    for (const unit of ["&amp;", "&quot;x", "😀", "ab&lt;"]) {
      const text = unit.repeat(Math.ceil(40_000 / unit.length));
      const { blocks } = readingBlocks(text);
      expect(blocks.join("")).toBe(text);
      expect(blocks.length).toBeGreaterThan(3);
      for (const block of blocks) {
        expect(block.length).toBeLessThanOrEqual(16_000);
        expect(block).not.toMatch(/&[a-z]*$/);
        expect(block).not.toMatch(/^[a-z]*;/);
        expect(block).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
      }
    }
  });

  it("cuts after a mark that spans the place it would cut, not at the space inside it", () => {
    const text = `${"x".repeat(7_995)}<mark>safe zones</mark> <mark>zones</mark>${" y".repeat(10_000)}`;
    const { blocks, count } = readingBlocks(text);
    expect(count).toBe(2);
    expect(blocks[0]!.endsWith('<mark id="match-1">safe zones</mark> ')).toBe(true);
    expect(blocks[1]!.startsWith('<mark id="match-2">zones</mark>')).toBe(true);
    for (const block of blocks) expect(block.match(/<mark/g)?.length ?? 0).toBe(block.match(/<\/mark>/g)?.length ?? 0);
  });
});

describe("readingParts", () => {
  /** Text of `paragraphs` paragraphs of about 1,000 characters; those listed in `marked` hold one match. */
  const text = (paragraphs: number, marked: number[] = []) =>
    Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i} ${"words ".repeat(160)}${marked.includes(i) ? "<mark>safe</mark>" : "plain"}.`).join("\n\n");

  it("gives a short document one part holding every match", () => {
    const reading = readingParts(text(3, [0, 2]));
    expect(reading.matches).toBe(2);
    expect(reading.parts).toHaveLength(1);
    expect(reading.parts[0]).toMatchObject({ firstMatch: 1, matches: 2 });
  });

  it("gives an empty text one empty part", () => {
    expect(readingParts("")).toEqual({ parts: [{ blocks: [], firstMatch: 1, matches: 0 }], matches: 0 });
  });

  it("cuts a long document into parts of PART_BLOCKS blocks, numbering matches across them, losing nothing", () => {
    // About 400,000 characters: some 50 blocks, so five parts.
    const marked = [0, 5, 150, 151, 390];
    const source = text(400, marked);
    const reading = readingParts(source);
    expect(reading.parts.length).toBeGreaterThan(2);
    expect(reading.parts.every((part, i) => part.blocks.length === PART_BLOCKS || i === reading.parts.length - 1)).toBe(true);
    let n = 0;
    expect(reading.parts.flatMap((part) => part.blocks).join("")).toBe(source.replace(/<mark>/g, () => `<mark id="match-${++n}">`));
    expect(reading.matches).toBe(5);
    expect(reading.parts.reduce((sum, part) => sum + part.matches, 0)).toBe(5);
    for (const part of reading.parts) {
      const numbers = [...part.blocks.join("").matchAll(/id="match-(\d+)"/g)].map((match) => Number(match[1]));
      expect(numbers).toEqual(Array.from({ length: part.matches }, (_, i) => part.firstMatch + i));
    }
  });

  it("finds the part holding a match, and part 1 for a match there is not", () => {
    const reading = readingParts(text(400, [0, 5, 150, 151, 390]));
    for (let match = 1; match <= 5; match++) {
      const part = reading.parts[partOfMatch(reading, match) - 1]!;
      expect(part.blocks.join("")).toContain(`id="match-${match}"`);
    }
    expect(partOfMatch(reading, 6)).toBe(1);
    expect(partOfMatch(readingParts(text(3)), 1)).toBe(1);
  });
});
