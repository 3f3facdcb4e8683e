/**
 * The Meilisearch routes driven by the real client packages, inside workerd:
 * meilisearch-js 0.62 and 0.57 (the one instant-meilisearch declares as its
 * peer), and instant-meilisearch 0.31 under instantsearch.js run headless
 * through its connectors. The clients call the global fetch, which the
 * tests point at the Worker; their own `httpClient` option is not used for
 * this, as it bypasses the client's response handling (errors included).
 *
 * Every expected id and count below is what the Worker's own /search
 * answers for the same question (checked side by side where /search can ask
 * it): the Meilisearch routes search with the same engine.
 * What the clients send and need: ../shared/research/meilisearch-clients.md.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { exports } from "cloudflare:workers";
import { Meilisearch as Meilisearch057, MeilisearchApiError as MeilisearchApiError057 } from "meilisearch";
import { Meilisearch as Meilisearch062, MeilisearchApiError as MeilisearchApiError062 } from "meilisearch-0.62";
import {
  connectConfigure,
  connectHits,
  connectPagination,
  connectRange,
  connectRefinementList,
  connectSearchBox,
  connectStats,
  instantMeiliSearch,
  instantsearch,
} from "./instantsearch-headless.js";
import { getJson } from "./fetch";

const HOST = "http://search.test";
const DATED = "000_7b4177b3914c6952";
const SEED_001 = "001_9b23b38645758bcd";
const REUTERS = "002_0bec946113768599";
const SEED_003 = "003_ea843f910fce1dea";
const WASHINGTON_TIMES = "004_dc6718f12059daa3";

/** /search's answer to "safe zones": these four, best first. */
const SAFE_ZONES = [REUTERS, WASHINGTON_TIMES, DATED, SEED_001];

/** One call a client made, and the Worker's answer. */
interface Exchange {
  method: string;
  path: string;
  headers: Headers;
  body: any;
  status: number;
  answer: any;
}

/** Points the global fetch at the Worker for each test of the enclosing describe; returns the calls made. */
function routeFetchToWorker(): Exchange[] {
  const exchanges: Exchange[] = [];
  beforeEach(() => {
    exchanges.length = 0;
    vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      const body = request.method === "POST" ? await request.clone().json() : undefined;
      const response = await exports.default.fetch(request);
      const text = await response.clone().text();
      exchanges.push({ method: request.method, path: url.pathname + url.search, headers: request.headers, body, status: response.status, answer: text === "" ? undefined : JSON.parse(text) });
      return response;
    });
  });
  afterEach(() => vi.unstubAllGlobals());
  return exchanges;
}

/** The ids /search answers for a query string. */
async function searchIds(query: string): Promise<string[]> {
  const { status, body } = await getJson(`/search?${query}`);
  expect(status, query).toBe(200);
  return body.hits.map((hit: { id: string }) => hit.id);
}

// The first search loads the index, which takes seconds inside workerd: done once here, not inside a test's time.
beforeAll(() => getJson("/search?q=safe+zones"), 60_000);

const ids = (hits: readonly Record<string, unknown>[]) => hits.map((hit) => hit.id);

/** How many words a cropped text holds, its markers and tags aside. */
const words = (text: string) => text.replace(/<\/?em>/g, "").replace(/…/g, " ").trim().split(/\s+/).length;

describe.each([
  { version: "0.62.0", Meilisearch: Meilisearch062, MeilisearchApiError: MeilisearchApiError062 },
  // Typed as 0.62's: the calls made here have one signature in both versions.
  { version: "0.57.0", Meilisearch: Meilisearch057 as unknown as typeof Meilisearch062, MeilisearchApiError: MeilisearchApiError057 as unknown as typeof MeilisearchApiError062 },
])("meilisearch-js $version", ({ version, Meilisearch, MeilisearchApiError }) => {
  const exchanges = routeFetchToWorker();
  const client = () => new Meilisearch({ host: HOST });
  const corpus = () => client().index("corpus");

  /** The error a call rejects with, checked to be the client's MeilisearchApiError. */
  async function apiError(call: Promise<unknown>): Promise<{ code: string; type: string; status: number; message: string }> {
    const error = await call.then(
      () => expect.unreachable("the call should have failed"),
      (error: unknown) => error,
    );
    expect(error).toBeInstanceOf(MeilisearchApiError);
    const { cause, response, message } = error as InstanceType<typeof MeilisearchApiError>;
    return { code: cause!.code, type: cause!.type, status: response.status, message };
  }

  it("searches as /search does: its hits in its order, cropped and highlighted text, counts and facets", async () => {
    const answer = await corpus().search("safe zones", { attributesToHighlight: ["*"], attributesToCrop: ["text:8"], facets: ["source"], limit: 2 });
    const ours = await getJson("/search?q=safe+zones");
    expect(ids(answer.hits)).toEqual([REUTERS, WASHINGTON_TIMES]);
    expect(ids(answer.hits)).toEqual(ours.body.hits.slice(0, 2).map((hit: { id: string }) => hit.id));
    expect(answer).toMatchObject({ query: "safe zones", limit: 2, offset: 0, estimatedTotalHits: 4 });
    expect(answer.estimatedTotalHits).toBe(ours.body.total);
    expect(answer.facetDistribution).toEqual({ source: { unknown: 2, Reuters: 1, "The Washington Times": 1 } });
    expect(answer.facetDistribution!.source).toEqual(ours.body.facets.source);
    expect(answer.hits[0]!._formatted!.text).toBe("…Syrian ceasefire and <em>safe</em> <em>zones</em> for the civil…");
    expect(answer.hits[1]!._formatted!.text).toBe("…establishing <em>safe</em> <em>zones</em> or de-escalation <em>zones</em> to help…");
    for (const hit of answer.hits) {
      expect(hit._formatted!.text).toContain("<em>safe</em> <em>zones</em>");
      expect(words(hit._formatted!.text as string)).toBeLessThanOrEqual(8);
      // The document's own attributes stay whole beside the formatted copy.
      expect((hit.text as string).length).toBeGreaterThan((hit._formatted!.text as string).length);
      expect(hit._formatted!.id).toBe(hit.id);
      expect(hit._formatted!.source).toBe(hit.source);
    }
  });

  it("sends the client's name and JSON on every call", async () => {
    await corpus().search("safe zones", { limit: 1 });
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]!).toMatchObject({ method: "POST", path: "/indexes/corpus/search", body: { q: "safe zones", limit: 1 }, status: 200 });
    expect(exchanges[0]!.headers.get("X-Meilisearch-Client")).toBe(`Meilisearch JavaScript (v${version})`);
    expect(exchanges[0]!.headers.get("Content-Type")).toBe("application/json");
  });

  it("searches by GET with a string filter and comma-joined facets", async () => {
    const answer = await corpus().searchGet("safe zones", { filter: "source = Reuters", facets: ["source"], attributesToCrop: ["text:8"], attributesToHighlight: ["*"] });
    expect(exchanges[0]!.method).toBe("GET");
    expect(exchanges[0]!.path).toBe("/indexes/corpus/search?q=safe+zones&filter=source+%3D+Reuters&facets=source&attributesToCrop=text%3A8&attributesToHighlight=*");
    expect(ids(answer.hits)).toEqual([REUTERS]);
    expect(ids(answer.hits)).toEqual(await searchIds("q=safe+zones&source=Reuters"));
    expect(answer).toMatchObject({ limit: 20, offset: 0, estimatedTotalHits: 1 });
    // Meilisearch counts facets over the filtered matches (our /search counts a source over every source).
    expect(answer.facetDistribution).toEqual({ source: { Reuters: 1 } });
    expect(answer.hits[0]!._formatted!.text).toBe("…Syrian ceasefire and <em>safe</em> <em>zones</em> for the civil…");
  });

  it("pages by number: totalHits, totalPages and the third and fourth hits on page 2", async () => {
    const answer = await corpus().search("safe zones", { hitsPerPage: 2, page: 2 });
    expect(answer).toMatchObject({ hitsPerPage: 2, page: 2, totalHits: 4, totalPages: 2 });
    expect(answer).not.toHaveProperty("estimatedTotalHits");
    expect(ids(answer.hits)).toEqual([DATED, SEED_001]);
    expect(ids(answer.hits)).toEqual(await searchIds("q=safe+zones&limit=2&offset=2"));
  });

  it("pages by offset: the limit is honoured exactly", async () => {
    for (const limit of [1, 2, 3, 4, 5]) {
      const answer = await corpus().search("safe zones", { limit, offset: 1 });
      expect(ids(answer.hits), `limit ${limit}`).toEqual(SAFE_ZONES.slice(1, 1 + limit));
      expect(answer).toMatchObject({ limit, offset: 1, estimatedTotalHits: 4 });
    }
  });

  describe("filters as /search filters", () => {
    // Each filter, the ids it leaves of "safe zones" (in /search's order), and /search's equivalent where it has one.
    const cases: { filter: string | (string | string[])[]; expected: string[]; equivalent?: string }[] = [
      { filter: "source = Reuters", expected: [REUTERS], equivalent: "source=Reuters" },
      { filter: 'source = "The Washington Times"', expected: [WASHINGTON_TIMES], equivalent: "source=The+Washington+Times" },
      { filter: "source = 'The Washington Times'", expected: [WASHINGTON_TIMES], equivalent: "source=The+Washington+Times" },
      { filter: '"source" = "Reuters"', expected: [REUTERS], equivalent: "source=Reuters" },
      { filter: 'source = Reuters OR source = "The Washington Times"', expected: [REUTERS, WASHINGTON_TIMES], equivalent: "source=Reuters&source=The+Washington+Times" },
      { filter: 'source IN [Reuters, "The Washington Times"]', expected: [REUTERS, WASHINGTON_TIMES], equivalent: "source=Reuters&source=The+Washington+Times" },
      { filter: "source != unknown", expected: [REUTERS, WASHINGTON_TIMES], equivalent: "source=Reuters&source=The+Washington+Times" },
      { filter: "NOT source = unknown", expected: [REUTERS, WASHINGTON_TIMES], equivalent: "source=Reuters&source=The+Washington+Times" },
      { filter: "source NOT IN [unknown]", expected: [REUTERS, WASHINGTON_TIMES], equivalent: "source=Reuters&source=The+Washington+Times" },
      { filter: "source = unknown", expected: [DATED, SEED_001], equivalent: "source=unknown" },
      { filter: "date EXISTS", expected: [DATED], equivalent: "from=2000-01-01" },
      { filter: "date NOT EXISTS", expected: [REUTERS, WASHINGTON_TIMES, SEED_001] },
      { filter: "date 2017-01-01 TO 2017-12-31", expected: [DATED], equivalent: "from=2017-01-01&to=2017-12-31" },
      { filter: 'date >= "2017-05-02"', expected: [DATED], equivalent: "from=2017-05-02" },
      { filter: 'date > "2017-05-02"', expected: [], equivalent: "from=2017-05-03" },
      { filter: 'date < "2017-05-02"', expected: [], equivalent: "to=2017-05-01" },
      { filter: `id = ${REUTERS}`, expected: [REUTERS] },
      { filter: `id IN [${SEED_001}, ${DATED}, ${SEED_003}]`, expected: [DATED, SEED_001] },
      { filter: `id != ${REUTERS} AND source != unknown`, expected: [WASHINGTON_TIMES] },
      // AND binds tighter than OR.
      { filter: "source = Reuters OR source = unknown AND date EXISTS", expected: [REUTERS, DATED] },
      { filter: "(source = Reuters OR source = unknown) AND NOT date EXISTS", expected: [REUTERS, SEED_001] },
      // The array form: outer elements ANDed, inner arrays ORed.
      { filter: ["source != unknown"], expected: [REUTERS, WASHINGTON_TIMES], equivalent: "source=Reuters&source=The+Washington+Times" },
      { filter: [["source = Reuters", 'source = "The Washington Times"']], expected: [REUTERS, WASHINGTON_TIMES], equivalent: "source=Reuters&source=The+Washington+Times" },
      { filter: [["source = Reuters", "source = unknown"], "date NOT EXISTS"], expected: [REUTERS, SEED_001] },
      { filter: [['"source"="unknown"'], ['"source"="Reuters"']], expected: [] },
    ];

    it.each(cases)("filter $filter", async ({ filter, expected, equivalent }) => {
      const answer = await corpus().search("safe zones", { filter, facets: ["source"] });
      expect(ids(answer.hits)).toEqual(expected);
      expect(answer.estimatedTotalHits).toBe(expected.length);
      if (equivalent) expect(ids(answer.hits)).toEqual(await searchIds(`q=safe+zones&${equivalent}`));
      // The facet counts are over the filtered matches.
      const counted = Object.values(answer.facetDistribution!.source!).reduce((sum, count) => sum + count, 0);
      expect(counted).toBe(expected.length);
    });
  });

  it("sorts by date, newest first, the undated after in relevance order", async () => {
    const answer = await corpus().search("safe zones", { sort: ["date:desc"] });
    expect(ids(answer.hits)).toEqual([DATED, REUTERS, WASHINGTON_TIMES, SEED_001]);
    expect(ids(answer.hits)).toEqual(await searchIds("q=safe+zones&sort=-date"));
  });

  it("answers a multi-search, each result with its index uid, in the order asked", async () => {
    const { results } = await client().multiSearch({
      queries: [
        { indexUid: "corpus", q: "safe zones", limit: 2 },
        { indexUid: "corpus", q: "", filter: "source = Reuters", facets: ["source"] },
        { indexUid: "corpus", q: "safe zones", hitsPerPage: 3, page: 2 },
      ],
    });
    expect(results).toHaveLength(3);
    expect(results.map((result) => result.indexUid)).toEqual(["corpus", "corpus", "corpus"]);
    expect(ids(results[0]!.hits)).toEqual([REUTERS, WASHINGTON_TIMES]);
    expect(results[0]).toMatchObject({ query: "safe zones", limit: 2, offset: 0, estimatedTotalHits: 4 });
    expect(ids(results[1]!.hits)).toEqual([REUTERS]);
    expect(results[1]).toMatchObject({ query: "", estimatedTotalHits: 1, facetDistribution: { source: { Reuters: 1 } } });
    expect(ids(results[2]!.hits)).toEqual([SEED_001]);
    expect(results[2]).toMatchObject({ hitsPerPage: 3, page: 2, totalHits: 4, totalPages: 2 });
  });

  it("searches a facet's values by the start of a word", async () => {
    const answer = await corpus().searchForFacetValues({ facetName: "source", facetQuery: "wash" });
    expect(answer.facetHits).toEqual([{ value: "The Washington Times", count: 1 }]);
    expect(answer.facetQuery).toBe("wash");
    const all = await corpus().searchForFacetValues({ facetName: "source" });
    expect(all.facetHits).toEqual([
      { value: "unknown", count: 3 },
      { value: "Reuters", count: 1 },
      { value: "The Washington Times", count: 1 },
    ]);
    const withinSearch = await corpus().searchForFacetValues({ facetName: "source", facetQuery: "", q: "safe zones", filter: "date NOT EXISTS" });
    expect(withinSearch.facetHits).toEqual([
      { value: "Reuters", count: 1 },
      { value: "The Washington Times", count: 1 },
      { value: "unknown", count: 1 },
    ]);
  });

  it("reports health, version and the index", async () => {
    expect(await client().health()).toEqual({ status: "available" });
    expect(await client().isHealthy()).toBe(true);
    const versionInfo = await client().getVersion();
    expect(typeof versionInfo.pkgVersion).toBe("string");
    expect(versionInfo.pkgVersion.length).toBeGreaterThan(0);
    const index = await client().getIndex("corpus");
    expect(index.uid).toBe("corpus");
    expect(index.primaryKey).toBe("id");
    const raw = await client().index("corpus").getRawInfo();
    expect(raw).toEqual({ uid: "corpus", primaryKey: "id", createdAt: null, updatedAt: null });
    const { results, total } = await client().getRawIndexes();
    expect(total).toBe(1);
    expect(results.map((result) => result.uid)).toEqual(["corpus"]);
  });

  it("counts and facets without hits for limit 0, and for hitsPerPage 0", async () => {
    const byLimit = await corpus().search("safe zones", { limit: 0, facets: ["source"] });
    expect(byLimit).toMatchObject({ hits: [], limit: 0, offset: 0, estimatedTotalHits: 4, facetDistribution: { source: { unknown: 2, Reuters: 1, "The Washington Times": 1 } } });
    const byPage = await corpus().search("safe zones", { hitsPerPage: 0, facets: ["source"] });
    expect(byPage).toMatchObject({ hits: [], hitsPerPage: 0, totalHits: 4, totalPages: 0, facetDistribution: { source: { unknown: 2, Reuters: 1, "The Washington Times": 1 } } });
  });

  describe("errors reject with the client's MeilisearchApiError", () => {
    it("a filter that does not parse: invalid_search_filter, 400", async () => {
      const error = await apiError(corpus().search("safe zones", { filter: "source = " }));
      expect(error).toMatchObject({ code: "invalid_search_filter", type: "invalid_request", status: 400 });
      expect(error.message).toMatch(/column/);
    });

    it("a filter on an attribute that is not filterable: invalid_search_filter, 400", async () => {
      const error = await apiError(corpus().search("safe zones", { filter: "title = Trump" }));
      expect(error).toMatchObject({ code: "invalid_search_filter", type: "invalid_request", status: 400 });
      expect(error.message).toContain("title");
    });

    it("an unknown index: index_not_found, 404", async () => {
      const error = await apiError(client().index("nope").search("safe zones"));
      expect(error).toMatchObject({ code: "index_not_found", type: "invalid_request", status: 404, message: "Index `nope` not found." });
      expect((await apiError(client().getIndex("nope"))).code).toBe("index_not_found");
      const multi = await apiError(client().multiSearch({ queries: [{ indexUid: "corpus", q: "a" }, { indexUid: "nope", q: "a" }] }));
      expect(multi).toMatchObject({ code: "index_not_found", status: 404 });
      expect(multi.message).toContain("`.queries[1]`");
    });

    it("a facet that is not one: invalid_search_facets; a sort on another attribute: invalid_search_sort", async () => {
      expect(await apiError(corpus().search("safe zones", { facets: ["title"] }))).toMatchObject({ code: "invalid_search_facets", status: 400 });
      expect(await apiError(corpus().search("safe zones", { sort: ["title:asc"] }))).toMatchObject({ code: "invalid_search_sort", status: 400 });
    });

    it("a negative limit: invalid_search_limit, 400", async () => {
      expect(await apiError(corpus().search("safe zones", { limit: -1 }))).toMatchObject({ code: "invalid_search_limit", status: 400 });
    });
  });

  it("also answers through the deprecated httpClient option, which receives the URL and the request init", async () => {
    vi.unstubAllGlobals();
    const called: string[] = [];
    const viaHttpClient = new Meilisearch({
      host: HOST,
      // The client hands back whatever httpClient returns: the parsed body.
      httpClient: async (input, init) => {
        called.push(String(input));
        return (await exports.default.fetch(new Request(input, init))).json();
      },
    });
    const answer = (await viaHttpClient.index("corpus").search("safe zones", { limit: 2 })) as { hits: { id: string }[] };
    expect(ids(answer.hits)).toEqual([REUTERS, WASHINGTON_TIMES]);
    expect(called).toEqual(["http://search.test/indexes/corpus/search"]);
  });
});

/** instantsearch.js run headless: what its connectors last rendered, and a way to wait for the next settled render. */
function headless(searchClient: any, { hitsPerPage = 2, dateRange = null as Record<string, number> | null } = {}) {
  const search = instantsearch({ indexName: "corpus", searchClient });
  const rendered: { hits?: any; refinementList?: any; pagination?: any; stats?: any; searchBox?: any; range?: any } = {};
  // A range on the date (years), as a range slider or input widget would ask.
  if (dateRange) search.addWidgets([connectRange((options: any) => (rendered.range = options))({ attribute: "date", ...dateRange })]);
  search.addWidgets([
    connectConfigure(() => {})({ searchParameters: { hitsPerPage, attributesToSnippet: ["text:8"] } }),
    connectSearchBox((options: any) => (rendered.searchBox = options))({}),
    connectHits((options: any) => (rendered.hits = options))({}),
    connectRefinementList((options: any) => (rendered.refinementList = options))({ attribute: "source" }),
    connectPagination((options: any) => (rendered.pagination = options))({}),
    connectStats((options: any) => (rendered.stats = options))({}),
  ]);
  /** Resolves at the next render after the results arrive (not a "stalled" render while waiting). */
  const settled = () =>
    new Promise<void>((resolve, reject) => {
      const onRender = () => {
        if (search.status !== "idle") return;
        search.removeListener("render", onRender);
        search.removeListener("error", onError);
        resolve();
      };
      const onError = ({ error }: { error: Error }) => {
        search.removeListener("render", onRender);
        reject(error);
      };
      search.on("render", onRender);
      search.on("error", onError);
    });
  /** Does `act` (starting the search, typing, ticking) and waits for the render of its results. */
  const after = async (act: () => void) => {
    const done = settled();
    act();
    await done;
  };
  return { search, rendered, after };
}

describe("instant-meilisearch 0.31 with instantsearch.js, headless", () => {
  const exchanges = routeFetchToWorker();
  /** The main queries (with `q`) of every multi-search the adapter sent. */
  const mainQueries = () => exchanges.filter((exchange) => exchange.path === "/multi-search").flatMap((exchange) => exchange.body.queries.map((query: any, i: number) => ({ query, result: exchange.answer.results[i] })));

  it("shows every document and the source facet for an empty query", async () => {
    const { searchClient } = instantMeiliSearch(HOST, "", { primaryKey: "id" });
    const { search, rendered, after } = headless(searchClient, { hitsPerPage: 10 });
    await after(() => search.start());
    expect(rendered.stats.nbHits).toBe(5);
    expect(rendered.hits.items.map((hit: any) => hit.objectID)).toEqual(await searchIds("q="));
    expect(rendered.hits.items.map((hit: any) => hit.objectID)).toEqual([DATED, SEED_001, REUTERS, SEED_003, WASHINGTON_TIMES]);
    expect(rendered.refinementList.items.map(({ value, count, isRefined }: any) => ({ value, count, isRefined }))).toEqual([
      { value: "unknown", count: 3, isRefined: false },
      { value: "Reuters", count: 1, isRefined: false },
      { value: "The Washington Times", count: 1, isRefined: false },
    ]);
    expect(rendered.pagination).toMatchObject({ nbPages: 1, currentRefinement: 0, isFirstPage: true, isLastPage: true });
    search.dispose();
  });

  it("shows the four hits for safe zones, their title and snippet highlighted from _formatted", async () => {
    const { searchClient } = instantMeiliSearch(HOST, "", { primaryKey: "id" });
    const { search, rendered, after } = headless(searchClient, { hitsPerPage: 4 });
    await after(() => search.start());
    await after(() => rendered.searchBox.refine("safe zones"));
    expect(rendered.stats).toMatchObject({ nbHits: 4, query: "safe zones", nbPages: 1 });
    expect(rendered.hits.items.map((hit: any) => hit.objectID)).toEqual(SAFE_ZONES);
    const [reuters, washingtonTimes] = rendered.hits.items;
    // connectHits escapes the hit and turns the adapter's __ais-highlight__ tags into <mark>.
    expect(reuters._snippetResult.text.value).toBe("…Syrian ceasefire and <mark>safe</mark> <mark>zones</mark> for the civil…");
    expect(washingtonTimes._snippetResult.text.value).toBe("…establishing <mark>safe</mark> <mark>zones</mark> or de-escalation <mark>zones</mark> to help…");
    expect(reuters._highlightResult.title.value).toBe(reuters.title);
    expect(reuters._highlightResult.source.value).toBe("Reuters");
    expect(reuters).not.toHaveProperty("_formatted");
    // What the adapter asked for: the snippet as a crop, the tags instantsearch reads.
    const main = mainQueries().find(({ query }) => query.q === "safe zones")!;
    expect(main.query).toMatchObject({ indexUid: "corpus", q: "safe zones", facets: ["source"], attributesToCrop: ["text:8"], attributesToHighlight: ["*"], highlightPreTag: "__ais-highlight__", highlightPostTag: "__/ais-highlight__", limit: 5, offset: 0 });
    expect(main.result.hits[0]._formatted.text).toBe("…Syrian ceasefire and __ais-highlight__safe__/ais-highlight__ __ais-highlight__zones__/ais-highlight__ for the civil…");
    search.dispose();
  });

  it("highlights a word of the title", async () => {
    const { searchClient } = instantMeiliSearch(HOST, "", { primaryKey: "id" });
    const { search, rendered, after } = headless(searchClient, { hitsPerPage: 5 });
    await after(() => search.start());
    await after(() => rendered.searchBox.refine("kremlin"));
    const dated = rendered.hits.items.find((hit: any) => hit.objectID === DATED);
    expect(dated._highlightResult.title.value).toContain("The <mark>Kremlin</mark> says");
    search.dispose();
  });

  it("refining a source shows its hit while the facet list keeps every source and its count", async () => {
    const { searchClient } = instantMeiliSearch(HOST, "", { primaryKey: "id" });
    const { search, rendered, after } = headless(searchClient, { hitsPerPage: 10 });
    await after(() => search.start());
    exchanges.length = 0;
    await after(() => rendered.refinementList.refine("Reuters"));
    expect(rendered.stats.nbHits).toBe(1);
    expect(rendered.hits.items.map((hit: any) => hit.objectID)).toEqual([REUTERS]);
    expect(rendered.refinementList.items.map(({ value, count, isRefined }: any) => ({ value, count, isRefined }))).toEqual([
      { value: "Reuters", count: 1, isRefined: true },
      { value: "unknown", count: 3, isRefined: false },
      { value: "The Washington Times", count: 1, isRefined: false },
    ]);
    // The disjunctive facet's second query: without its own filter, no hits, the counts of every source.
    const queries = mainQueries();
    expect(queries).toHaveLength(2);
    expect(queries[0]!.query).toMatchObject({ q: "", filter: [['"source"="Reuters"']], limit: 11, offset: 0 });
    expect(ids(queries[0]!.result.hits)).toEqual([REUTERS]);
    expect(queries[1]!.query).toMatchObject({ q: "", limit: 0 });
    expect(queries[1]!.query).not.toHaveProperty("filter");
    expect(queries[1]!.result).toMatchObject({ hits: [], estimatedTotalHits: 5, facetDistribution: { source: { unknown: 3, Reuters: 1, "The Washington Times": 1 } } });
    search.dispose();
  });

  it("filters by a date range, its bounds from facetStats, as a range widget does", async () => {
    const { searchClient } = instantMeiliSearch(HOST, "", { primaryKey: "id" });
    // Bounds from the answer's facetStats: only one seed is dated, in 2017.
    const plain = headless(searchClient, { hitsPerPage: 5, dateRange: {} });
    await plain.after(() => plain.search.start());
    expect(plain.rendered.range.range).toEqual({ min: 2017, max: 2017 });
    plain.search.dispose();
    // Given bounds filter from the start: documents dated within them (an undated one has no date to compare), as from and to do.
    const { search, rendered, after } = headless(searchClient, { hitsPerPage: 5, dateRange: { min: 2000, max: 2030 } });
    await after(() => search.start());
    expect(rendered.hits.items.map((hit: any) => hit.objectID)).toEqual(await searchIds("from=2000&to=2030"));
    await after(() => rendered.range.refine([2018, 2030]));
    expect(rendered.hits.items).toEqual([]);
    await after(() => rendered.range.refine([2017, 2017]));
    expect(rendered.hits.items.map((hit: any) => hit.objectID)).toEqual(await searchIds("from=2017&to=2017"));
    expect(rendered.hits.items.map((hit: any) => hit.objectID)).toEqual([DATED]);
    // What the adapter sent: numeric comparisons on the date, which the Worker reads as years.
    const filters = exchanges.filter((exchange) => exchange.path === "/multi-search").flatMap((exchange) => exchange.body.queries.map((query: any) => query.filter)).filter(Boolean);
    expect(JSON.stringify(filters)).toContain('\\"date\\">=2017');
    search.dispose();
  });

  it("pages through safe zones two at a time, probing one hit past the page, which the Worker honours exactly", async () => {
    const { searchClient } = instantMeiliSearch(HOST, "", { primaryKey: "id" });
    const { search, rendered, after } = headless(searchClient, { hitsPerPage: 2 });
    await after(() => search.start());
    await after(() => rendered.searchBox.refine("safe zones"));
    expect(rendered.hits.items.map((hit: any) => hit.objectID)).toEqual([REUTERS, WASHINGTON_TIMES]);
    expect(rendered.pagination).toMatchObject({ nbHits: 4, nbPages: 2, currentRefinement: 0, isLastPage: false });
    await after(() => rendered.pagination.refine(1));
    expect(rendered.hits.items.map((hit: any) => hit.objectID)).toEqual([DATED, SEED_001]);
    expect(rendered.pagination).toMatchObject({ nbPages: 2, currentRefinement: 1, isLastPage: true });
    const probes = mainQueries().filter(({ query }) => query.q === "safe zones");
    expect(probes.map(({ query }) => [query.limit, query.offset])).toEqual([[3, 0], [3, 2]]);
    expect(probes.map(({ result }) => ids(result.hits))).toEqual([[REUTERS, WASHINGTON_TIMES, DATED], [DATED, SEED_001]]);
    search.dispose();
  });

  it("pages by number with finitePagination", async () => {
    const { searchClient } = instantMeiliSearch(HOST, "", { primaryKey: "id", finitePagination: true });
    const { search, rendered, after } = headless(searchClient, { hitsPerPage: 3 });
    await after(() => search.start());
    await after(() => rendered.searchBox.refine("safe zones"));
    expect(rendered.hits.items.map((hit: any) => hit.objectID)).toEqual([REUTERS, WASHINGTON_TIMES, DATED]);
    expect(rendered.pagination).toMatchObject({ nbHits: 4, nbPages: 2, currentRefinement: 0 });
    await after(() => rendered.pagination.refine(1));
    expect(rendered.hits.items.map((hit: any) => hit.objectID)).toEqual([SEED_001]);
    expect(rendered.pagination).toMatchObject({ nbPages: 2, currentRefinement: 1, isLastPage: true });
    const pages = mainQueries().filter(({ query }) => query.q === "safe zones");
    expect(pages.map(({ query }) => [query.hitsPerPage, query.page])).toEqual([[3, 1], [3, 2]]);
    expect(pages.map(({ result }) => [result.totalHits, result.totalPages])).toEqual([[4, 2], [4, 2]]);
    search.dispose();
  });

  it("answers instantsearch's Algolia-style requests in Algolia's shape", async () => {
    const { searchClient } = instantMeiliSearch(HOST, "");
    const { results } = (await (searchClient.search as (requests: unknown[]) => Promise<unknown>)([
      {
        indexName: "corpus",
        params: { query: "safe zones", facets: ["source"], hitsPerPage: 2, page: 0, attributesToSnippet: ["text:8"], highlightPreTag: "__ais-highlight__", highlightPostTag: "__/ais-highlight__" },
      },
      {
        indexName: "corpus",
        params: { query: "safe zones", facets: ["source"], hitsPerPage: 2, page: 0, facetFilters: [["source:Reuters", "source:unknown"]] },
      },
    ])) as { results: any[] };
    expect(results).toHaveLength(2);
    const [all, filtered] = results;
    expect(all).toMatchObject({ index: "corpus", query: "safe zones", nbHits: 4, page: 0, nbPages: 2, hitsPerPage: 2, facets: { source: { unknown: 2, Reuters: 1, "The Washington Times": 1 } } });
    expect(all.hits.map((hit: any) => hit.id)).toEqual([REUTERS, WASHINGTON_TIMES]);
    expect(all.hits[0]._highlightResult.text.value).toBe("…Syrian ceasefire and __ais-highlight__safe__/ais-highlight__ __ais-highlight__zones__/ais-highlight__ for the civil…");
    expect(all.hits[0]._snippetResult).toEqual(all.hits[0]._highlightResult);
    expect(filtered).toMatchObject({ nbHits: 3, nbPages: 2, facets: { source: { unknown: 2, Reuters: 1 } } });
    expect(filtered.hits.map((hit: any) => hit.id)).toEqual([REUTERS, DATED]);
    expect(filtered.hits.map((hit: any) => hit.id)).toEqual((await searchIds("q=safe+zones&source=Reuters&source=unknown")).slice(0, 2));
  });
});
