import { describe, expect, inject, it } from "vitest";
import app from "../../src/index";
import { getJson } from "./fetch";
import { assetsServing } from "./artifact-assets";
import "./provided";

const DATED = "000_7b4177b3914c6952";
const SEED_001 = "001_9b23b38645758bcd";
const REUTERS = "002_0bec946113768599";
const SEED_003 = "003_ea843f910fce1dea";
const WASHINGTON_TIMES = "004_dc6718f12059daa3";

/** The ids of the hits, in order, after checking the request succeeded. */
async function ids(path: string): Promise<string[]> {
  const { status, body } = await getJson(path);
  expect(status).toBe(200);
  return body.hits.map((hit: any) => hit.id);
}

/** The ids of the hits, sorted: for results whose order is only BM25's say (seed ids sort 000 → 004). */
async function idSet(path: string): Promise<string[]> {
  return (await ids(path)).sort();
}

/** The snippet of one document's hit. */
function snippetOf(body: any, id: string): string {
  return body.hits.find((hit: any) => hit.id === id).snippet;
}

const q = (query: string) => `/search?q=${encodeURIComponent(query)}`;

// The small dated corpus (build-seeds.ts): one document says "North Korea",
// another only "Korean".
const datedAssets = assetsServing(inject("datedArtifact"));

async function datedIds(path: string): Promise<string[]> {
  const response = await app.fetch(new Request(`http://search.test${path}`), { ASSETS: datedAssets });
  expect(response.status).toBe(200);
  return ((await response.json()) as any).hits.map((hit: any) => hit.id);
}

describe("words are combined with AND by default", () => {
  it("finds only the documents that have every word", async () => {
    const { body } = await getJson(q("korea merkel"));
    expect(body.total).toBe(1);
    expect(body.relaxed).toBe(false);
    expect(body.hits.map((hit: any) => hit.id)).toEqual([SEED_003]);
  });

  it("finds documents with any word under match=any, those with both first", async () => {
    const { body } = await getJson(`${q("korea merkel")}&match=any`);
    expect(body.total).toBe(4);
    expect(body.relaxed).toBe(false);
    expect(body.hits[0].id).toBe(SEED_003);
    expect(body.hits.map((hit: any) => hit.id).sort()).toEqual([SEED_001, REUTERS, SEED_003, WASHINGTON_TIMES]);
  });

  it("falls back to partial matches when no document has every word, and says so", async () => {
    const { body } = await getJson(q("korea xylophone"));
    expect(body.relaxed).toBe(true);
    expect(body.total).toBe(3);
    expect(body.hits.map((hit: any) => hit.id).sort()).toEqual([REUTERS, SEED_003, WASHINGTON_TIMES]);
  });

  it("ranks partial matches by how many words they match", async () => {
    // Seed 003 has Merkel and Sochi, seed 001 only Merkel; nobody has xylophone.
    const { body } = await getJson(q("merkel sochi xylophone"));
    expect(body.relaxed).toBe(true);
    expect(body.hits.map((hit: any) => hit.id)).toEqual([SEED_003, SEED_001]);
  });

  it("does not call match=any results relaxed", async () => {
    const { body } = await getJson(`${q("korea xylophone")}&match=any`);
    expect(body.relaxed).toBe(false);
    expect(body.total).toBe(3);
  });

  it("finds nothing, not relaxed, for a single word that matches nothing", async () => {
    const { body } = await getJson(q("xylophone"));
    expect(body).toMatchObject({ total: 0, relaxed: false, hits: [] });
  });

  it("rejects a match value other than all or any", async () => {
    const { status, body } = await getJson(`${q("korea")}&match=some`);
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: "invalid_parameter", message: "match must be all or any" } });
  });
});

describe("quoted phrases", () => {
  it("find the words side by side and mark the phrase as one", async () => {
    const { body } = await getJson(q('"safe zones"'));
    expect(body.total).toBe(4);
    expect(body.hits.map((hit: any) => hit.id).sort()).toEqual([DATED, SEED_001, REUTERS, WASHINGTON_TIMES]);
    for (const hit of body.hits) expect(hit.snippet).toContain("<mark>safe zones</mark>");
    expect(snippetOf(body, REUTERS)).toContain("a Syrian ceasefire and <mark>safe zones</mark> for the civil war’s refugees.");
  });

  it("take curly quotes as straight ones", async () => {
    expect(await ids(q("“safe zones”"))).toEqual(await ids(q('"safe zones"')));
  });

  it("keep the words in order", async () => {
    expect(await ids(q('"zones safe"'))).toEqual([]);
  });

  it("check adjacency in the text, not just that both words occur", async () => {
    // Every seed has both words; "The Kremlin said" is only in 002 and 004
    // (000 and 001 say "The Kremlin says").
    expect(await idSet(q("kremlin said"))).toEqual([SEED_001, REUTERS, SEED_003, WASHINGTON_TIMES]);
    expect(await idSet(q('"kremlin said"'))).toEqual([REUTERS, WASHINGTON_TIMES]);
  });

  it("match exactly: no prefix completion or typo inside quotes", async () => {
    expect(await ids(q('"saf zones"'))).toEqual([]);
    expect(await ids(q('"safe zon"'))).toEqual([]);
    // Unquoted, the last word completes.
    expect(await idSet(q("safe zon"))).toEqual([DATED, SEED_001, REUTERS, WASHINGTON_TIMES]);
  });

  it("work when made only of stop words", async () => {
    const { body } = await getJson(q('"as it"'));
    expect(body.hits.map((hit: any) => hit.id).sort()).toEqual([DATED, SEED_001]);
    expect(snippetOf(body, DATED)).toContain("coordinated with Russia <mark>as it</mark> meddled in the election.");
  });

  it("match a compound written with a hyphen: \"ceasefire talks\" finds \"cease-fire talks\"", async () => {
    const { body } = await getJson(q('"ceasefire talks"'));
    expect(body.hits.map((hit: any) => hit.id).sort()).toEqual([REUTERS, SEED_003, WASHINGTON_TIMES]);
    expect(snippetOf(body, REUTERS)).toContain("a representative to <mark>ceasefire talks</mark> in Astana");
    expect(snippetOf(body, WASHINGTON_TIMES)).toContain("a new round of <mark>cease-fire talks</mark> that the U.S. will attend");
  });

  it("mark a phrase with its stop words inside", async () => {
    const { body } = await getJson(q('"the kremlin said"'));
    expect(body.hits.map((hit: any) => hit.id).sort()).toEqual([REUTERS, WASHINGTON_TIMES]);
    expect(snippetOf(body, WASHINGTON_TIMES)).toContain("the level of tensions,” <mark>the Kremlin said</mark>.");
  });
});

describe("exclusion with a leading minus", () => {
  it("removes the documents containing the word", async () => {
    const { body } = await getJson(q("putin -korea"));
    expect(body.hits.map((hit: any) => hit.id).sort()).toEqual([DATED, SEED_001]);
    expect(body.facets.source).toEqual({ unknown: 2 });
  });

  it("removes exact matches only, not completions or typos of the word", async () => {
    expect(await ids(q("putin -kore"))).toHaveLength(5);
    expect(await ids(q("putin -koreaa"))).toHaveLength(5);
  });

  it("leaves a document that only has another word with the same start (-korea keeps Korean)", async () => {
    // In the dated corpus "wire/2017/may" says North Korea; "blog/tokyo" only Korean.
    expect(await datedIds(q("korea"))).toEqual(["wire/2017/may", "blog/tokyo"]);
    const kept = await datedIds(q("talks -korea"));
    expect(kept).toContain("blog/tokyo");
    expect(kept).not.toContain("wire/2017/may");
    expect(kept).toHaveLength(6);
  });

  it("excludes a quoted phrase, straight or curly", async () => {
    expect(await ids(q('putin -"safe zones"'))).toEqual([SEED_003]);
    expect(await ids(q("putin -“safe zones”"))).toEqual([SEED_003]);
  });

  it.each(["-korea", "-korea -putin", '-"safe zones"'])("rejects a query of only exclusions (%s) with 400", async (query) => {
    const { status, body } = await getJson(q(query));
    expect(status).toBe(400);
    expect(body).toEqual({
      error: { code: "only_excluded_terms", message: "q only excludes words (-word); add a word or phrase to search for" },
    });
  });

  it("does not read a hyphen inside a word as exclusion", async () => {
    expect(await idSet(q("de-escalation"))).toEqual([REUTERS, WASHINGTON_TIMES]);
  });

  it("excludes a hyphenated word as a whole", async () => {
    expect(await idSet(q("-de-escalation putin"))).toEqual([DATED, SEED_001, SEED_003]);
  });

  it("treats a lone minus as punctuation", async () => {
    expect(await ids(q("putin -"))).toHaveLength(5);
  });
});

describe("prefix completion of the last word", () => {
  it("completes the last word from 3 characters: saf finds safe", async () => {
    const { body } = await getJson(q("saf"));
    expect(body.hits.map((hit: any) => hit.id).sort()).toEqual([DATED, SEED_001, REUTERS, WASHINGTON_TIMES]);
    for (const hit of body.hits) expect(hit.snippet).toContain("<mark>safe</mark>");
  });

  it("does not complete 2 characters: sa finds only the word sa itself (S.A. Miller)", async () => {
    const { body } = await getJson(q("sa"));
    expect(body.hits.map((hit: any) => hit.id)).toEqual([WASHINGTON_TIMES]);
    expect(body.hits[0].snippet).toContain("<mark>S.A.</mark> Miller can be reached");
  });

  it("completes only the last word", async () => {
    // "korea saf": korea and safe, both in 002 and 004.
    const last = await getJson(q("korea saf"));
    expect(last.body).toMatchObject({ relaxed: false, total: 2 });
    expect(last.body.hits.map((hit: any) => hit.id).sort()).toEqual([REUTERS, WASHINGTON_TIMES]);
    // "saf korea": saf is a finished word that no document has.
    const first = await getJson(q("saf korea"));
    expect(first.body).toMatchObject({ relaxed: true, total: 3 });
  });

  it("does not complete a word ending a closed phrase, but does after an unpaired quote", async () => {
    expect(await ids(q('"safe zon"'))).toEqual([]);
    expect(await idSet(q('"safe zon'))).toEqual([DATED, SEED_001, REUTERS, WASHINGTON_TIMES]);
  });

  it("completes numbers too", async () => {
    const response = await app.fetch(new Request(`http://search.test${q("2017050")}`), { ASSETS: datedAssets });
    expect(((await response.json()) as any).hits.map((hit: any) => hit.id)).toEqual(["memo"]);
  });
});

describe("typo tolerance", () => {
  it("allows one typo from 5 characters: Tilerson finds Tillerson", async () => {
    const { body } = await getJson(q("Tilerson"));
    expect(body.hits.map((hit: any) => hit.id).sort()).toEqual([DATED, SEED_001]);
    for (const hit of body.hits) expect(hit.snippet).toContain("Rex <mark>Tillerson</mark>");
  });

  it("allows two typos from 9 characters, not from 7", async () => {
    expect(await idSet(q("Tilersonn"))).toEqual([DATED, SEED_001]);
    expect(await ids(q("Tlerson"))).toEqual([]);
  });

  it("allows none under 5 characters: trmp finds nothing", async () => {
    expect(await ids(q("trmp"))).toEqual([]);
  });

  it("never applies to numbers", async () => {
    expect(await ids(q("58"))).toEqual([]);
    expect(await ids(q("59"))).toEqual([REUTERS]);
    // Eight digits, one edit from the memo's 20170502 (and not its prefix).
    expect(await datedIds(q("20170503"))).toEqual([]);
    expect(await datedIds(q("20170502"))).toEqual(["memo"]);
  });

  it("ranks exact matches before typo matches", async () => {
    // "wire/2017/may" says Korea; "blog/tokyo" only Korean, one typo away.
    expect(await datedIds(q("korea"))).toEqual(["wire/2017/may", "blog/tokyo"]);
  });

  it("ranks exact matches before prefix-only matches", async () => {
    // Reuters only writes "ceasefire", which "cease" reaches as a prefix; the
    // others write "cease-fire", whose part "cease" is an exact match.
    const { body } = await getJson(q("cease"));
    const ranked = body.hits.map((hit: any) => hit.id);
    expect(ranked.slice(0, 4).sort()).toEqual([DATED, SEED_001, SEED_003, WASHINGTON_TIMES]);
    expect(ranked[4]).toBe(REUTERS);
    expect(body.hits[4].snippet).toContain("With a <mark>ceasefire</mark> ever elusive in Syria");
  });

  it("looks for no typo on the first letter: Reuters' \"ease\" is not a misspelling of \"cease\"", async () => {
    const { body } = await getJson(q("cease"));
    const reuters = body.hits.find((hit: any) => hit.id === REUTERS);
    expect(reuters.snippet).not.toContain("<mark>ease</mark>");
    const { body: typo } = await getJson(q("ceasefirr"));
    expect(typo.hits.map((hit: any) => hit.id)).toContain(REUTERS);
  });
});

describe("everything else is plain text", () => {
  it.each([
    ["(putin", 5],
    ['"putin', 5],
    ["putin*", 5],
    ["putin~", 5],
    ["safe:zones~", 4],
    ["safe zones)", 4],
  ])("searches %j without an error", async (query, total) => {
    const { status, body } = await getJson(q(query));
    expect(status).toBe(200);
    expect(body.total).toBe(total);
  });

  it("browses every document for a query of only punctuation", async () => {
    const { status, body } = await getJson(q("...!! * ("));
    expect(status).toBe(200);
    expect(body.total).toBe(5);
    expect(body.hits.map((hit: any) => hit.id)).toEqual(await ids("/search"));
  });
});

describe("the number of words to look up", () => {
  const tenWords = "korea putin trump syria russia kremlin white house safe zones";

  it("allows 10, however many stop words come with them", async () => {
    const { status, body } = await getJson(q(`the ${tenWords} of and`));
    expect(status).toBe(200);
    expect(body.hits.map((hit: any) => hit.id).sort()).toEqual([REUTERS, WASHINGTON_TIMES]);
  });

  it.each([
    ["an 11th word", `${tenWords} astana`, ["astana"]],
    ["an 11th word in a phrase", `"${tenWords} astana"`, ['astana"']],
    ["an 11th word, excluded", `${tenWords} -astana`, ["-astana"]],
    ["two words past the tenth", `${tenWords} astana minsk`, ["astana", "minsk"]],
  ])("searches the first 10 and ignores %s, saying so", async (_, query, ignored) => {
    const { status, body } = await getJson(q(query));
    expect(status).toBe(200);
    expect(body.ignoredWords).toEqual(ignored);
    const searched = await getJson(q(body.query));
    expect(body.query.split(/\s+/)).toHaveLength(10);
    expect(body.hits).toEqual(searched.body.hits);
    expect(searched.body.ignoredWords).toEqual([]);
  });

  it("counts the common words of a phrase, which are checked in the text", async () => {
    expect((await getJson(q(`"to be or not to be" "the of and" putin`))).body.ignoredWords).toEqual([]);
    const { status, body } = await getJson(q(`"to be or not to be" "the of and" putin trump`));
    expect(status).toBe(200);
    expect(body.ignoredWords).toEqual(["trump"]);
  });
});

