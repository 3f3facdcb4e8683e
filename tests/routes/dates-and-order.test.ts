import { describe, expect, inject, it } from "vitest";
import app from "../../src/index";
import { getJson } from "./fetch";
import { assetsServing } from "./artifact-assets";
import "./provided";

// Seven documents dated at every precision (see DATED_CORPUS in build-seeds.ts):
const REVIEW_2016 = "wire/2016/review"; //   2016
const MARCH = "wire/2017/march"; //          2017-03
const APRIL = "wire/2017/april"; //          2017-04
const MAY = "wire/2017/may"; //              2017-05-02, "Talks" in its title
const TOKYO = "blog/tokyo"; //               2017-05-02
const BANGKOK = "blog/bangkok"; //           2017-05-02T14:30:00Z
const MEMO = "memo"; //                      undated, source unknown
// Every one of them mentions "talks".

const assets = assetsServing(inject("datedArtifact"));

async function get(path: string) {
  const response = await app.fetch(new Request(`http://search.test${path}`), { ASSETS: assets });
  return { status: response.status, body: (await response.json()) as any };
}

async function ids(path: string): Promise<string[]> {
  const { status, body } = await get(path);
  expect(status).toBe(200);
  return body.hits.map((hit: any) => hit.id);
}

describe("document dates", () => {
  it("are returned at the precision the corpus gave them, null when undated", async () => {
    const { body } = await get("/search?q=talks&sort=date");
    expect(Object.fromEntries(body.hits.map((hit: any) => [hit.id, hit.date]))).toEqual({
      [REVIEW_2016]: "2016",
      [MARCH]: "2017-03",
      [APRIL]: "2017-04",
      [MAY]: "2017-05-02",
      [TOKYO]: "2017-05-02",
      [BANGKOK]: "2017-05-02T14:30:00Z",
      [MEMO]: null,
    });
  });
});

describe("from and to", () => {
  it("keep documents dated within a year, leaving out the undated one", async () => {
    const { body } = await get("/search?q=talks&from=2017");
    expect(body.total).toBe(5);
    expect(body.hits.map((hit: any) => hit.id).sort()).toEqual([BANGKOK, TOKYO, APRIL, MARCH, MAY].sort());
  });

  it("are inclusive: to=2016 keeps a document dated 2016", async () => {
    expect(await ids("/search?q=talks&to=2016")).toEqual([REVIEW_2016]);
  });

  it("treat a document's date as the span it covers: 2017-04 is within from=2017-04-15", async () => {
    expect((await ids("/search?q=talks&from=2017-04-15")).sort()).toEqual([BANGKOK, TOKYO, APRIL, MAY].sort());
    expect((await ids("/search?q=talks&to=2017-04-15")).sort()).toEqual([REVIEW_2016, APRIL, MARCH].sort());
  });

  it("take a month as the whole month, on either side", async () => {
    expect((await ids("/search?q=talks&from=2016-12&to=2017-03")).sort()).toEqual([REVIEW_2016, MARCH].sort());
  });

  it("keep both documents of a day and the timestamp within it for from=to=that day", async () => {
    expect((await ids("/search?q=talks&from=2017-05-02&to=2017-05-02")).sort()).toEqual([BANGKOK, TOKYO, MAY].sort());
  });

  it("compare timestamps to the instant, while a day-precision document covers its whole day", async () => {
    // 14:30 is before 15:00, but the documents dated 2017-05-02 run to midnight.
    expect((await ids("/search?q=talks&from=2017-05-02T15:00:00Z")).sort()).toEqual([TOKYO, MAY].sort());
    expect((await ids("/search?q=talks&to=2017-05-02T10:00:00Z")).sort()).toEqual([TOKYO, APRIL, REVIEW_2016, MARCH, MAY].sort());
    expect((await ids("/search?q=talks&from=2017-05-02T14:30:00Z&to=2017-05-02T14:30:00Z")).sort()).toEqual([BANGKOK, TOKYO, MAY].sort());
  });

  it("read a timestamp's offset: 15:00+02:00 is 13:00 UTC, before the 14:30 document", async () => {
    expect((await ids("/search?q=talks&from=2017-05-02T15:00:00%2B02:00")).sort()).toEqual([BANGKOK, TOKYO, MAY].sort());
  });

  it("filter a browse (no q) too", async () => {
    expect(await ids("/search?from=2017-03-31T23:59:59Z")).toEqual([BANGKOK, TOKYO, MAY, APRIL, MARCH]);
  });

  it("filter the seeds, where only seed 000 has a date", async () => {
    const { body } = await getJson("/search?q=putin&from=2017");
    expect(body.hits.map((hit: any) => [hit.id, hit.date])).toEqual([["000_7b4177b3914c6952", "2017-05-02"]]);
  });

  it.each([
    ["from=2017-13", "from"],
    ["from=2017-02-30", "from"],
    ["from=2017-5-2", "from"],
    ["from=17", "from"],
    ["from=yesterday", "from"],
    ["from=", "from"],
    ["to=2017-05-02T25:00:00Z", "to"],
  ])("reject an invalid date (%s) with 400 invalid_parameter", async (query, name) => {
    const { status, body } = await get(`/search?q=talks&${query}`);
    expect(status).toBe(400);
    expect(body).toEqual({
      error: { code: "invalid_parameter", message: `${name} must be an ISO 8601 date such as 2017, 2017-05 or 2017-05-02` },
    });
  });

  it.each(["from=2018&to=2017", "from=2017-05-03&to=2017-05-02", "from=2017-05-02T12:00:00Z&to=2017-05-02T11:59:59Z"])(
    "reject from later than to (%s) with 400 invalid_parameter",
    async (query) => {
      const { status, body } = await get(`/search?q=talks&${query}`);
      expect(status).toBe(400);
      expect(body).toEqual({ error: { code: "invalid_parameter", message: "from must not be later than to" } });
    },
  );

  it("accept a from inside the span of to (from=2017-05-02T12:00:00Z, to=2017-05)", async () => {
    expect((await ids("/search?q=talks&from=2017-05-02T12:00:00Z&to=2017-05")).sort()).toEqual([BANGKOK, TOKYO, MAY].sort());
  });
});

describe("facet counts", () => {
  it("honour the date filter but not the source filter", async () => {
    const { body } = await get("/search?q=talks&from=2017&source=blog");
    expect(body.total).toBe(2);
    expect(body.hits.map((hit: any) => hit.id).sort()).toEqual([BANGKOK, TOKYO].sort());
    expect(body.facets.source).toEqual({ wire: 3, blog: 2 });
  });

  it("count matching documents per year of their date (undated ones left out), and filter on a year as on a tag", async () => {
    expect((await get("/search?q=talks")).body.facets.date).toEqual({ "2016": 1, "2017": 5 });
    expect((await get("/search?q=talks&source=blog")).body.facets.date).toEqual({ "2017": 2 });
    // The from/to range applies before any facet is counted; a year ticked does not hide the other years.
    expect((await get("/search?q=talks&from=2017-05")).body.facets.date).toEqual({ "2017": 3 });
    const { body } = await get("/search?q=talks&date=2016");
    expect(body.total).toBe(1);
    expect(body.facets.date).toEqual({ "2016": 1, "2017": 5 });
  });

  it("honour exclusions together with the date filter", async () => {
    // -sochi removes April; the date filter removes 2016 and the undated memo.
    const { body } = await get("/search?q=talks+-sochi&from=2017");
    expect(body.hits.map((hit: any) => hit.id).sort()).toEqual([BANGKOK, TOKYO, MARCH, MAY].sort());
    expect(body.facets.source).toEqual({ blog: 2, wire: 2 });
  });
});

describe("sort", () => {
  it("orders by relevance by default", async () => {
    const { body } = await get("/search?q=talks");
    expect(body.hits[0].id).toBe(MAY); // the only one with "talks" in its title
  });

  it("sort=date lists the oldest first and the undated last, equal dates in relevance order", async () => {
    // MAY and TOKYO share 2017-05-02; MAY is more relevant (title), so it
    // comes first although TOKYO's id sorts first.
    expect(await ids("/search?q=talks&sort=date")).toEqual([REVIEW_2016, MARCH, APRIL, MAY, TOKYO, BANGKOK, MEMO]);
  });

  it("sort=-date lists the newest first and the undated still last, equal dates in relevance order", async () => {
    expect(await ids("/search?q=talks&sort=-date")).toEqual([BANGKOK, MAY, TOKYO, APRIL, MARCH, REVIEW_2016, MEMO]);
  });

  it("sort=relevance is the default order, given explicitly", async () => {
    expect(await ids("/search?q=talks&sort=relevance")).toEqual(await ids("/search?q=talks"));
  });

  it("sorts a browse by date, oldest first", async () => {
    expect(await ids("/search?sort=date")).toEqual([REVIEW_2016, MARCH, APRIL, TOKYO, MAY, BANGKOK, MEMO]);
  });

  it("applies after the date filter and before paging", async () => {
    expect(await ids("/search?q=talks&sort=date&from=2017&limit=2")).toEqual([MARCH, APRIL]);
    expect(await ids("/search?q=talks&sort=date&from=2017&limit=2&offset=2")).toEqual([MAY, TOKYO]);
  });

  it("rejects an unknown order with 400 invalid_parameter", async () => {
    const { status, body } = await get("/search?q=talks&sort=newest");
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: "invalid_parameter", message: "sort must be relevance, date or -date" } });
  });
});
