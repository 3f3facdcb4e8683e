import { describe, expect, it } from "vitest";
import { buildArtifact, contentHash, documentId, documentsFromFiles, LAYOUT } from "../../src/corpus/build";
import type { CorpusFile } from "../../src/corpus/read";
import type { StoredDocument } from "../../src/search/artifact";
import { memoryReader, readDocuments } from "../../src/corpus/artifact-files";
import { openSearchIndex } from "../../src/search/load";
import { parseSearchRequest } from "../../src/search/query";
import { search } from "../../src/search/search";
import { ANALYSIS_VERSION, ARTIFACT_FORMAT } from "../../src/search/options";

const file = (path: string, text: string): CorpusFile => ({ path, bytes: new TextEncoder().encode(text), text });
const manifest = (documents: Record<string, Record<string, unknown>>) =>
  file("manifest.json", JSON.stringify({ documents }));

describe("documentId", () => {
  it("drops the extension and keeps the folders", () => {
    expect(documentId("a.txt")).toBe("a");
    expect(documentId("reuters/2017/a.b.md")).toBe("reuters/2017/a.b");
  });

  it("keeps a dot that belongs to a folder name", () => {
    expect(documentId("v1.2/notes")).toBe("v1.2/notes");
  });
});

describe("documentsFromFiles: source", () => {
  it("takes the source from the front matter over the manifest and the folder", () => {
    const result = documentsFromFiles(
      [file("reuters/a.txt", "---\nsource: AP\n---\nBody.")],
      manifest({ "reuters/a.txt": { source: "Sky News" } }),
    );
    expect(result.documents.map((document) => document.source)).toEqual(["AP"]);
  });

  it("takes the source from the manifest over the folder", () => {
    const result = documentsFromFiles(
      [file("reuters/a.txt", "Body.")],
      manifest({ "reuters/a.txt": { source: "Sky News" } }),
    );
    expect(result.documents.map((document) => document.source)).toEqual(["Sky News"]);
  });

  it("takes the source from the first-level folder when none is given", () => {
    const result = documentsFromFiles([file("reuters/2017/a.txt", "Body.")], null);
    expect(result.documents.map((document) => document.source)).toEqual(["reuters"]);
  });

  it("gives unknown to a file in the corpus root with no source given", () => {
    const result = documentsFromFiles([file("a.txt", "Body.")], null);
    expect(result.documents.map((document) => document.source)).toEqual(["unknown"]);
  });
});

describe("documentsFromFiles: title", () => {
  const text = "Headline here\n\nFirst sentence. Second sentence.";

  it("takes the title from the front matter over the manifest, headline and first sentence", () => {
    const result = documentsFromFiles(
      [file("a.txt", `---\ntitle: From front matter\n---\n${text}`)],
      manifest({ "a.txt": { title: "From manifest" } }),
    );
    expect(result.documents.map((document) => document.title)).toEqual(["From front matter"]);
  });

  it("takes the title from the manifest over the headline", () => {
    const result = documentsFromFiles([file("a.txt", text)], manifest({ "a.txt": { title: "From manifest" } }));
    expect(result.documents.map((document) => document.title)).toEqual(["From manifest"]);
  });

  it("takes the headline over the first sentence", () => {
    const result = documentsFromFiles([file("a.txt", text)], null);
    expect(result.documents.map((document) => document.title)).toEqual(["Headline here"]);
  });

  it("keeps a headline in the text when the front matter gives the title", () => {
    const result = documentsFromFiles([file("a.md", "---\ntitle: Quarterly report\n---\n## Summary\n\nSales rose.")], null);
    expect(result.documents.map(({ title, text }) => ({ title, text }))).toEqual([
      { title: "Quarterly report", text: "Summary\n\nSales rose." },
    ]);
  });

  it("keeps a headline in the text when the manifest gives the title", () => {
    const result = documentsFromFiles([file("a.txt", text)], manifest({ "a.txt": { title: "From manifest" } }));
    expect(result.documents.map((document) => document.text)).toEqual([text]);
  });

  it("moves a headline out of the text only when it becomes the title", () => {
    const result = documentsFromFiles([file("a.txt", text)], null);
    expect(result.documents.map(({ title, text }) => ({ title, text }))).toEqual([
      { title: "Headline here", text: "First sentence. Second sentence." },
    ]);
  });

  it("takes the first sentence when there is no headline", () => {
    const result = documentsFromFiles([file("a.txt", "First sentence. Second sentence.")], null);
    expect(result.documents.map((document) => document.title)).toEqual(["First sentence."]);
  });
});

describe("documentsFromFiles: date and url", () => {
  it("takes the date from the front matter over the manifest and the date line", () => {
    const result = documentsFromFiles(
      [file("a.txt", "---\ndate: 2017-05-02\n---\ndate 2016-01-01\nBody.")],
      manifest({ "a.txt": { date: "2017-05" } }),
    );
    expect(result.documents.map((document) => document.date)).toEqual(["2017-05-02"]);
  });

  it("takes the date from the manifest over the date line", () => {
    const result = documentsFromFiles([file("a.txt", "date 2016-01-01\nBody.")], manifest({ "a.txt": { date: 2017 } }));
    expect(result.documents.map((document) => document.date)).toEqual(["2017"]);
  });

  it("takes the date line when no date is given", () => {
    const result = documentsFromFiles([file("a.txt", "date 2016-01-01\nBody.")], null);
    expect(result.documents).toEqual([
      { id: "a", title: "Body.", source: "unknown", date: "2016-01-01", url: null, text: "Body.", fields: {} },
    ]);
  });

  it("gives null date and url when none is given", () => {
    expect(documentsFromFiles([file("a.txt", "Body.")], null).documents).toEqual([
      { id: "a", title: "Body.", source: "unknown", date: null, url: null, text: "Body.", fields: {} },
    ]);
  });

  it("takes the url from the manifest", () => {
    const result = documentsFromFiles([file("a.txt", "Body.")], manifest({ "a.txt": { url: "https://example.com/a" } }));
    expect(result.documents.map((document) => document.url)).toEqual(["https://example.com/a"]);
  });

  it("does not accept an impossible date from a date line", () => {
    const result = documentsFromFiles([file("a.txt", "date 2017-02-30 Body.")], null);
    expect(result.documents).toEqual([]);
    expect(result.problems).toEqual([
      { path: "a.txt", reason: 'date must be an ISO 8601 date such as 2017-05-02, got "2017-02-30"' },
    ]);
  });
});

describe("documentsFromFiles: problems and warnings", () => {
  it("skips an empty document with a warning", () => {
    const result = documentsFromFiles([file("a.txt", "Body."), file("empty.txt", "  \n\n\t\n")], null);
    expect(result.documents.map((document) => document.id)).toEqual(["a"]);
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual(["empty.txt: empty document, skipped"]);
  });

  it("skips a document that has only front matter with a warning", () => {
    const result = documentsFromFiles([file("only.md", "---\ntitle: Nothing below\n---\n")], null);
    expect(result.documents).toEqual([]);
    expect(result.warnings).toEqual(["only.md: empty document, skipped"]);
  });

  it("reports a file with invalid front matter and keeps the others", () => {
    const result = documentsFromFiles([file("a.txt", "Body."), file("b.txt", "---\n- a list\n---\nBody.")], null);
    expect(result.documents.map((document) => document.id)).toEqual(["a"]);
    expect(result.problems).toEqual([{ path: "b.txt", reason: "invalid front matter: expected key: value pairs" }]);
  });

  it("reports a file whose front matter has a bad value", () => {
    const result = documentsFromFiles([file("a.txt", "---\ndate: yesterday\n---\nBody.")], null);
    expect(result.problems).toEqual([
      { path: "a.txt", reason: 'date must be an ISO 8601 date such as 2017-05-02, got "yesterday"' },
    ]);
  });

  it("reports an invalid manifest on the manifest's path", () => {
    const result = documentsFromFiles([file("a.txt", "Body.")], manifest({ "a.txt": { url: "ftp://x.org" } }));
    expect(result.problems).toEqual([
      { path: "manifest.json", reason: "invalid manifest entry: a.txt: url must be an http(s) URL" },
    ]);
  });

  it("warns about a manifest entry for a file that is not in the corpus", () => {
    const result = documentsFromFiles([file("a.txt", "Body.")], manifest({ "gone.txt": { source: "AP" } }));
    expect(result.warnings).toEqual(['manifest.json lists "gone.txt", which is not a document in the corpus']);
    expect(result.problems).toEqual([]);
  });
});

describe("documentsFromFiles: duplicate ids", () => {
  it("reports a .txt and a .md with the same name, each naming the other", () => {
    const result = documentsFromFiles([file("a.md", "One."), file("a.txt", "Two."), file("b.txt", "Three.")], null);
    expect(result.documents.map((document) => document.id)).toEqual(["b"]);
    expect(result.problems).toEqual([
      { path: "a.md", reason: 'duplicate id "a": collides with a.txt' },
      { path: "a.txt", reason: 'duplicate id "a": collides with a.md' },
    ]);
  });

  it("reports ids that differ only in case", () => {
    const result = documentsFromFiles([file("A.txt", "One."), file("a.txt", "Two.")], null);
    expect(result.documents).toEqual([]);
    expect(result.problems).toEqual([
      { path: "A.txt", reason: 'duplicate id "A": collides with a.txt' },
      { path: "a.txt", reason: 'duplicate id "a": collides with A.txt' },
    ]);
  });

  it("reports ids that differ only in Unicode normalization (NFC é and NFD e + accent)", () => {
    const nfc = "caf\u00e9.txt";
    const nfd = "cafe\u0301.txt";
    const result = documentsFromFiles([file(nfd, "One."), file(nfc, "Two.")], null);
    expect(result.documents).toEqual([]);
    expect(result.problems).toEqual([
      // Ids are NFC, so both files would be "café".
      { path: nfd, reason: `duplicate id "caf\u00e9": collides with ${nfc}` },
      { path: nfc, reason: `duplicate id "caf\u00e9": collides with ${nfd}` },
    ]);
  });

  it("gives a decomposed (NFD) file name an NFC id, and finds its manifest entry under either form", () => {
    const result = documentsFromFiles(
      [file("cafe\u0301.txt", "Body.")],
      manifest({ "caf\u00e9.txt": { source: "AP" } }),
    );
    expect(result.documents.map(({ id, source }) => ({ id, source }))).toEqual([{ id: "caf\u00e9", source: "AP" }]);
    expect(result.warnings).toEqual([]);
  });

  it("rejects an id longer than the API accepts", () => {
    const deep = `${"d".repeat(200)}/`.repeat(6) + "a.txt";
    const result = documentsFromFiles([file(deep, "Body.")], null);
    expect(result.documents).toEqual([]);
    expect(result.problems).toEqual([{ path: deep, reason: "the id (the path without extension) is over 1024 characters" }]);
  });

  it("rejects a source longer than the API accepts", () => {
    const result = documentsFromFiles([file("a.txt", `---\nsource: ${"s".repeat(201)}\n---\nBody.`)], null);
    expect(result.problems).toEqual([{ path: "a.txt", reason: `the source "${"s".repeat(40)}…" is over 200 characters` }]);
  });

  it("skips a document of only invisible characters as empty", () => {
    const result = documentsFromFiles([file("a.txt", "Body."), file("zw.txt", "\u200b\u200b \ufeff")], null);
    expect(result.documents.map((document) => document.id)).toEqual(["a"]);
    expect(result.warnings).toEqual(["zw.txt: empty document, skipped"]);
  });

  it("orders timestamps by the instant they name, whatever their offset", () => {
    const dated = (name: string, date: string) => file(name, `---\ndate: "${date}"\n---\nBody.`);
    const result = documentsFromFiles(
      [dated("a.txt", "2017-05-03T01:00:00Z"), dated("b.txt", "2017-05-02T23:00:00-05:00"), dated("c.txt", "2017-05-02")],
      null,
    );
    expect(result.documents.map((document) => document.id)).toEqual(["b", "a", "c"]);
  });

  it("reports three colliding files once each, naming the other two", () => {
    const result = documentsFromFiles([file("A.md", "1."), file("a.md", "2."), file("a.txt", "3.")], null);
    expect(result.problems).toEqual([
      { path: "A.md", reason: 'duplicate id "A": collides with a.md, a.txt' },
      { path: "a.md", reason: 'duplicate id "a": collides with A.md, a.txt' },
      { path: "a.txt", reason: 'duplicate id "a": collides with A.md, a.md' },
    ]);
  });

  it("does not confuse files with the same name in different folders", () => {
    const result = documentsFromFiles([file("ap/a.txt", "One."), file("reuters/a.txt", "Two.")], null);
    expect(result.documents.map((document) => document.id)).toEqual(["ap/a", "reuters/a"]);
    expect(result.problems).toEqual([]);
  });
});

describe("documentsFromFiles: browse order", () => {
  it("puts the newest first, undated last, and breaks ties by id", () => {
    const result = documentsFromFiles(
      [
        file("undated-b.txt", "B."),
        file("undated-a.txt", "A."),
        file("old.txt", "date 2016-12-31\nOld."),
        file("year.txt", "date 2017\nYear."),
        file("day-b.txt", "date 2017-05-02\nDay B."),
        file("day-a.txt", "date 2017-05-02\nDay A."),
        file("month.txt", "date 2017-05\nMonth."),
      ],
      null,
    );
    expect(result.documents.map((document) => [document.id, document.date])).toEqual([
      ["day-a", "2017-05-02"],
      ["day-b", "2017-05-02"],
      ["month", "2017-05"],
      ["year", "2017"],
      ["old", "2016-12-31"],
      ["undated-a", null],
      ["undated-b", null],
    ]);
  });

  it("gives the same order whatever order the files come in", () => {
    const files = [
      file("c.txt", "date 2017-01-01\nC."),
      file("a.txt", "A."),
      file("b.txt", "date 2018-01-01\nB."),
      file("d.txt", "D."),
    ];
    const forward = documentsFromFiles(files, null).documents.map((document) => document.id);
    const backward = documentsFromFiles([...files].reverse(), null).documents.map((document) => document.id);
    expect(forward).toEqual(["b", "c", "a", "d"]);
    expect(backward).toEqual(forward);
  });
});

describe("contentHash", () => {
  it("changes when a file's bytes change", () => {
    expect(contentHash([file("a.txt", "One.")], null)).not.toBe(contentHash([file("a.txt", "Two.")], null));
  });

  it("changes when a file is renamed", () => {
    expect(contentHash([file("a.txt", "One.")], null)).not.toBe(contentHash([file("b.txt", "One.")], null));
  });

  it("changes when the manifest changes", () => {
    const files = [file("a.txt", "One.")];
    expect(contentHash(files, manifest({ "a.txt": { source: "AP" } }))).not.toBe(
      contentHash(files, manifest({ "a.txt": { source: "UPI" } })),
    );
  });

  it("does not let bytes move between a path and the contents", () => {
    expect(contentHash([file("ab.txt", "c")], null)).not.toBe(contentHash([file("a.txt", "bc")], null));
  });

  it("is a SHA-256 in hex", () => {
    expect(contentHash([file("a.txt", "One.")], null)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("buildArtifact", () => {
  const documents: StoredDocument[] = [
    { id: "b", title: "Talks on Syria", source: "Reuters", date: "2017-05-02", url: null, text: "Putin and Trump spoke.", fields: {} },
    { id: "a", title: "Ceasefire", source: "AP", date: null, url: "https://example.com/a", text: "A ceasefire in Syria.", fields: {} },
    { id: "c", title: "Meeting", source: "Reuters", date: null, url: null, text: "They will meet in July.", fields: {} },
  ];
  const facts = { contentHash: "0".repeat(64), buildVersion: "9.9.9" };

  it("gives byte-identical files, in a folder of the same name, for two builds of the same documents", () => {
    const [first, second] = [buildArtifact(documents, facts), buildArtifact(documents, facts)];
    expect(second.build).toBe(first.build);
    expect([...second.files.keys()]).toEqual([...first.files.keys()]);
    for (const [path, bytes] of first.files) expect(Buffer.from(second.files.get(path)!).equals(Buffer.from(bytes)), path).toBe(true);
    expect(Buffer.from(second.manifest).equals(Buffer.from(first.manifest))).toBe(true);
  });

  it("names the build folder after its contents, so any change makes a new folder", () => {
    const changed = buildArtifact([{ ...documents[0]!, text: "Putin and Trump spoke again." }, ...documents.slice(1)], facts);
    expect(changed.build).not.toBe(buildArtifact(documents, facts).build);
    expect(JSON.parse(new TextDecoder().decode(changed.manifest))).toEqual({ artifactFormat: ARTIFACT_FORMAT, build: changed.build });
  });

  it("keeps the texts out of the files read at start, in chunks that hold every text in order", () => {
    const artifact = buildArtifact(documents, facts);
    const atStart = ["meta.json", "documents.bin"].map((name) => new TextDecoder().decode(artifact.files.get(`/_artifact/${artifact.build}/${name}`)));
    for (const file of atStart) expect(file).not.toContain("Putin and Trump spoke");
    const texts = artifact.index.textChunks.flatMap((_, n) =>
      JSON.parse(new TextDecoder().decode(artifact.files.get(`/_artifact/${artifact.build}/text/${n}.json`))),
    );
    expect(texts).toEqual(documents.map((document) => document.text));
  });

  it("records the build facts and the source counts sorted by name", () => {
    expect(buildArtifact(documents, facts).index.meta).toEqual({
      documents: 3,
      sources: { AP: 1, Reuters: 2 },
      contentHash: "0".repeat(64),
      buildVersion: "9.9.9",
      artifactFormat: ARTIFACT_FORMAT,
      analysisVersion: ANALYSIS_VERSION,
    });
    expect(Object.keys(buildArtifact(documents, facts).index.meta.sources)).toEqual(["AP", "Reuters"]);
  });

  it("keeps the documents in the order given, so a position is an index id", async () => {
    const artifact = buildArtifact(documents, facts);
    const files = new Map([...artifact.files, ["/_artifact/manifest.json", artifact.manifest]]);
    expect(await readDocuments(memoryReader(files))).toEqual(documents);
  });

  it("finds the passages documents share: two versions of one story are near-copies", () => {
    const story = "The two leaders discussed the creation of safe zones in Syria to help civilians, the White House said on Tuesday";
    const sharing: StoredDocument[] = [
      ...documents,
      { id: "x", title: "Call", source: "AP", date: null, url: null, text: `${story}.`, fields: {} },
      { id: "y", title: "Call", source: "Reuters", date: null, url: null, text: `${story}, in a statement.`, fields: {} },
    ];
    /** Each position's related ids, from related/0.json. */
    const relatedIds = (artifact: ReturnType<typeof buildArtifact>) =>
      (JSON.parse(new TextDecoder().decode(artifact.files.get(`/_artifact/${artifact.build}/related/0.json`))) as ([string][] | null)[]).map(
        (entries) => entries && entries.map(([id]) => id),
      );

    const found = buildArtifact(sharing, facts, LAYOUT, new Map());
    expect(relatedIds(found)).toEqual([null, null, null, ["y"], ["x"]]);
    expect(found.index.copies).toBe(2);
  });

  it("indexes title and text so the Worker's loader finds each document", async () => {
    const artifact = buildArtifact(documents, facts);
    const index = await openSearchIndex(memoryReader(new Map([...artifact.files, ["/_artifact/manifest.json", artifact.manifest]])));
    const ids = async (q: string) => (await search(index, parseSearchRequest(new URLSearchParams({ q })))).hits.map((hit) => hit.id);
    expect(await ids("ceasefire")).toEqual(["a"]);
    expect(await ids("july")).toEqual(["c"]);
    const position = await index.positionOf("b");
    expect((await index.records([position!])).get(position!)!.title).toBe("Talks on Syria");
  });
});

describe("documentsFromFiles: formats", () => {
  it("reads .markdown like .md, and an HTML page's title, text, date, source, url and other <meta> as fields", () => {
    const html =
      '<html><head><title>Solar report</title><meta property="article:published_time" content="2017-05-02">' +
      '<meta property="og:site_name" content="Example News"><link rel="canonical" href="https://example.org/solar">' +
      '<meta name="author" content="Jane Doe"><meta name="description" content="Output rose by a third."><meta name="keywords" content="solar, policy"></head>' +
      "<body><nav>Home</nav><main><h1>Solar output rose</h1><p>By a third.</p></main></body></html>";
    const { documents, problems } = documentsFromFiles([file("notes.markdown", "# Notes\n\n*Read* [this](https://x.org)."), file("news/solar.html", html)], null);
    expect(problems).toEqual([]);
    expect(documents).toEqual([
      {
        id: "news/solar",
        title: "Solar report",
        source: "Example News",
        date: "2017-05-02",
        url: "https://example.org/solar",
        text: "Solar output rose\n\nBy a third.",
        fields: { author: "Jane Doe", description: "Output rose by a third.", tags: ["solar", "policy"] },
      },
      { id: "notes", title: "Notes", source: "unknown", date: null, url: null, text: "Read this.", fields: {} },
    ]);
  });

  it("keeps a relative canonical link and a date in prose as fields of an HTML page, rather than failing it", () => {
    const html = '<html><head><link rel="canonical" href="/blog/post"><meta property="article:published_time" content="May 2, 2017"></head><body><p>Text.</p></body></html>';
    const { documents, problems } = documentsFromFiles([file("post.html", html)], null);
    expect(problems).toEqual([]);
    expect(documents.map(({ url, date, fields }) => ({ url, date, fields }))).toEqual([
      { url: null, date: null, fields: { canonical: "/blog/post", published: "May 2, 2017" } },
    ]);
  });

  it("takes an opening <h1> as an HTML page's title when it has no <title>, and then leaves it out of the text", () => {
    const { documents } = documentsFromFiles([file("a.html", "<main><h1>Heading</h1><p>Body.</p></main>")], null);
    expect(documents.map(({ title, text }) => ({ title, text }))).toEqual([{ title: "Heading", text: "Body." }]);
  });
});
