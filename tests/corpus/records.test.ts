import { describe, expect, it } from "vitest";
import { documentsFromFiles } from "../../src/corpus/build";
import type { CorpusFile } from "../../src/corpus/read";

const file = (path: string, text: string): CorpusFile => ({ path, bytes: new TextEncoder().encode(text), text });
const manifest = (value: unknown) => file("manifest.json", JSON.stringify(value));

describe("JSON records", () => {
  it("makes each object of a .json array a document: id under the file's, title, text, and every other key a field", () => {
    const json = JSON.stringify([
      { id: "sku-1", title: "Solar panel", body: "Makes power from light.", tags: ["solar", "energy"], price: 120, source: "Shop", date: "2017-05-02" },
      { id: 2, title: "Wind turbine", text: "Makes power from wind.", url: "https://example.org/wind" },
    ]);
    const { documents, problems } = documentsFromFiles([file("catalogue/products.json", json)], null);
    expect(problems).toEqual([]);
    expect(documents).toEqual([
      {
        id: "catalogue/products/sku-1",
        title: "Solar panel",
        source: "Shop",
        date: "2017-05-02",
        url: null,
        text: "Makes power from light.",
        fields: { price: 120, tags: ["solar", "energy"] },
      },
      { id: "catalogue/products/2", title: "Wind turbine", source: "catalogue", date: null, url: "https://example.org/wind", text: "Makes power from wind.", fields: {} },
    ]);
  });

  it("reads one object as one record, and numbers records that have no id", () => {
    expect(documentsFromFiles([file("one.json", '{"text": "Only one."}')], null).documents.map((document) => document.id)).toEqual(["one/1"]);
  });

  it("keeps every text key past the first as a field, so no word is lost", () => {
    const [document] = documentsFromFiles([file("a.json", '{"id": "a", "body": "The body.", "content": "More words."}')], null).documents;
    expect(document!.text).toBe("The body.");
    expect(document!.fields).toEqual({ content: "More words." });
  });

  it("reads JSON Lines, naming each bad line with its number and keeping the good ones", () => {
    const lines = ['{"id": "a", "text": "First."}', "", "{not json", '["an", "array"]', '{"id": "b", "text": "Second.", "date": "yesterday"}', '{"id": "c", "text": "Third."}'].join("\n");
    const { documents, problems } = documentsFromFiles([file("log.jsonl", lines)], null);
    expect(documents.map((document) => document.id)).toEqual(["log/a", "log/c"]);
    expect(problems.map((problem) => problem.path)).toEqual(["log.jsonl", "log.jsonl", "log.jsonl"]);
    expect(problems.map((problem) => problem.reason)).toEqual([
      expect.stringMatching(/^line 3: not valid JSON \(/),
      "line 4: expected an object of fields, got an array",
      "line 5: date must be an ISO 8601 date such as 2017-05-02, got \"yesterday\"",
    ]);
  });

  it("names a .json file that is not JSON", () => {
    const { problems } = documentsFromFiles([file("broken.json", "[{")], null);
    expect(problems).toEqual([{ path: "broken.json", reason: expect.stringMatching(/^not valid JSON: /) }]);
  });

  it("takes the keys of id, title and text from the manifest's records mapping, and the file's source from its entry", () => {
    const json = JSON.stringify([{ sku: "x1", name: "Zone map", description: "A map of the zones.", title: "kept as a field" }]);
    const { documents } = documentsFromFiles(
      [file("items.json", json)],
      manifest({ records: { id: "sku", title: "name", text: "description" }, documents: { "items.json": { source: "Catalogue" } } }),
    );
    expect(documents).toEqual([
      { id: "items/x1", title: "Zone map", source: "Catalogue", date: null, url: null, text: "A map of the zones.", fields: { title: "kept as a field" } },
    ]);
  });

  it("rejects a record id with an empty, . or .. segment, which no URL could look up", () => {
    const { documents, problems } = documentsFromFiles([file("a.jsonl", '{"id": "../../etc", "text": "x"}\n{"id": "b/", "text": "y"}\n{"id": "ok/1", "text": "z"}')], null);
    expect(documents.map((document) => document.id)).toEqual(["a/ok/1"]);
    expect(problems.map((problem) => problem.reason)).toEqual([
      'line 1: the id "../../etc" has an empty, "." or ".." segment, which a URL cannot keep',
      'line 2: the id "b/" has an empty, "." or ".." segment, which a URL cannot keep',
    ]);
  });

  it("keeps a __proto__ key, a list of objects by their keys, and two keys meeting under one name", () => {
    const [document] = documentsFromFiles(
      [file("a.json", '{"id": "x", "text": "t", "__proto__": "kept", "authors": [{"name": "A"}, {"name": "B"}], "w": {"d": "one"}, "w.d": "two"}')],
      null,
    ).documents;
    // Entries, not an object literal: in a literal, __proto__ would set the prototype.
    expect(Object.entries(document!.fields)).toEqual([
      ["__proto__", "kept"],
      ["authors.name", ["A", "B"]],
      ["w.d", ["one", "two"]],
    ]);
  });

  it("rejects records of one file that share an id, naming the file", () => {
    const { documents, problems } = documentsFromFiles([file("a.json", '[{"id": "x", "text": "One."}, {"id": "X", "text": "Two."}]')], null);
    expect(documents).toEqual([]);
    expect(problems).toEqual([
      { path: "a.json", reason: 'duplicate id "a/x": collides with a.json' },
      { path: "a.json", reason: 'duplicate id "a/X": collides with a.json' },
    ]);
  });

  it("keeps a record with a title or fields but no text, and skips one with no word at all", () => {
    const { documents, warnings } = documentsFromFiles([file("a.jsonl", '{"id": "t", "title": "Title only"}\n{"id": "e", "text": " "}')], null);
    expect(documents.map(({ id, title, text }) => ({ id, title, text }))).toEqual([{ id: "a/t", title: "Title only", text: "" }]);
    expect(warnings).toEqual(["a.jsonl: line 2 has no text, skipped"]);
  });
});
