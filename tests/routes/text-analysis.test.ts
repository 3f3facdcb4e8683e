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

const q = (query: string) => `/search?q=${encodeURIComponent(query)}`;

// The small dated corpus (build-seeds.ts) holds Café, ﬁnal (a ligature),
// Merkel’s, Cease-fire and Ceasefire, Japanese and Thai.
const datedAssets = assetsServing(inject("datedArtifact"));

async function searchDated(query: string) {
  const response = await app.fetch(new Request(`http://search.test${q(query)}`), { ASSETS: datedAssets });
  expect(response.status).toBe(200);
  return (await response.json()) as any;
}

async function searchSeeds(query: string) {
  const { status, body } = await getJson(q(query));
  expect(status).toBe(200);
  return body;
}

const idsOf = (body: any): string[] => body.hits.map((hit: any) => hit.id);
const snippetOf = (body: any, id: string): string => body.hits.find((hit: any) => hit.id === id).snippet;

describe("one analysis for the index, the query and the highlight", () => {
  it("folds case", async () => {
    expect(idsOf(await searchSeeds("KREMLIN"))).toEqual(idsOf(await searchSeeds("kremlin")));
    expect((await searchSeeds("KREMLIN")).total).toBe(5);
  });

  it("applies NFKC to the query: full-width ｓｏｃｈｉ finds Sochi", async () => {
    const body = await searchSeeds("ｓｏｃｈｉ");
    expect(idsOf(body)).toEqual([SEED_003]);
    expect(body.hits[0].snippet).toContain("the southern resort city of <mark>Sochi</mark>.");
  });

  it("applies NFKC to the text: final finds the ligature ﬁnal, marked as written", async () => {
    const body = await searchDated("final");
    expect(idsOf(body)).toEqual(["wire/2016/review"]);
    expect(body.hits[0].snippet).toBe("Ceasefire talks stalled all year before the <mark>ﬁnal</mark> round.");
  });

  it.each(["cafe", "Café", "CAFÉ", "Cafe\u0301"])("folds diacritics: %s finds Café", async (query) => {
    const body = await searchDated(query);
    expect(idsOf(body)).toEqual(["wire/2017/march"]);
    expect(body.hits[0].snippet).toBe("Cease-fire talks resumed in Geneva. Reporters waited in the <mark>Café</mark> de la Paix.");
  });

  it.each(["merkel", "Merkel's", "Merkel’s"])("drops the possessive, for any apostrophe: %s finds Merkel’s", async (query) => {
    const body = await searchDated(query);
    expect(idsOf(body)).toEqual(["wire/2017/april"]);
    expect(body.hits[0].snippet).toBe("<mark>Merkel’s</mark> visit to Sochi ended with talks about sanctions.");
  });

  it("reads US and U.S. as one word, and marks U.S. as written", async () => {
    const us = await searchSeeds("US");
    expect(us.total).toBe(5);
    expect(idsOf(us)).toEqual(idsOf(await searchSeeds("u.s.")));
    expect(snippetOf(us, REUTERS)).toContain("WASHINGTON/MOSCOW (Reuters) - <mark>U.S.</mark> President Donald Trump");
  });

  describe("hyphenated words, findable whole and by their parts", () => {
    it("ceasefire finds both Ceasefire and Cease-fire", async () => {
      const body = await searchDated("ceasefire");
      expect(idsOf(body).sort()).toEqual(["wire/2016/review", "wire/2017/march"]);
      expect(snippetOf(body, "wire/2016/review")).toContain("<mark>Ceasefire</mark> talks stalled");
      expect(snippetOf(body, "wire/2017/march")).toContain("<mark>Cease-fire</mark> talks resumed");
    });

    it("cease-fire finds both as well", async () => {
      expect(idsOf(await searchDated("cease-fire")).sort()).toEqual(["wire/2016/review", "wire/2017/march"]);
    });

    it("a part finds the compound and is marked alone", async () => {
      const body = await searchDated("fire");
      expect(idsOf(body)).toEqual(["wire/2017/march"]);
      expect(body.hits[0].snippet).toContain("Cease-<mark>fire</mark> talks resumed");
    });

    it("escalation finds de-escalation", async () => {
      const body = await searchSeeds("escalation");
      expect(idsOf(body).sort()).toEqual([REUTERS, WASHINGTON_TIMES]);
      expect(snippetOf(body, WASHINGTON_TIMES)).toContain("safe zones or de-<mark>escalation</mark> zones");
    });

    it("coordinated finds co-ordinated, and co-ordinated finds coordinated", async () => {
      const whole = await searchSeeds("coordinated");
      expect(idsOf(whole).sort()).toEqual([DATED, SEED_001]);
      expect(snippetOf(whole, SEED_001)).toContain("Trump’s campaign <mark>co-ordinated</mark> with Russia");
      expect(idsOf(await searchSeeds("co-ordinated")).sort()).toEqual([DATED, SEED_001]);
    });
  });

  it("stems with Porter: discussion finds discussed, marked as written", async () => {
    const body = await searchSeeds("discussion");
    expect(body.total).toBe(5);
    expect(snippetOf(body, DATED)).toContain("the two leaders <mark>discussed</mark> the creation of safe zones");
    expect(snippetOf(body, SEED_003)).toContain("During the <mark>discussion</mark>, which has been described");
  });

  it("stems plurals: zone finds zones", async () => {
    const body = await searchSeeds("zone");
    expect(idsOf(body).sort()).toEqual([DATED, SEED_001, REUTERS, WASHINGTON_TIMES]);
    expect(snippetOf(body, REUTERS)).toContain("safe <mark>zones</mark> for the civil war’s refugees");
  });

  it("drops stop words from a query with other words", async () => {
    expect(idsOf(await searchSeeds("the astana"))).toEqual(idsOf(await searchSeeds("astana")));
  });

  it("searches a query made only of stop words", async () => {
    const body = await searchSeeds("the");
    expect(body.total).toBe(5);
    expect(snippetOf(body, REUTERS)).toContain("<mark>the</mark>");
  });

  describe("scripts without spaces, segmented into words", () => {
    it("杭州 finds the seed with 杭州桑拿会所 and marks only 杭州", async () => {
      const body = await searchSeeds("杭州");
      expect(idsOf(body)).toEqual([SEED_001]);
      expect(body.hits[0].snippet).toContain("He took to <mark>杭州</mark>桑拿会所 days after the Syria strikes");
    });

    it("a run of several Chinese words is searched as a phrase and marked as one", async () => {
      const body = await searchSeeds("杭州桑拿");
      expect(idsOf(body)).toEqual([SEED_001]);
      expect(body.hits[0].snippet).toContain("He took to <mark>杭州桑拿</mark>会所");
    });

    it("Japanese: 東京 finds 東京都に住んでいます", async () => {
      const body = await searchDated("東京");
      expect(idsOf(body)).toEqual(["blog/tokyo"]);
      expect(body.hits[0].snippet).toBe("<mark>東京</mark>都に住んでいます。The talks were on the news all evening.");
    });

    it("Japanese: 東京都 is found and marked as one", async () => {
      const body = await searchDated("東京都");
      expect(idsOf(body)).toEqual(["blog/tokyo"]);
      expect(body.hits[0].snippet).toBe("<mark>東京都</mark>に住んでいます。The talks were on the news all evening.");
    });

    it("Thai: ไทย finds ภาษาไทยง่ายนิดเดียว", async () => {
      const body = await searchDated("ไทย");
      expect(idsOf(body)).toEqual(["blog/bangkok"]);
      expect(body.hits[0].snippet).toBe("ภาษา<mark>ไทย</mark>ง่ายนิดเดียว, and nobody here followed the talks.");
    });

    it("does not find 京都 (Kyoto) inside 東京都 (Tokyo), which is cut 東京|都", async () => {
      expect((await searchDated("京都")).total).toBe(0);
    });
  });
});
