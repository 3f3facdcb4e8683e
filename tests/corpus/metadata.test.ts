import { describe, expect, it } from "vitest";
import {
  MetadataError,
  normalizeDate,
  parseManifest,
  readGivenMetadata,
  sourceFromPath,
  UNKNOWN_SOURCE,
} from "../../src/corpus/metadata";

describe("normalizeDate", () => {
  it("keeps a year given as a number", () => {
    expect(normalizeDate(2017)).toBe("2017");
  });

  it("keeps a year given as text", () => {
    expect(normalizeDate("2017")).toBe("2017");
  });

  it("keeps a month", () => {
    expect(normalizeDate("2017-05")).toBe("2017-05");
  });

  it("keeps a day", () => {
    expect(normalizeDate("2017-05-02")).toBe("2017-05-02");
  });

  it("trims spaces around the date", () => {
    expect(normalizeDate("  2017-05-02 ")).toBe("2017-05-02");
  });

  it("writes a timestamp with a space as ISO 8601 with a T", () => {
    expect(normalizeDate("2017-05-02 10:30:00")).toBe("2017-05-02T10:30:00");
  });

  it("keeps a UTC timestamp", () => {
    expect(normalizeDate("2017-05-02T10:30:00Z")).toBe("2017-05-02T10:30:00Z");
  });

  it("keeps a timestamp with an offset", () => {
    expect(normalizeDate("2017-05-02T10:30:00+03:00")).toBe("2017-05-02T10:30:00+03:00");
  });

  it("accepts 29 February in a leap year", () => {
    expect(normalizeDate("2016-02-29")).toBe("2016-02-29");
  });





  it("rejects 30 February", () => {
    expect(() => normalizeDate("2017-02-30")).toThrow(
      new MetadataError('date must be an ISO 8601 date such as 2017-05-02, got "2017-02-30"'),
    );
  });

  it("rejects 29 February outside a leap year", () => {
    expect(() => normalizeDate("2017-02-29")).toThrow(MetadataError);
  });

  it("rejects month 13", () => {
    expect(() => normalizeDate("2017-13")).toThrow(
      new MetadataError('date must be an ISO 8601 date such as 2017-05-02, got "2017-13"'),
    );
  });

  it("rejects words", () => {
    expect(() => normalizeDate("yesterday")).toThrow(
      new MetadataError('date must be an ISO 8601 date such as 2017-05-02, got "yesterday"'),
    );
  });

  it("writes the T and Z of a timestamp in upper case", () => {
    expect(normalizeDate("2017-05-02t10:00z")).toBe("2017-05-02T10:00Z");
  });

  it("rejects a time-zone offset past 14 hours", () => {
    expect(() => normalizeDate("2017-05-02T10:00+25:00")).toThrow(MetadataError);
  });

  it("rejects an hour past 23", () => {
    expect(() => normalizeDate("2017-05-02T24:00")).toThrow(MetadataError);
  });

  it("rejects a Date: dates are read as the text they were written as", () => {
    expect(() => normalizeDate(new Date(Date.UTC(2017, 4, 2)))).toThrow(MetadataError);
  });

  it("rejects a number that is not a whole year", () => {
    expect(() => normalizeDate(2017.5)).toThrow(new MetadataError("date must be an ISO 8601 date, got 2017.5"));
  });

});

describe("readGivenMetadata", () => {
  it("reads title, source, date and url, trimmed", () => {
    expect(
      readGivenMetadata({ title: " Talks ", source: "Reuters", date: "2017-05-02", url: "https://example.com/a" }),
    ).toEqual({ title: "Talks", source: "Reuters", date: "2017-05-02", url: "https://example.com/a" });
  });

  it("keeps every other key as a field: text, numbers, lists, nested keys joined with a dot", () => {
    expect(
      readGivenMetadata({ source: "Sky News", evidence: "a correspondent", tags: ["solar", 2017, true], pages: 12, author: { name: "Jane Doe" }, empty: "" }),
    ).toEqual({
      source: "Sky News",
      fields: { "author.name": "Jane Doe", evidence: "a correspondent", pages: 12, tags: ["solar", "2017", "true"] },
    });
  });

  it("ignores a null date", () => {
    expect(readGivenMetadata({ date: null })).toEqual({});
  });

  it("accepts an http URL", () => {
    expect(readGivenMetadata({ url: "http://example.com/a" })).toEqual({ url: "http://example.com/a" });
  });

  it("rejects a URL that is not http(s)", () => {
    expect(() => readGivenMetadata({ url: "ftp://example.com/a" })).toThrow(
      new MetadataError("url must be an http(s) URL"),
    );
    expect(() => readGivenMetadata({ url: "javascript:alert(1)" })).toThrow(
      new MetadataError("url must be an http(s) URL"),
    );
  });

  it("rejects an empty title", () => {
    expect(() => readGivenMetadata({ title: "   " })).toThrow(new MetadataError("title must not be empty"));
  });

  it("takes a number as a title or source, since YAML reads `title: 1984` as one", () => {
    expect(readGivenMetadata({ title: 1984, source: 7 })).toEqual({ title: "1984", source: "7" });
  });

  it("rejects a source that is not text", () => {
    expect(() => readGivenMetadata({ source: ["a", "b"] })).toThrow(new MetadataError("source must be text"));
  });

  it("names every bad field at once", () => {
    expect(() => readGivenMetadata({ title: "", url: "ftp://x.org" })).toThrow(
      new MetadataError("title must not be empty; url must be an http(s) URL"),
    );
  });
});

describe("parseManifest", () => {
  it("maps each file path to its metadata", () => {
    const manifest = parseManifest(
      JSON.stringify({
        documents: {
          "a.txt": { source: "Reuters", evidence: "dateline" },
          "news/b.md": { title: "B", date: "2017-05" },
        },
      }),
    );
    expect(manifest.errors).toEqual([]);
    expect([...manifest.entries]).toEqual([
      ["a.txt", { source: "Reuters", fields: { evidence: "dateline" } }],
      ["news/b.md", { title: "B", date: "2017-05" }],
    ]);
  });

  it("reads what each field is for, completing it with the defaults (every field searchable, tags a facet)", () => {
    const manifest = parseManifest(JSON.stringify({ fields: { author: { facet: true }, evidence: { searchable: false }, tags: { searchable: false } } }));
    expect([...manifest.settings]).toEqual([
      ["author", { searchable: true, facet: true, filterable: true }],
      ["evidence", { searchable: false, facet: false, filterable: false }],
      ["tags", { searchable: false, facet: true, filterable: true }],
    ]);
  });

  it("refuses to filter by a field named as a parameter of /search or of the reading view", () => {
    expect(() => parseManifest(JSON.stringify({ fields: { limit: { facet: true } } }))).toThrow('/search takes "limit" as a parameter of its own');
    expect(() => parseManifest(JSON.stringify({ fields: { part: { filterable: true } } }))).toThrow('the reading view takes "part" as a parameter of its own');
    expect([...parseManifest(JSON.stringify({ fields: { part: { searchable: true } } })).settings]).toEqual([["part", { searchable: true, facet: false, filterable: false }]]);
  });

  it("rejects a field setting it does not know, naming where", () => {
    expect(() => parseManifest(JSON.stringify({ fields: { author: { sortable: true } } }))).toThrow(/at fields\.author/);
  });

  it("names every bad entry with its problem and keeps the good ones", () => {
    const json = JSON.stringify({
      documents: {
        "a.txt": { date: "yesterday" },
        "b.txt": { url: "ftp://example.com" },
        "c.txt": { source: "fine" },
      },
    });
    const manifest = parseManifest(json);
    expect(manifest.errors).toEqual([
      'a.txt: date must be an ISO 8601 date such as 2017-05-02, got "yesterday"',
      "b.txt: url must be an http(s) URL",
    ]);
    expect([...manifest.entries]).toEqual([["c.txt", { source: "fine" }]]);
  });

  it("rejects text that is not JSON", () => {
    expect(() => parseManifest("{")).toThrow(/^not valid JSON: /);
  });

  it("rejects JSON of the wrong shape, showing the expected one", () => {
    expect(() => parseManifest('{"docs": {}}')).toThrow(
      new MetadataError(
        'expected { "documents": { "<file path>": { "title", "source", "date", "url", other fields } }, "fields": { "<name>": { "searchable", "facet", "filterable" } }, "records": { "id", "title", "text", "source", "date", "url" } } (Unrecognized key: "docs")',
      ),
    );
  });

  it("treats empty values (YAML's null) as not given", () => {
    expect(readGivenMetadata({ title: "T", source: null, url: null, date: null })).toEqual({ title: "T" });
  });

  it("rejects an entry that is not an object", () => {
    expect(() => parseManifest('{"documents": {"a.txt": "Reuters"}}')).toThrow(MetadataError);
  });
});

describe("sourceFromPath", () => {
  it("takes the first-level folder", () => {
    expect(sourceFromPath("reuters/a.txt")).toBe("reuters");
  });

  it("takes only the first level of nested folders", () => {
    expect(sourceFromPath("reuters/2017/may/a.txt")).toBe("reuters");
  });

  it("gives unknown for a file in the corpus root", () => {
    expect(sourceFromPath("a.txt")).toBe("unknown");
    expect(UNKNOWN_SOURCE).toBe("unknown");
  });
});
