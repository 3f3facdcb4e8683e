/** What the build keeps of the passages documents share: each document's relatives, and its copy group. */
import { describe, expect, it } from "vitest";
import type { DocumentPassages, SharedWith } from "../../src/corpus/passages";
import { MemorySink, type DocumentEntry } from "../../src/corpus/assemble";
import { RecordFiles } from "../../src/corpus/record-files";
import { carriersOf, MAX_RELATED, MAX_SPANS } from "../../src/corpus/related";
import { relatedTable } from "./related-table";
import { decodeCopies, encodeCopies } from "../../src/search/index/copies";
import { relatedOf } from "../../src/search/related";

const named = (id: string) => ({ id, source: `source of ${id}`, title: `title of ${id}` });

/** What passages found for `id`: the others it shares with, each a number of one-span runs. */
function shares(id: string, others: [other: string, nearCopy: boolean, spans?: number][]): DocumentPassages {
  const sharedWith = others.map(([other, nearCopy, spans = 1]): SharedWith => ({
    id: other,
    sharedWords: 11 * spans,
    nearCopy,
    spans: Array.from({ length: spans }, (_, n) => ({ start: 100 * n, end: 100 * n + 60 + n, otherStart: 7 * n, otherEnd: 7 * n + 60, words: 11 + (n % 3) })),
  }));
  return { id, words: 1000, sharedWith };
}

describe("relatedTable", () => {
  it("gives each document, by position, the documents it shares with, named, and null to one that shares nothing", () => {
    const documents = ["a", "b", "c"].map(named);
    const table = relatedTable(documents, [shares("a", [["c", false]]), shares("c", [["a", false]])]);
    expect(table.entries[1]).toBeNull();
    expect(table.entries[0]!.map(relatedOf)).toEqual([
      { id: "c", source: "source of c", title: "title of c", nearCopy: false, sharedWords: 11, spans: [{ start: 0, end: 60, otherStart: 0, otherEnd: 60, words: 11 }] },
    ]);
    expect([...table.copies]).toEqual([-1, -1, -1]);
    expect(table.inGroups).toBe(0);
  });

  it(`keeps the ${MAX_RELATED} most shared documents, and the ${MAX_SPANS} longest spans of each, by start`, () => {
    const others = Array.from({ length: MAX_RELATED + 3 }, (_, n) => `o${n}`);
    const table = relatedTable([named("a"), ...others.map(named)], [shares("a", others.map((other): [string, boolean, number] => [other, false, MAX_SPANS + 5]))]);
    const kept = table.entries[0]!.map(relatedOf);
    expect(kept.map((related) => related.id)).toEqual(others.slice(0, MAX_RELATED));
    const spans = kept[0]!.spans;
    expect(spans).toHaveLength(MAX_SPANS);
    expect(spans.map((span) => span.start)).toEqual([...spans.map((span) => span.start)].sort((x, y) => x - y));
    // Words 11, 12, 13 in turn: the 5 dropped are 11-word ones.
    expect(spans.filter((span) => span.words === 11)).toHaveLength(Math.ceil((MAX_SPANS + 5) / 3) - 5);
  });

  it("puts near-copies in one copy group, chains included, numbered by the group's first position; others in none", () => {
    // b ≈ c, c ≈ e (b and e share less), d shares a passage with a only.
    const documents = ["a", "b", "c", "d", "e"].map(named);
    const table = relatedTable(documents, [
      shares("a", [["d", false]]),
      shares("b", [["c", true], ["e", false]]),
      shares("c", [["b", true], ["e", true]]),
      shares("d", [["a", false]]),
      shares("e", [["c", true], ["b", false]]),
    ]);
    expect([...table.copies]).toEqual([-1, 1, 1, -1, 1]);
    expect(table.inGroups).toBe(3);
  });

  it("writes copy groups as copies.bin reads them back, and refuses a file of another length", () => {
    const groups = Int32Array.from([-1, 1, 1, 70000, -1]);
    expect(decodeCopies(encodeCopies(groups), 5)).toEqual(groups);
    expect(() => decodeCopies(encodeCopies(groups), 4)).toThrow("copies.bin holds 20 bytes for 4 documents");
  });
});

describe("RecordFiles", () => {
  const entry = (id: string): DocumentEntry => ({ ...named(id), date: null, url: null, fields: id === "d" ? { author: "D" } : {}, textLength: 1000 });
  const documents = ["a", "b", "c", "d", "e"].map(entry);
  const found = [shares("a", [["d", false, 3]]), null, shares("c", [["e", true]]), shares("d", [["a", false, 3]]), shares("e", [["c", true]])];
  const read = (sink: MemorySink, name: string) => JSON.parse(new TextDecoder().decode(sink.files.get(name))) as unknown;

  it("writes a records file and its related file once the answer of its last document came, in position order", () => {
    const sink = new MemorySink();
    const records = new RecordFiles(documents, 2, sink);
    records.add(found[0]!);
    expect([...sink.files.keys()]).toEqual([]);
    records.add(found[1]!);
    expect([...sink.files.keys()]).toEqual(["records/0.json", "related/0.json"]);
    for (const answer of found.slice(2)) records.add(answer);
    expect(records.finish()).toBe(2);
    expect([...sink.files.keys()].sort()).toEqual(["copies.bin", "records/0.json", "records/1.json", "records/2.json", "related/0.json", "related/1.json", "related/2.json"]);
  });

  it("writes what relatedTable holds, and lists each sharing document's carriers in its record (its fields then written, if empty)", () => {
    const sink = new MemorySink();
    const records = new RecordFiles(documents, 2, sink);
    for (const answer of found) records.add(answer);
    records.finish();
    const table = relatedTable(documents, found.flatMap((answer) => (answer ? [answer] : [])));
    expect([0, 1, 2].flatMap((file) => read(sink, `related/${file}.json`) as unknown[])).toEqual(table.entries);
    expect(sink.files.get("copies.bin")).toEqual(encodeCopies(table.copies));
    expect(read(sink, "records/0.json")).toEqual([
      ["a", "title of a", null, null, {}, carriersOf(table.entries[0]!)],
      ["b", "title of b", null, null],
    ]);
    expect(read(sink, "records/1.json")).toEqual([
      ["c", "title of c", null, null, {}, [["e", "source of e", "title of e", 1, []]]],
      ["d", "title of d", null, null, { author: "D" }, carriersOf(table.entries[3]!)],
    ]);
  });

  it("refuses an answer at another document's place, and a finish before every answer came", () => {
    const records = new RecordFiles(documents, 2, new MemorySink());
    expect(() => records.add(found[2]!)).toThrow('the answer for "c" came at the place of "a"');
    expect(() => new RecordFiles(documents, 2, new MemorySink()).finish()).toThrow("0 answers for 5 documents");
  });
});
