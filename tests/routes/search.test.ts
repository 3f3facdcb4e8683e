import { describe, expect, it } from "vitest";
import { getJson } from "./fetch";

const REUTERS = "002_0bec946113768599";
const WASHINGTON_TIMES = "004_dc6718f12059daa3";
const DATED = "000_7b4177b3914c6952";
const SEED_001 = "001_9b23b38645758bcd";
const SEED_003 = "003_ea843f910fce1dea";

describe("GET /search", () => {
  it("finds the four seed articles that mention safe zones, best first, with marked snippets", async () => {
    const { status, body } = await getJson("/search?q=safe+zones");
    expect(status).toBe(200);
    expect(body.query).toBe("safe zones");
    expect(body.total).toBe(4);
    expect(body.hits.map((hit: any) => hit.id)).toEqual([REUTERS, WASHINGTON_TIMES, DATED, SEED_001]);
    expect(typeof body.tookMs).toBe("number");
    for (const hit of body.hits) expect(hit.snippet).toContain("<mark>safe</mark> <mark>zones</mark>");
    expect(body.facets).toEqual({ source: { unknown: 2, Reuters: 1, "The Washington Times": 1 }, date: { "2017": 1 } });
  });

  it("returns every field of a hit", async () => {
    const { body } = await getJson("/search?q=safe+zones&limit=1");
    expect(body.hits).toEqual([
      {
        id: REUTERS,
        title: "U.S. President Donald Trump and Russian President Vladimir Putin on Tuesday moved to ease the tension from U.S. air strikes in April against Russian ally Syria…",
        // No word of the query in this title: nothing marked.
        titleHtml: "U.S. President Donald Trump and Russian President Vladimir Putin on Tuesday moved to ease the tension from U.S. air strikes in April against Russian ally Syria…",
        source: "Reuters",
        date: null,
        url: null,
        // The manifest's note on where the source came from: kept, returned, not searched (see seeds/manifest.json).
        fields: { evidence: "dateline 'WASHINGTON/MOSCOW (Reuters) -' opening the article" },
        score: expect.any(Number),
        snippet:
          "…strikes in April against Russian ally Syria, expressing a desire for a Syrian ceasefire and " +
          "<mark>safe</mark> <mark>zones</mark> for the civil war’s refugees.\n" +
          "The two leaders spoke by phone for the first time since U.S.…",
        // Its one passage shared with another seed (a quote, with 004) is not in this snippet.
        alsoIn: [],
      },
    ]);
  });

  it("marks the query's words in the title as in the snippet, escaped first", async () => {
    const { body } = await getJson("/search?q=kremlin+putin&limit=5");
    const dated = body.hits.find((hit: any) => hit.id === DATED);
    expect(dated.titleHtml).toBe(
      "The <mark>Kremlin</mark> says Russian President Vladimir <mark>Putin</mark> and U.S. President Donald Trump agreed to step up U.S.-Russian diplomatic efforts on Syria.",
    );
    for (const hit of body.hits) expect(hit.titleHtml.replace(/<\/?mark>/g, "")).toBe(hit.title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;"));
  });

  it("offers no spelling for a word typed with an accent, which is spelt on purpose", async () => {
    expect((await getJson(`/search?q=${encodeURIComponent("café")}`)).body).toMatchObject({ total: 0, didYouMean: null });
    // Typed without it, the same letters are a typo of a word the corpus has.
    expect((await getJson("/search?q=cafe")).body.didYouMean).toBe("came");
  });

  it("prefers a passage with the exact word over one reached by typo tolerance", async () => {
    // Reuters mentions "Stuart Jones" (one typo from "zones") before "safe zones".
    const { body } = await getJson("/search?q=zones&source=Reuters");
    expect(body.hits[0].snippet).toContain("<mark>zones</mark>");
    expect(body.hits[0].snippet).not.toContain("<mark>Jones</mark>");
  });

  it("escapes the document text before marking it", async () => {
    const { body } = await getJson(`/search?q=safe+zones&source=unknown`);
    const dated = body.hits.find((hit: any) => hit.id === DATED);
    expect(dated.snippet).toBe(
      "…Syria.A White House readout of the phone calls says the two leaders discussed the creation of " +
        "<mark>safe</mark> <mark>zones</mark> in Syria and agreed that the suffering in Syria " +
        "&quot;has gone on for far too long.&quot;Tuesday&#39;s call…",
    );
  });

  it("marks words matched by prefix or typo tolerance, as the index matched them", async () => {
    const { body } = await getJson("/search?q=korean+peninsu&match=any");
    expect(body.hits.map((hit: any) => hit.id)).toEqual([WASHINGTON_TIMES, REUTERS, SEED_003]);
    expect(body.hits[0].snippet).toContain("the <mark>Korean</mark> <mark>Peninsula</mark>");
    expect(body.hits[1].snippet).toContain("the <mark>Korean</mark> <mark>peninsula</mark>");
    // Seed 003 writes "North Korea" twice (a typo away from "korean") and
    // "North Korean" once: the snippet shows the exact match.
    expect(body.hits[2].snippet).toContain("the North <mark>Korean</mark> nuclear program");
  });

  it("finds a misspelled name by typo tolerance and marks the real spelling", async () => {
    const { body } = await getJson("/search?q=tilerson");
    expect(body.hits.map((hit: any) => hit.id)).toEqual([DATED, SEED_001]);
    expect(body.hits[0].snippet).toContain("<mark>Tillerson</mark>");
  });

  it("splits glued sentences and curly apostrophes the way the index does", async () => {
    // Seed 000 glues its sentences: "…peace process in Syria.The Kremlin characterized…"
    const glued = await getJson("/search?q=kremlin+characterized&source=unknown");
    const dated = glued.body.hits.find((hit: any) => hit.id === DATED);
    expect(dated.snippet).toContain("in Syria.The <mark>Kremlin</mark> <mark>characterized</mark> the call");
    const curly = await getJson("/search?q=russia%E2%80%99s");
    const straight = await getJson("/search?q=russia%27s");
    expect(curly.body.total).toBe(5);
    expect(curly.body.hits).toEqual(straight.body.hits);
  });

  describe("source filter", () => {
    it("keeps only the chosen source but counts every source (disjunctive facets)", async () => {
      const { body } = await getJson("/search?q=korea&source=Reuters");
      expect(body.total).toBe(1);
      expect(body.hits.map((hit: any) => hit.id)).toEqual([REUTERS]);
      expect(body.facets.source).toEqual({ unknown: 1, Reuters: 1, "The Washington Times": 1 });
    });

    it("treats several source values as any of them", async () => {
      const { body } = await getJson("/search?q=korea&source=Reuters&source=unknown");
      expect(body.total).toBe(2);
      expect(body.hits.map((hit: any) => hit.id).sort()).toEqual([REUTERS, SEED_003]);
    });

    it("finds nothing for a source that does not exist, and says which sources would", async () => {
      const { body } = await getJson("/search?q=korea&source=Nobody");
      expect(body.total).toBe(0);
      expect(body.hits).toEqual([]);
      expect(body.facets.source).toEqual({ unknown: 1, Reuters: 1, "The Washington Times": 1 });
    });
  });

  describe("empty query", () => {
    it("browses every document, dated ones first, with facet counts of all sources", async () => {
      const { body } = await getJson("/search");
      expect(body.total).toBe(5);
      expect(body.hits.map((hit: any) => hit.id)).toEqual([DATED, SEED_001, REUTERS, SEED_003, WASHINGTON_TIMES]);
      expect(body.hits.every((hit: any) => hit.score === 0 && !hit.snippet.includes("<mark>"))).toBe(true);
      expect(body.facets.source).toEqual({ unknown: 3, Reuters: 1, "The Washington Times": 1 });
    });

    it("browses one source (a faceted browse)", async () => {
      const { body } = await getJson("/search?q=&source=unknown");
      expect(body.total).toBe(3);
      expect(body.hits.map((hit: any) => hit.id)).toEqual([DATED, SEED_001, SEED_003]);
    });
  });

  describe("paging", () => {
    it("pages through the results with limit and offset while total counts them all", async () => {
      const all = await getJson("/search?q=safe+zones");
      const first = await getJson("/search?q=safe+zones&limit=2");
      const second = await getJson("/search?q=safe+zones&limit=2&offset=2");
      const beyond = await getJson("/search?q=safe+zones&limit=2&offset=4");
      expect(first.body.total).toBe(4);
      expect(second.body.total).toBe(4);
      expect([...first.body.hits, ...second.body.hits]).toEqual(all.body.hits);
      expect(beyond.body.hits).toEqual([]);
      expect(beyond.body.total).toBe(4);
    });
  });

  it.each(["", "safe zones", "korea", "trump putin", "tilerson", "saf"])(
    "counts sources that sum to the total when no source is chosen (q=%j)",
    async (q) => {
      const { body } = await getJson(`/search?q=${encodeURIComponent(q)}`);
      const counted = Object.values(body.facets.source as Record<string, number>).reduce((sum, n) => sum + n, 0);
      expect(counted).toBe(body.total);
    },
  );

  it("browses every document when the query has no searchable words, as an empty query does", async () => {
    const { status, body } = await getJson("/search?q=%21%21%21+%2A+%28");
    expect(status).toBe(200);
    expect(body.query).toBe("!!! * (");
    expect(body.total).toBe(5);
  });

  it("accepts a query of exactly 256 characters", async () => {
    const { status } = await getJson(`/search?q=${"a".repeat(256)}`);
    expect(status).toBe(200);
  });
});
