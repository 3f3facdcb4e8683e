import { describe, expect, it } from "vitest";
import { ApiError } from "../../src/errors";
import { lookupCount, parseNoParameters, parseSearchRequest, parseSuggestRequest, withinWordLimit } from "../../src/search/query";
import { parseQuery } from "../../src/search/syntax";

const parse = (query: string) => parseSearchRequest(new URLSearchParams(query));

function errorOf(query: string): { code: string; message: string } {
  try {
    parse(query);
  } catch (error) {
    if (error instanceof ApiError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error(`"${query}" was accepted`);
}

describe("parseSearchRequest", () => {
  it("applies the defaults", () => {
    expect(parse("")).toEqual({
      q: "",
      query: { clauses: [] },
      ignoredWords: [],
      match: "all",
      sources: [],
      filters: [],
      dates: { from: null, to: null },
      sort: "relevance",
      limit: 10,
      offset: 0,
      partial: false,
      collapse: "none",
    });
  });

  it("trims q and collects repeated sources once each", () => {
    expect(parse("q=+safe+zones+&source=A&source=B&source=A&limit=100&offset=900")).toMatchObject({
      q: "safe zones",
      sources: ["A", "B"],
      limit: 100,
      offset: 900,
    });
  });

  it("counts the length of q in UTF-8 bytes, after trimming", () => {
    expect(parse(`q=${"+".repeat(300)}${"a".repeat(256)}`).q).toBe("a".repeat(256));
    expect(errorOf(`q=${"a".repeat(257)}`)).toEqual({ code: "query_too_long", message: "q is 257 bytes in UTF-8; at most 256 are allowed" });
    // 64 emoji are 64 code points and 128 UTF-16 units, but 256 bytes.
    expect(parse(`q=${encodeURIComponent("😀".repeat(64))}`).q).toBe("😀".repeat(64));
    expect(errorOf(`q=${encodeURIComponent("😀".repeat(64))}a`)).toEqual({ code: "query_too_long", message: "q is 257 bytes in UTF-8; at most 256 are allowed" });
    // 128 é are 256 bytes; 86 Chinese characters, 258.
    expect(parse(`q=${encodeURIComponent("é".repeat(128))}`).q).toHaveLength(128);
    expect(errorOf(`q=${encodeURIComponent("杭".repeat(86))}`)).toEqual({ code: "query_too_long", message: "q is 258 bytes in UTF-8; at most 256 are allowed" });
  });

  it("rejects a limit out of range with its own code, instead of clamping it", () => {
    expect(errorOf("limit=101")).toEqual({ code: "limit_out_of_range", message: "limit must be from 1 to 100; got 101" });
    expect(errorOf("limit=0")).toEqual({ code: "limit_out_of_range", message: "limit must be from 1 to 100; got 0" });
    expect(errorOf("limit=ten")).toEqual({ code: "invalid_parameter", message: "limit must be an integer from 1 to 100" });
  });

  it("pages no deeper than offset + limit = 1000, the result window", () => {
    expect(parse("offset=990&limit=10")).toMatchObject({ offset: 990, limit: 10 });
    expect(parse("offset=999&limit=1")).toMatchObject({ offset: 999, limit: 1 });
    expect(errorOf("offset=991&limit=10")).toEqual({
      code: "result_window_exceeded",
      message: "offset + limit must be at most 1000; got 991 + 10 = 1001",
    });
    expect(errorOf("offset=1000").code).toBe("result_window_exceeded");
    expect(errorOf(`offset=${"9".repeat(30)}`).code).toBe("result_window_exceeded");
    expect(errorOf("offset=-1")).toEqual({ code: "invalid_parameter", message: "offset must be a non-negative integer" });
  });

  it("accepts leading zeros in integers", () => {
    expect(parse("limit=0010&offset=0000000000")).toMatchObject({ limit: 10, offset: 0 });
  });

  it("counts repeated source values once against the limit of 10", () => {
    expect(parse(Array.from({ length: 11 }, () => "source=A").join("&")).sources).toEqual(["A"]);
    expect(parse(Array.from({ length: 10 }, (_, i) => `source=S${i}`).join("&")).sources).toHaveLength(10);
    expect(errorOf(Array.from({ length: 11 }, (_, i) => `source=S${i}`).join("&"))).toEqual({
      code: "too_many_sources",
      message: "source has 11 different values; at most 10 are allowed",
    });
  });

  it("names a parameter with an empty name", () => {
    expect(errorOf("=x")).toEqual({ code: "unknown_parameter", message: 'unknown parameter: ""' });
  });

  it("names every unknown parameter", () => {
    expect(errorOf("sources=A&page=2")).toEqual({ code: "unknown_parameter", message: "unknown parameters: sources, page" });
  });

  it("names the first five unknown parameters and counts the rest", () => {
    const names = Array.from({ length: 1000 }, (_, i) => `p${i}=1`).join("&");
    expect(errorOf(names)).toEqual({ code: "unknown_parameter", message: "unknown parameters: p0, p1, p2, p3, p4 and 995 more" });
  });

  it("reports an unknown parameter before anything else, even when it is repeated", () => {
    expect(errorOf("limit=0&sources=A&sources=B")).toEqual({ code: "unknown_parameter", message: "unknown parameter: sources" });
  });

  it("rejects a single-valued parameter given twice, even with the same value", () => {
    expect(errorOf("limit=5&limit=5")).toEqual({ code: "repeated_parameter", message: "limit may be given only once" });
  });

  it("reads from and to at any precision as the spans they cover", () => {
    expect(parse("from=2017-05&to=2017").dates).toEqual({
      from: { start: "2017-05-01T00:00:00.000Z", end: "2017-05-31T23:59:59.999Z" },
      to: { start: "2017-01-01T00:00:00.000Z", end: "2017-12-31T23:59:59.999Z" },
    });
    expect(parse("to=2017-05-02T10:00:00%2B02:00").dates.to).toEqual({
      start: "2017-05-02T08:00:00.000Z",
      end: "2017-05-02T08:00:00.000Z",
    });
  });

  it("rejects a date that is not an ISO date, or a range that ends before it starts", () => {
    expect(errorOf("from=May+2017")).toEqual({
      code: "invalid_parameter",
      message: "from must be an ISO 8601 date such as 2017, 2017-05 or 2017-05-02",
    });
    expect(errorOf("to=2017-02-30").code).toBe("invalid_parameter");
    expect(errorOf("from=2018&to=2017")).toEqual({ code: "invalid_parameter", message: "from must not be later than to" });
  });

  it("accepts a range within one period, whatever the precision of its ends", () => {
    expect(parse("from=2017-05-02&to=2017-05").dates.from?.start).toBe("2017-05-02T00:00:00.000Z");
  });

  it("takes match and sort from their lists only", () => {
    expect(parse("match=any&sort=-date")).toMatchObject({ match: "any", sort: "-date" });
    expect(errorOf("match=some")).toEqual({ code: "invalid_parameter", message: "match must be all or any" });
    expect(errorOf("sort=score")).toEqual({ code: "invalid_parameter", message: "sort must be relevance, date or -date" });
  });

  it("searches the first ten words to look up, not counting stop words, and says which it ignored", () => {
    const words = Array.from({ length: 12 }, (_, i) => `word${i}`);
    expect(parse(`q=${words.join("+")}`)).toMatchObject({ q: words.slice(0, 10).join(" "), ignoredWords: ["word10", "word11"] });
    expect(parse(`q=${words.slice(0, 10).join("+")}+the+of+and`)).toMatchObject({ ignoredWords: [] });
    expect(parse(`q=${words.slice(0, 10).join("+")}+the+of+and`).query.clauses).toHaveLength(13);
  });

  it("cuts one long chunk without spaces within it, never splitting a character", () => {
    const compound = Array.from({ length: 12 }, (_, i) => `w${i}x`).join("-");
    const { q, ignoredWords } = withinWordLimit(compound);
    expect(compound.startsWith(q)).toBe(true);
    expect(lookupCount(parseQuery(q))).toBeLessThanOrEqual(10);
    expect(ignoredWords).toEqual([compound.slice(q.length)]);
    expect(withinWordLimit(`${"😀 ".repeat(3)}${Array.from({ length: 11 }, (_, i) => `w${i}`).join(" ")}`).ignoredWords).toEqual(["w10"]);
  });

  it("rejects a query that only excludes", () => {
    expect(errorOf("q=-korea+-syria")).toEqual({
      code: "only_excluded_terms",
      message: "q only excludes words (-word); add a word or phrase to search for",
    });
  });
});

describe("parseSuggestRequest", () => {
  it("keeps a trailing space, which says the last word is finished", () => {
    expect(parseSuggestRequest(new URLSearchParams("q=+safe+"))).toEqual({ q: "safe ", limit: 5 });
  });

  it("bounds the number of suggestions", () => {
    expect(() => parseSuggestRequest(new URLSearchParams("limit=11"))).toThrow("limit must be from 1 to 10; got 11");
  });

  it("counts the length of q in UTF-8 bytes, trailing space included", () => {
    const emoji = encodeURIComponent("😀".repeat(63));
    expect(parseSuggestRequest(new URLSearchParams(`q=${emoji}abc+`)).q).toBe(`${"😀".repeat(63)}abc `);
    expect(() => parseSuggestRequest(new URLSearchParams(`q=${emoji}abcd+`))).toThrow("q is 257 bytes in UTF-8; at most 256 are allowed");
  });
});

describe("parseNoParameters", () => {
  it("rejects any parameter as unknown, also when repeated", () => {
    expect(() => parseNoParameters(new URLSearchParams("verbose=1&verbose=2"))).toThrow("unknown parameter: verbose");
  });
  it("takes each filterable field as a repeatable parameter, at most 10 fields in one request", () => {
    const fields = Array.from({ length: 11 }, (_, i) => `f${String(i).padStart(2, "0")}`);
    const params = new URLSearchParams([["tags", "solar"], ["tags", "wind"], ["author", "Jane Doe"]]);
    expect(parseSearchRequest(params, ["author", "tags"]).filters).toEqual([
      ["author", ["Jane Doe"]],
      ["tags", ["solar", "wind"]],
    ]);
    expect(() => parseSearchRequest(new URLSearchParams(fields.map((name): [string, string] => [name, "x"])), fields)).toThrow(
      "filters on 11 fields; at most 10 are allowed in one request",
    );
    expect(() => parseSearchRequest(new URLSearchParams({ colour: "red" }), ["tags"])).toThrow("unknown parameter: colour");
  });
});
