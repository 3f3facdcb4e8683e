/**
 * Who else carried it, on the seeds: five reports of one phone call, two of
 * them versions of one wire story (000 and 001), one sentence shared by
 * 000, 001 and 003, one quoted statement shared by Reuters (002) and The
 * Washington Times (004). Found at build time (corpus/passages.ts), served
 * as each document's related documents, each hit's alsoIn, collapse=copies
 * and the compare route.
 */
import { describe, expect, it } from "vitest";
import { passageWords } from "../../src/corpus/passage-words";
import { getJson } from "./fetch";

const DATED = "000_7b4177b3914c6952";
const SEED_001 = "001_9b23b38645758bcd";
const REUTERS = "002_0bec946113768599";
const SEED_003 = "003_ea843f910fce1dea";
const WASHINGTON_TIMES = "004_dc6718f12059daa3";
const SEEDS = [DATED, SEED_001, REUTERS, SEED_003, WASHINGTON_TIMES];

/** The words of a stretch of text as passages compare them (folded, stemmed). */
const keys = (text: string) => passageWords(text).map((word) => word.key);

describe("a document's related documents", () => {
  it("names 001 as a near-copy of 000, and 003 as sharing one sentence with both", async () => {
    const { body } = await getJson(`/documents/${DATED}`);
    expect(body.related.map(({ id, nearCopy }: any) => [id, nearCopy])).toEqual([
      [SEED_001, true],
      [SEED_003, false],
    ]);
    const [copy, sentence] = body.related;
    expect(copy).toMatchObject({ source: "unknown", title: "Trump, Putin discuss in-person meeting during phone call, Kremlin says" });
    // 92% of 000's 353 words (passages.test.ts counts them on the raw files).
    expect(copy.sharedWords).toBe(323);
    expect(sentence.sharedWords).toBe(15);
    expect(body.text.slice(sentence.spans[0].start, sentence.spans[0].end)).toBe(
      "The U.S. action was accompanied by a dramatic shift in the Trump administration's rhetoric toward",
    );
  });

  it("links the readout of the call to 000 and 001, and the quoted statement to Reuters and The Washington Times", async () => {
    const readout = "the two leaders discussed the creation of safe zones in Syria";
    for (const [id, other] of [
      [DATED, SEED_001],
      [SEED_001, DATED],
    ] as const) {
      const { body } = await getJson(`/documents/${id}`);
      const spans = body.related.find((related: any) => related.id === other).spans;
      expect(spans.some(({ start, end }: any) => body.text.slice(start, end).includes(readout)), id).toBe(true);
    }
    const { body } = await getJson(`/documents/${REUTERS}`);
    expect(body.related).toEqual([
      {
        id: WASHINGTON_TIMES,
        source: "The Washington Times",
        title: expect.stringMatching(/^President Trump and Russian President Vladimir Putin agreed/),
        nearCopy: false,
        sharedWords: 13,
        spans: [{ start: 2803, end: 2878, otherStart: 1601, otherEnd: 1676, words: 13 }],
      },
    ]);
  });

  it("gives spans that hold the same words on both sides, read as the index reads them", async () => {
    let spans = 0;
    for (const id of SEEDS) {
      const { body } = await getJson(`/documents/${id}`);
      for (const related of body.related) {
        const other = (await getJson(`/documents/${related.id}`)).body;
        for (const span of related.spans) {
          const here = keys(body.text.slice(span.start, span.end));
          expect(here).toHaveLength(span.words);
          expect(keys(other.text.slice(span.otherStart, span.otherEnd))).toEqual(here);
          spans++;
        }
      }
    }
    expect(spans).toBeGreaterThan(10);
  });
});

describe("a hit's alsoIn", () => {
  it("names the near-copy on each version of the wire story, and nothing where the snippet shows no shared passage", async () => {
    const { body } = await getJson("/search?q=safe+zones");
    const alsoIn = Object.fromEntries(body.hits.map((hit: any) => [hit.id, hit.alsoIn.map((other: any) => other.id)]));
    expect(alsoIn).toEqual({ [REUTERS]: [], [WASHINGTON_TIMES]: [], [DATED]: [SEED_001], [SEED_001]: [DATED] });
  });

  it("names the documents sharing the passage the snippet shows", async () => {
    // The snippet of this phrase search shows the statement both quote.
    const { body } = await getJson(`/search?q=${encodeURIComponent('"very dangerous situation in North Korea"')}`);
    for (const hit of body.hits) expect(hit.snippet).toContain("<mark>");
    const named = Object.fromEntries(body.hits.map((hit: any) => [hit.id, hit.alsoIn]));
    expect(named[REUTERS]).toEqual([{ id: WASHINGTON_TIMES, source: "The Washington Times", title: expect.any(String) }]);
    expect(named[WASHINGTON_TIMES]).toEqual([{ id: REUTERS, source: "Reuters", title: expect.any(String) }]);
  });
});

describe("collapse=copies", () => {
  it("folds 001 into 000 for safe zones, counting the folded hits, while facets count every document", async () => {
    const whole = (await getJson("/search?q=safe+zones")).body;
    const { body } = await getJson("/search?q=safe+zones&collapse=copies");
    expect(body.total).toBe(3);
    expect(body.hits.map((hit: any) => [hit.id, hit.copies, hit.copyCount])).toEqual([
      [REUTERS, [], 0],
      [WASHINGTON_TIMES, [], 0],
      [DATED, [{ id: SEED_001, source: "unknown" }], 1],
    ]);
    // The copy is named on the hit it folded into, not again as alsoIn.
    expect(body.hits[2].alsoIn).toEqual([]);
    expect(body.facets).toEqual(whole.facets);
  });

  it("pages through the folded hits exactly", async () => {
    const all = (await getJson("/search?collapse=copies&limit=100")).body;
    expect(all.total).toBe(4);
    const paged: string[] = [];
    for (let offset = 0; offset < 4; offset++) paged.push(...(await getJson(`/search?collapse=copies&limit=1&offset=${offset}`)).body.hits.map((hit: any) => hit.id));
    expect(paged).toEqual(all.hits.map((hit: any) => hit.id));
    expect(new Set(paged).size).toBe(4);
  });

  it("keeps the best-ranked version: the only one that matches, or the first in date order", async () => {
    // Of the two versions, 001 alone speaks of a "fabrication": nothing to fold into it.
    const { body } = await getJson("/search?q=fabrication&collapse=copies");
    expect(body.hits.map((hit: any) => [hit.id, hit.copyCount])).toEqual([[SEED_001, 0]]);
    const byDate = (await getJson("/search?q=safe+zones&collapse=copies&sort=date")).body;
    // 000 is the only dated seed: first in date order, and the best of its group there.
    expect(byDate.hits[0]).toMatchObject({ id: DATED, copies: [{ id: SEED_001, source: "unknown" }], copyCount: 1 });
  });

  it("is refused when it is neither copies nor none", async () => {
    const { status, body } = await getJson("/search?q=safe&collapse=yes");
    expect(status).toBe(400);
    expect(body.error.message).toBe("collapse must be copies or none");
  });
});

describe("GET /documents/:id/compare/:other", () => {
  it("gives both texts and the passages they share, from the first one's side", async () => {
    const { status, body } = await getJson(`/documents/${DATED}/compare/${SEED_001}`);
    expect(status).toBe(200);
    expect(body.document).toMatchObject({ id: DATED, source: "unknown", date: "2017-05-02" });
    expect(body.other).toMatchObject({ id: SEED_001, source: "unknown", date: null });
    expect(body.nearCopy).toBe(true);
    expect(body.spans).toEqual((await getJson(`/documents/${DATED}`)).body.related[0].spans);
    for (const span of body.spans) expect(keys(body.other.text.slice(span.otherStart, span.otherEnd))).toEqual(keys(body.document.text.slice(span.start, span.end)));
  });

  it("is the same comparison seen from the other side", async () => {
    const there = (await getJson(`/documents/${WASHINGTON_TIMES}/compare/${REUTERS}`)).body;
    const back = (await getJson(`/documents/${REUTERS}/compare/${WASHINGTON_TIMES}`)).body;
    expect(there.spans).toEqual(back.spans.map(({ start, end, otherStart, otherEnd, words }: any) => ({ start: otherStart, end: otherEnd, otherStart: start, otherEnd: end, words })));
    expect(there.nearCopy).toBe(false);
  });

  it("compares documents that share nothing as sharing nothing", async () => {
    const { status, body } = await getJson(`/documents/${REUTERS}/compare/${SEED_003}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ nearCopy: false, spans: [] });
  });

  it("answers 404 document_not_found naming the id that is missing, on either side", async () => {
    for (const [path, missing] of [
      [`/documents/${DATED}/compare/nope`, "nope"],
      [`/documents/nope/compare/${DATED}`, "nope"],
    ]) {
      const { status, body } = await getJson(path!);
      expect(status, path).toBe(404);
      expect(body.error).toEqual({ code: "document_not_found", message: `no document has the id "${missing}"` });
    }
  });
});
