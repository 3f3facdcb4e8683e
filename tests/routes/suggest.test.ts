import { describe, expect, it } from "vitest";
import { getJson } from "./fetch";

const DATED = "000_7b4177b3914c6952";
const SEED_001 = "001_9b23b38645758bcd";

/** GET /suggest with q (encoded here) and any other parameters. */
async function suggest(q: string, more = "") {
  const { status, body } = await getJson(`/suggest?q=${encodeURIComponent(q)}${more}`);
  expect(status).toBe(200);
  return body;
}

describe("GET /suggest", () => {
  it("completes the last word, with the documents each completion finds", async () => {
    expect(await suggest("saf")).toEqual({ query: "saf", suggestions: [{ text: "safe", documents: 4 }] });
  });

  it("ranks completions by documents, at most 5 by default", async () => {
    const { suggestions } = await suggest("pres");
    expect(suggestions).toEqual([
      { text: "president", documents: 5 },
      { text: "presidential", documents: 4 },
      { text: "press", documents: 3 },
      { text: "present", documents: 1 },
      { text: "pressure", documents: 1 },
    ]);
  });

  it("breaks ties in documents by the shorter word", async () => {
    expect((await suggest("russ")).suggestions).toEqual([
      { text: "russia", documents: 5 },
      { text: "russian", documents: 5 },
    ]);
  });

  it("takes a limit from 1 to 10", async () => {
    expect((await suggest("pres", "&limit=2")).suggestions).toEqual([
      { text: "president", documents: 5 },
      { text: "presidential", documents: 4 },
    ]);
    expect((await suggest("pres", "&limit=10")).suggestions).toHaveLength(5);
  });

  it("shows a completion as the corpus spells it, never as a stem", async () => {
    // "discuss" is the stem of discussed, discussion and discuss; the corpus
    // writes "discussed" most often.
    expect((await suggest("dis")).suggestions).toEqual([
      { text: "discussed", documents: 5 },
      { text: "disabled", documents: 1 },
      { text: "dismisses", documents: 1 },
      { text: "disappointment", documents: 1 },
    ]);
  });

  it("keeps the earlier words as typed and completes among the documents they find", async () => {
    expect((await suggest("trump pres", "&limit=1")).suggestions).toEqual([{ text: "trump president", documents: 5 }]);
    expect((await suggest("Trump PRES", "&limit=1")).suggestions).toEqual([{ text: "Trump president", documents: 5 }]);
    // korea finds 002, 003 and 004, which all name Astana; Tillerson is in two of putin's five.
    expect((await suggest("korea ast")).suggestions).toEqual([{ text: "korea astana", documents: 3 }]);
    expect((await suggest("putin tiller")).suggestions).toEqual([{ text: "putin tillerson", documents: 2 }]);
  });

  it("keeps an earlier misspelled word as typed, finding what its typo tolerance finds", async () => {
    expect((await suggest("tilerson put")).suggestions).toEqual([{ text: "tilerson putin", documents: 2 }]);
  });

  it("keeps earlier phrases and stop words as typed", async () => {
    expect((await suggest('"safe zones" ast')).suggestions).toEqual([{ text: '"safe zones" astana', documents: 2 }]);
    expect((await suggest("the kre")).suggestions).toEqual([{ text: "the kremlin", documents: 5 }]);
  });

  it("suggests nothing when the earlier words find nothing", async () => {
    expect((await suggest("xylophone saf")).suggestions).toEqual([]);
  });

  it("suggests nothing when the earlier words' documents have no completion", async () => {
    // putin -korea finds seeds 000 and 001; neither mentions Astana.
    expect((await suggest("putin -korea ast")).suggestions).toEqual([]);
  });

  it.each([
    ["sa", "fewer than 3 characters"],
    ["", "an empty q"],
    ["saf ", "a trailing space: the last word is finished"],
    ["saf zones ", "a trailing space after several words"],
    ["zzzz", "a word nothing completes or corrects"],
    ["-saf", "an excluded word"],
    ['"safe zo', "fewer than 3 characters after an unpaired quote"],
  ])("suggests nothing for %j (%s)", async (q) => {
    expect(await suggest(q)).toEqual({ query: q, suggestions: [] });
  });

  it("ignores leading spaces", async () => {
    expect(await suggest(" saf")).toEqual({ query: "saf", suggestions: [{ text: "safe", documents: 4 }] });
  });

  it("offers typo corrections only when nothing completes what was typed", async () => {
    // tillerzon completes nothing; it is one edit from Tillerson.
    expect((await suggest("tillerzon")).suggestions).toEqual([{ text: "tillerson", documents: 2 }]);
    expect((await suggest("kremlim")).suggestions).toEqual([{ text: "kremlin", documents: 5 }]);
    // tillers completes to tillerson: no corrections beside it.
    expect((await suggest("tillers")).suggestions).toEqual([{ text: "tillerson", documents: 2 }]);
  });

  it.each([
    ["q=saf&limit=0", 400, "limit_out_of_range", "limit must be from 1 to 10; got 0"],
    ["q=saf&limit=11", 400, "limit_out_of_range", "limit must be from 1 to 10; got 11"],
    ["q=saf&limit=abc", 400, "invalid_parameter", "limit must be an integer from 1 to 10"],
    ["q=saf&q=trump", 400, "repeated_parameter", "q may be given only once"],
    ["q=saf&limit=1&limit=2", 400, "repeated_parameter", "limit may be given only once"],
    ["q=saf&source=Reuters", 400, "unknown_parameter", "unknown parameter: source"],
  ])("rejects %s", async (query, status, code, message) => {
    const response = await getJson(`/suggest?${query}`);
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ error: { code, message } });
  });
});

describe("didYouMean on /search", () => {
  it("offers the corrected query when a word is not in the corpus", async () => {
    const { body } = await getJson("/search?q=Tilerson+putin");
    expect(body.didYouMean).toBe("tillerson putin");
    // The results are already there, through typo tolerance.
    expect(body.hits.map((hit: any) => hit.id).sort()).toEqual([DATED, SEED_001]);
  });

  it("corrects a word too short for typo tolerance, which finds nothing", async () => {
    const { body } = await getJson("/search?q=trmp");
    expect(body).toMatchObject({ total: 0, didYouMean: "trump" });
  });

  it("corrects the misspelled word of a relaxed query", async () => {
    const { body } = await getJson("/search?q=trmp+putin");
    expect(body).toMatchObject({ relaxed: true, total: 5, didYouMean: "trump putin" });
  });

  it("corrects a name as the corpus spells it", async () => {
    expect((await getJson("/search?q=astna")).body.didYouMean).toBe("astana");
    expect((await getJson("/search?q=putn")).body.didYouMean).toBe("putin");
  });

  it.each(["safe zones", "korea", "merkel sochi", "xylophone", '"tilerson"', "putin -tilerson", ""])(
    "is null when there is nothing better to offer (%j)",
    async (q) => {
      const { body } = await getJson(`/search?q=${encodeURIComponent(q)}`);
      expect(body.didYouMean).toBeNull();
    },
  );
});
