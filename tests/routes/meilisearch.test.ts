import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getJson, request } from "./fetch";

const REUTERS = "002_0bec946113768599";
const WASHINGTON_TIMES = "004_dc6718f12059daa3";
const DATED = "000_7b4177b3914c6952";
const SEED_001 = "001_9b23b38645758bcd";
const SEED_003 = "003_ea843f910fce1dea";

async function post<T = any>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: T }> {
  const response = await request(path, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

const search = (body: unknown) => post("/indexes/corpus/search", body);
const ids = (hits: { id: string }[]) => hits.map((hit) => hit.id);

/** /search's ids for the same question, every page. */
async function ourIds(query: string): Promise<string[]> {
  const { body } = await getJson(`/search?limit=100&${query}`);
  return ids(body.hits);
}

describe("POST /indexes/:uid/search", () => {
  it("answers in Meilisearch's shape: the documents' attributes, the query, paging by offset and the estimated total", async () => {
    const { status, body } = await search({ q: "safe zones", limit: 2 });
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(["estimatedTotalHits", "hits", "limit", "offset", "processingTimeMs", "query"]);
    expect(body).toMatchObject({ query: "safe zones", limit: 2, offset: 0, estimatedTotalHits: 4 });
    expect(ids(body.hits)).toEqual([REUTERS, WASHINGTON_TIMES]);
    expect(Object.keys(body.hits[0])).toEqual(["id", "title", "source", "date", "url", ...Object.keys((await getJson(`/documents/${REUTERS}`)).body.fields), "text"]);
    expect(body.hits[0]).toMatchObject({ id: REUTERS, source: "Reuters", date: null, url: null });
    expect(body.hits[0].text).toContain("safe zones");
    expect(body.hits[0]._formatted).toBeUndefined();
  });

  it("finds what /search finds, in the same order, for the same words", async () => {
    for (const q of ["safe zones", "putin", "trump russia", "", "\"safe zones\"", "zones -reuters", "tillerso"]) {
      const { body } = await search({ q, limit: 100 });
      expect(ids(body.hits), q).toEqual(await ourIds(`q=${encodeURIComponent(q)}`));
    }
  });

  it("treats a null or missing q as browsing every document, newest first as /search browses", async () => {
    const browse = await ourIds("");
    expect(ids((await search({ q: null, limit: 100 })).body.hits)).toEqual(browse);
    expect(ids((await search({})).body.hits)).toEqual(browse);
  });

  it("marks matches with the client's tags, unescaped, in every attribute asked for, and crops to the number of words asked", async () => {
    const { body } = await search({
      q: "safe zones",
      limit: 1,
      attributesToHighlight: ["*"],
      highlightPreTag: "__ais-highlight__",
      highlightPostTag: "__/ais-highlight__",
      attributesToCrop: ["text:8"],
    });
    const formatted = body.hits[0]._formatted;
    expect(formatted.text).toMatch(/^….*__ais-highlight__safe__\/ais-highlight__ __ais-highlight__zones__\/ais-highlight__.*…$/);
    const words = formatted.text.replace(/__\/?ais-highlight__/g, "").replace(/…/g, " ").trim().split(/\s+/);
    expect(words.length).toBe(8);
    expect(formatted.source).toBe("Reuters");
    // The stored document is not changed.
    expect(body.hits[0].text).not.toContain("__ais-highlight__");
  });

  it("uses Meilisearch's defaults: <em> tags, the … crop marker and 10 words", async () => {
    const { body } = await search({ q: "safe zones", limit: 1, attributesToCrop: ["text"], attributesToHighlight: ["text"] });
    const text: string = body.hits[0]._formatted.text;
    expect(text).toContain("<em>safe</em> <em>zones</em>");
    expect(text.replace(/<\/?em>/g, "").replace(/…/g, " ").trim().split(/\s+/).length).toBe(10);
  });

  it("takes any crop marker and a default crop length for the attributes cropped without their own", async () => {
    const { body } = await search({ q: "safe zones", limit: 1, attributesToCrop: ["text"], cropLength: 4, cropMarker: " [...] " });
    const text: string = body.hits[0]._formatted.text;
    expect(text.startsWith(" [...] ") && text.endsWith(" [...] ")).toBe(true);
    expect(text.replace(/ \[\.\.\.\] /g, " ").trim().split(/\s+/)).toHaveLength(4);
    expect(text).toContain("safe zones");
  });

  it("refuses a highlight tag or crop marker over 256 characters, written at every match", async () => {
    const { status, body } = await search({ q: "safe", highlightPreTag: "x".repeat(257), attributesToHighlight: ["*"] });
    expect([status, body.code]).toEqual([400, "invalid_search_highlight_pre_tag"]);
  });

  it("leaves a document's markup as it is stored: the client escapes what it shows", async () => {
    const { body } = await search({ q: "safe", limit: 1, attributesToHighlight: ["title"], highlightPreTag: "<<", highlightPostTag: ">>" });
    expect(body.hits[0]._formatted.title).toBe(body.hits[0].title);
  });

  it("retrieves only the attributes asked for", async () => {
    const { body } = await search({ q: "safe zones", limit: 1, attributesToRetrieve: ["id", "source", "nonexistent"] });
    expect(body.hits).toEqual([{ id: REUTERS, source: "Reuters" }]);
  });

  it("gives where the matches are, in UTF-16 code units, and a ranking score from 0 to 1 in rank order", async () => {
    const { body } = await search({ q: "safe zones", limit: 4, attributesToRetrieve: ["id", "text"], showMatchesPosition: true, showRankingScore: true });
    const [first] = body.hits;
    for (const { start, length } of first._matchesPosition.text) expect(first.text.slice(start, start + length).toLowerCase()).toMatch(/^(safe|zones?)$/);
    const scores = body.hits.map((hit: any) => hit._rankingScore);
    expect(scores.every((score: number) => score > 0 && score < 1)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("pages by number with hitsPerPage and page, counting every hit and page", async () => {
    const { body } = await search({ q: "safe zones", hitsPerPage: 3, page: 2, attributesToRetrieve: ["id"] });
    expect(body).toEqual({ hits: [{ id: SEED_001 }], query: "safe zones", processingTimeMs: expect.any(Number), hitsPerPage: 3, page: 2, totalPages: 2, totalHits: 4 });
  });

  it("honours limit exactly, as InstantSearch's adapter probes with limit + 1", async () => {
    for (const limit of [1, 2, 3, 4, 5, 21]) {
      const { body } = await search({ q: "", limit, attributesToRetrieve: ["id"] });
      expect(body.hits.length).toBe(Math.min(limit, 5));
      expect(body.limit).toBe(limit);
    }
  });

  it("answers limit 0 and hitsPerPage 0 with counts and facets only", async () => {
    const offset = await search({ q: "safe zones", limit: 0, facets: ["source"] });
    expect(offset.body).toMatchObject({ hits: [], estimatedTotalHits: 4, limit: 0, facetDistribution: { source: { unknown: 2, Reuters: 1, "The Washington Times": 1 } } });
    const paged = await search({ q: "safe zones", hitsPerPage: 0, page: 1, facets: ["source"] });
    expect(paged.body).toMatchObject({ hits: [], totalHits: 4, totalPages: 0, facetDistribution: { source: { unknown: 2, Reuters: 1, "The Washington Times": 1 } } });
  });

  it("returns nothing past the thousandth hit (Meilisearch's maxTotalHits) rather than failing", async () => {
    const { status, body } = await search({ q: "", offset: 1000, limit: 10 });
    expect(status).toBe(200);
    expect(body).toMatchObject({ hits: [], offset: 1000, limit: 10, estimatedTotalHits: 5 });
  });

  it("counts facets over the whole filtered match set, with stats for numeric values", async () => {
    const { body } = await search({ q: "", limit: 1, facets: ["*"], filter: "source != Reuters" });
    expect(body.facetDistribution).toEqual({ source: { unknown: 3, "The Washington Times": 1 }, date: { "2017": 1 } });
    expect(body.facetStats).toEqual({ date: { min: 2017, max: 2017 } });
  });

  it("sorts by date either way, undated documents last", async () => {
    expect(ids((await search({ sort: ["date:desc"], limit: 100 })).body.hits)).toEqual(await ourIds("sort=-date"));
    expect(ids((await search({ sort: ["date:asc"], limit: 100 })).body.hits)).toEqual(await ourIds("sort=date"));
  });

  it("with matchingStrategy all, answers no partial matches; last and frequency fall back to them", async () => {
    const partial = await ourIds("q=safe+zzzqqq");
    expect(partial.length).toBeGreaterThan(0);
    expect((await search({ q: "safe zzzqqq", matchingStrategy: "all" })).body).toMatchObject({ hits: [], estimatedTotalHits: 0 });
    expect(ids((await search({ q: "safe zzzqqq", matchingStrategy: "last", limit: 100 })).body.hits)).toEqual(partial);
    expect(ids((await search({ q: "safe zzzqqq", matchingStrategy: "frequency", limit: 100 })).body.hits)).toEqual(partial);
  });

  it("ignores words past the tenth instead of failing, as Meilisearch does", async () => {
    const words = "safe zones trump putin syria call tuesday russia leaders discussed korea ukraine";
    const { status, body } = await search({ q: words, limit: 100 });
    expect(status).toBe(200);
    expect(body.query).toBe(words);
    expect(ids(body.hits)).toEqual(await ourIds(`q=${encodeURIComponent(words.split(" ").slice(0, 10).join(" "))}`));
  });
});

describe("the filter language", () => {
  const filtered = async (filter: unknown, q = "") => ids((await search({ q, filter, limit: 100 })).body.hits);

  it("compares sources ignoring case, with = != IN and NOT IN", async () => {
    expect(await filtered("source = reuters")).toEqual([REUTERS]);
    expect(await filtered("source = 'The Washington Times'")).toEqual([WASHINGTON_TIMES]);
    expect(await filtered("source != unknown")).toEqual(await ourIds("source=Reuters&source=The+Washington+Times"));
    expect(await filtered('source IN [Reuters, "The Washington Times"]')).toEqual(await ourIds("source=Reuters&source=The+Washington+Times"));
    expect(await filtered("source NOT IN [unknown]")).toEqual(await ourIds("source=Reuters&source=The+Washington+Times"));
  });

  it("takes the nested array form: outer elements ANDed, inner ones ORed, as InstantSearch sends refinements", async () => {
    expect(await filtered([['"source"="Reuters"', '"source"="The Washington Times"']], "safe zones")).toEqual(await ourIds("q=safe+zones&source=Reuters&source=The+Washington+Times"));
    expect(await filtered([['"source"="Reuters"', '"source"="unknown"'], "date EXISTS"])).toEqual([DATED]);
  });

  it("binds AND tighter than OR, and parentheses group", async () => {
    expect(await filtered("source = Reuters OR source = unknown AND date EXISTS")).toEqual(await ourIds("source=Reuters&source=unknown").then((all) => all.filter((id) => id === REUTERS || id === DATED)));
    expect(await filtered("(source = Reuters OR source = unknown) AND date EXISTS")).toEqual([DATED]);
    expect(await filtered("NOT (source = unknown)")).toEqual(await ourIds("source=Reuters&source=The+Washington+Times"));
  });

  it("compares dates as spans at any precision, as from and to do", async () => {
    const dated = await ourIds("from=2017");
    expect(dated).toEqual([DATED]);
    expect(await filtered("date >= 2017-01")).toEqual(dated);
    expect(await filtered("date = 2017")).toEqual(dated);
    expect(await filtered("date 2016 TO 2018-12-31")).toEqual(dated);
    expect(await filtered("date < 2000")).toEqual([]);
    expect(await filtered("date EXISTS")).toEqual(dated);
    expect((await filtered("date NOT EXISTS")).sort()).toEqual([SEED_001, REUTERS, SEED_003, WASHINGTON_TIMES].sort());
  });

  it("finds documents by id, exactly", async () => {
    expect(await filtered(`id = ${REUTERS}`)).toEqual([REUTERS]);
    expect((await filtered(`id IN [${REUTERS}, ${DATED}, nope]`)).sort()).toEqual([DATED, REUTERS].sort());
    expect(await filtered(`id != ${REUTERS}`)).not.toContain(REUTERS);
  });

  it("answers 400 invalid_search_filter naming the column of a syntax error", async () => {
    const { status, body } = await search({ filter: "source = Reuters AND" });
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: "invalid_search_filter", type: "invalid_request", link: "https://docs.meilisearch.com/errors#invalid_search_filter" });
    expect(body.message).toMatch(/column \d+/);
  });

  it("answers 400 invalid_search_filter for an attribute that cannot be filtered, listing those that can", async () => {
    const { status, body } = await search({ filter: "title = Putin" });
    expect(status).toBe(400);
    expect(body.code).toBe("invalid_search_filter");
    expect(body.message).toContain("Available filterable attributes are: `date`, `id`, `source`");
  });

  it("refuses ordering comparisons on ids and dates that are not dates", async () => {
    expect((await search({ filter: "id > a" })).body.code).toBe("invalid_search_filter");
    expect((await search({ filter: "date > yesterday" })).body.code).toBe("invalid_search_filter");
  });

  it("fails fast on a filter nested too deep", async () => {
    const { status, body } = await search({ filter: `${"(".repeat(5000)}source = Reuters${")".repeat(5000)}` });
    expect(status).toBe(400);
    expect(body.code).toBe("invalid_search_filter");
  });
});

describe("GET /indexes/:uid/search", () => {
  it("takes the parameters as a query string, lists joined with commas", async () => {
    const { status, body } = await getJson(`/indexes/corpus/search?q=safe+zones&limit=2&attributesToRetrieve=id,source&filter=${encodeURIComponent("source = Reuters")}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ hits: [{ id: REUTERS, source: "Reuters" }], limit: 2, offset: 0, estimatedTotalHits: 1 });
  });
});

describe("POST /multi-search", () => {
  it("answers each query in order, with its indexUid", async () => {
    const { status, body } = await post("/multi-search", {
      queries: [
        { indexUid: "corpus", q: "putin", limit: 1, attributesToRetrieve: ["id"] },
        { indexUid: "corpus", limit: 0, facets: ["source"] },
      ],
    });
    expect(status).toBe(200);
    expect(body.results).toHaveLength(2);
    expect(body.results[0]).toMatchObject({ indexUid: "corpus", query: "putin", limit: 1, hits: [{ id: (await ourIds("q=putin"))[0] }] });
    expect(body.results[1]).toMatchObject({ indexUid: "corpus", hits: [], estimatedTotalHits: 5, facetDistribution: { source: { unknown: 3, Reuters: 1, "The Washington Times": 1 } } });
  });

  it("refuses a query that is not an object, and more than 1000 hits asked for together", async () => {
    const notObject = await post("/multi-search", { queries: [null] });
    expect([notObject.status, notObject.body.code]).toEqual([400, "invalid_multi_search_queries"]);
    const tooMany = await post("/multi-search", { queries: [{ indexUid: "corpus", limit: 600 }, { indexUid: "corpus", limit: 600 }] });
    expect([tooMany.status, tooMany.body.code]).toEqual([400, "invalid_multi_search_queries"]);
  });

  it("answers only POST, in Meilisearch's shape", async () => {
    const { status, body } = await getJson("/multi-search");
    expect([status, body.code]).toEqual([405, "method_not_allowed"]);
  });

  it("fails as a whole, naming the query, when one query is bad or names another index", async () => {
    const bad = await post("/multi-search", { queries: [{ indexUid: "corpus", q: "a" }, { indexUid: "corpus", limit: -1 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("invalid_search_limit");
    expect(bad.body.message).toMatch(/^Inside `\.queries\[1\]`/);
    const other = await post("/multi-search", { queries: [{ indexUid: "movies", q: "a" }] });
    expect(other.status).toBe(404);
    expect(other.body.code).toBe("index_not_found");
  });
});

describe("POST /indexes/:uid/facet-search", () => {
  it("finds a facet's values by the start of any of their words, counted over the search's matches, and ignores the other parameters InstantSearch sends", async () => {
    const { status, body } = await post("/indexes/corpus/facet-search", { facetName: "source", facetQuery: "wash", q: "", attributesToHighlight: ["*"], hitsPerPage: 10 });
    expect(status).toBe(200);
    expect(body).toMatchObject({ facetHits: [{ value: "The Washington Times", count: 1 }], facetQuery: "wash" });
    const all = await post("/indexes/corpus/facet-search", { facetName: "source", q: "safe zones" });
    expect(all.body.facetHits).toEqual([
      { value: "unknown", count: 2 },
      { value: "Reuters", count: 1 },
      { value: "The Washington Times", count: 1 },
    ]);
  });

  it("with matchingStrategy all, counts no values for partial matches", async () => {
    const { body } = await post("/indexes/corpus/facet-search", { facetName: "source", q: "safe zzzqqq", matchingStrategy: "all" });
    expect(body.facetHits).toEqual([]);
  });

  it("answers 400 for a facet that is not one", async () => {
    const { status, body } = await post("/indexes/corpus/facet-search", { facetName: "title" });
    expect(status).toBe(400);
    expect(body.code).toBe("invalid_facet_search_facet_name");
  });
});

describe("the index, version and health", () => {
  it("describes the one index, and no other", async () => {
    expect((await getJson("/indexes/corpus")).body).toEqual({ uid: "corpus", primaryKey: "id", createdAt: null, updatedAt: null });
    expect((await getJson("/indexes")).body).toMatchObject({ results: [{ uid: "corpus" }], total: 1 });
    const missing = await getJson("/indexes/movies");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: "Index `movies` not found.", code: "index_not_found", type: "invalid_request", link: "https://docs.meilisearch.com/errors#index_not_found" });
  });

  it("answers a Meilisearch client's /health in its shape, never cached, and ours in ours", async () => {
    const meilisearch = await getJson("/health", { headers: { "X-Meilisearch-Client": "Meilisearch JavaScript (v0.62.0)" } });
    expect(meilisearch.body).toEqual({ status: "available" });
    expect(meilisearch.headers.get("Cache-Control")).toBe("no-store");
    expect((await getJson("/health")).body.status).toBe("ok");
  });

  it("gives the version of the package that built the index", async () => {
    const { body } = await getJson("/version");
    expect(body).toEqual({ pkgVersion: expect.any(String), commitSha: expect.any(String), commitDate: "unknown" });
  });
});

describe("Meilisearch's errors", () => {
  it("names an unknown parameter, as Meilisearch does", async () => {
    const { status, body } = await search({ q: "a", limt: 3 });
    expect(status).toBe(400);
    expect(body.code).toBe("bad_request");
    expect(body.message).toContain("Unknown field `limt`");
  });

  it("refuses what only a vector or writable index has, by name", async () => {
    const { status, body } = await search({ q: "a", hybrid: { embedder: "default" } });
    expect(status).toBe(400);
    expect(body.message).toContain("`hybrid` is not supported");
  });

  it("checks each parameter's type, with the parameter's own code", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ limit: "10" }, "invalid_search_limit"],
      [{ offset: -1 }, "invalid_search_offset"],
      [{ page: 1.5 }, "invalid_search_page"],
      [{ q: 3 }, "invalid_search_q"],
      [{ facets: "source" }, "invalid_search_facets"],
      [{ facets: ["title"] }, "invalid_search_facets"],
      [{ sort: ["title:asc"] }, "invalid_search_sort"],
      [{ matchingStrategy: "some" }, "invalid_search_matching_strategy"],
      [{ attributesToSearchOn: ["title"] }, "invalid_search_attributes_to_search_on"],
      [{ showRankingScore: "yes" }, "invalid_search_show_ranking_score"],
      [{ attributesToCrop: [1] }, "invalid_search_attributes_to_crop"],
    ];
    for (const [body, code] of cases) {
      const answer = await search(body);
      expect([answer.status, answer.body.code], JSON.stringify(body)).toEqual([400, code]);
    }
  });

  it("answers a body that is not JSON with malformed_payload, and one not said to be JSON with 415", async () => {
    const malformed = await request("/indexes/corpus/search", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{q:" });
    expect([malformed.status, ((await malformed.json()) as any).code]).toEqual([400, "malformed_payload"]);
    const untyped = await request("/indexes/corpus/search", { method: "POST", headers: { "Content-Type": "text/plain" }, body: "{}" });
    expect([untyped.status, ((await untyped.json()) as any).code]).toEqual([415, "invalid_content_type"]);
  });

  it("reads a body no further than 256 KB, also when it comes in chunks without a length", async () => {
    const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await request("/indexes/corpus/search", { method: "POST", headers: { "Content-Type": "application/json" }, body, duplex: "half" } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).code).toBe("payload_too_large");
  });

  it("answers writes to the read-only index in Meilisearch's shape", async () => {
    const write = await post("/indexes/corpus/documents", [{ id: "x" }]);
    expect(write.status).toBe(405);
    expect(write.body).toMatchObject({ code: "method_not_allowed", type: "invalid_request" });
  });

  it("keeps our own error contract on our routes", async () => {
    const { status, body } = await getJson("/search?limit=0");
    expect(status).toBe(400);
    expect(body.error.code).toBe("limit_out_of_range");
  });
});

describe("CORS for browser clients", () => {
  it("answers the preflight a Meilisearch client's POST makes", async () => {
    const response = await request("/multi-search", {
      method: "OPTIONS",
      headers: { Origin: "https://shop.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,x-meilisearch-client,authorization" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Access-Control-Allow-Methods")).toBe("POST,OPTIONS");
    const search = await request("/indexes/corpus/search", { method: "OPTIONS", headers: { Origin: "https://shop.example", "Access-Control-Request-Method": "POST" } });
    expect(search.headers.get("Access-Control-Allow-Methods")).toBe("GET,HEAD,POST,OPTIONS");
    // Our own routes stay read-only.
    const ours = await request("/search", { method: "OPTIONS", headers: { Origin: "https://shop.example", "Access-Control-Request-Method": "GET" } });
    expect(ours.headers.get("Access-Control-Allow-Methods")).toBe("GET,HEAD,OPTIONS");
    expect(response.headers.get("Access-Control-Allow-Headers")?.toLowerCase().split(",")).toEqual(expect.arrayContaining(["authorization", "content-type", "x-meilisearch-client"]));
    expect(response.headers.get("Access-Control-Max-Age")).toBe("86400");
  });

  it("puts the CORS headers on errors too, so a browser shows the API's error", async () => {
    const response = await request("/indexes/corpus/search", { method: "POST", headers: { Origin: "https://shop.example", "Content-Type": "application/json" }, body: '{"filter": "x ="}' });
    expect(response.status).toBe(400);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });
});

describe("any request", () => {
  it("gets a Meilisearch answer or a Meilisearch error, never a 500", async () => {
    const value = fc.oneof(
      fc.constantFrom(null, true, 0, -1, 3, 1001, "", "safe", "*", ["*"], ["source"], ["id", "text"], ["text:3"], "source = Reuters", [["source = x"]], { a: 1 }),
      fc.string({ maxLength: 20 }),
      fc.integer({ min: -3, max: 1100 }),
    );
    const name = fc.constantFrom(
      "q", "limit", "offset", "page", "hitsPerPage", "filter", "facets", "sort", "attributesToRetrieve", "attributesToHighlight", "attributesToCrop",
      "cropLength", "cropMarker", "highlightPreTag", "highlightPostTag", "matchingStrategy", "showRankingScore", "showMatchesPosition", "attributesToSearchOn",
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(name, value, { maxKeys: 5 }), async (body) => {
        const { status, body: answer } = await search(body);
        if (status === 200) {
          expect(Array.isArray(answer.hits)).toBe(true);
          expect(typeof answer.processingTimeMs).toBe("number");
        } else {
          expect(status).toBe(400);
          expect(Object.keys(answer).sort()).toEqual(["code", "link", "message", "type"]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
