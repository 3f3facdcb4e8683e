import { afterEach, describe, expect, it } from "vitest";
import { ERRORS } from "../../src/errors";
import { getJson, request } from "./fetch";

/**
 * Query text as an attacker types it, percent-encoded as it travels: raw
 * bytes (%00, invalid UTF-8) stay as they are, everything else is encoded.
 */
const HOSTILE_QUERIES: [string, string][] = [
  ["NUL and control characters", "%00%01%07%08%1B%7F"],
  ["a NUL inside a word", "kore%00a"],
  ["a lone surrogate, as UTF-8 bytes", "%ED%A0%80"],
  ["invalid and overlong UTF-8", "%FF%FE%C0%AF%E0%80"],
  ["a stray percent sign", "100%"],
  ["an RTL override", encodeURIComponent("\u202Ekorea\u202C")],
  ["zero-width characters and a BOM", encodeURIComponent("\uFEFFko\u200Brea\u200D")],
  ["200 opening parentheses", "(".repeat(200)],
  ["regex metacharacters", encodeURIComponent(".*+?^${}()|[]\\")],
  ["invalid regular expressions", encodeURIComponent("( [ a{2,1} [z-a] (?< \\")],
  ["a catastrophic regular expression", encodeURIComponent("(a+)+$ aaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")],
  ["SQL", encodeURIComponent("' OR 1=1; DROP TABLE documents; --")],
  ["HTML", encodeURIComponent('<script>alert(1)</script><img src=x onerror="alert(1)">')],
  ["entities", encodeURIComponent("&lt;b&gt; &amp; &#x3C;")],
  ["template syntax", encodeURIComponent("{{7*7}} ${7*7} <%= 7*7 %>")],
  ["JSON", encodeURIComponent('"},"hits":[{"id":"x"}],"a":{"')],
  ["names of Object.prototype", encodeURIComponent("__proto__ constructor toString hasOwnProperty")],
  ["only operators and quotes", encodeURIComponent('- " -" "" ""- -- """')],
  ["emoji and combining marks", encodeURIComponent("👍🏽 🇺🇦 👨‍👩‍👧 e\u0301\u0301\u0301")],
];

/** The codes a query's text alone can earn; anything else (a 500 above all) breaks the rule. */
const QUERY_CODES = ["query_too_long", "too_many_terms", "only_excluded_terms"];

describe("query text is inert", () => {
  it.each(HOSTILE_QUERIES)("answers %s in q with 200 or a documented 400, on /search and /suggest", async (_, encoded) => {
    for (const endpoint of ["/search", "/suggest"]) {
      const { status, headers, body } = await getJson(`${endpoint}?q=${encoded}`);
      expect(headers.get("content-type"), endpoint).toMatch(/^application\/json/);
      if (status === 200) {
        // The query comes back as text, whatever it holds.
        expect(typeof body.query).toBe("string");
      } else {
        expect(status, endpoint).toBe(400);
        expect(QUERY_CODES).toContain(body.error.code);
      }
    }
  });

  it.each(HOSTILE_QUERIES)("renders the search page for %s with the query escaped", async (_, encoded) => {
    const response = await request(`/?q=${encoded}`);
    expect([200, 400]).toContain(response.status);
    const html = await response.text();
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
  });

  it("refuses 10,000 parentheses as query_too_long, on every endpoint that takes q", async () => {
    for (const endpoint of ["/search", "/suggest"]) {
      const { status, body } = await getJson(`${endpoint}?q=${"(".repeat(10_000)}`);
      expect(status).toBe(400);
      expect(body).toEqual({ error: { code: "query_too_long", message: "q is 10000 bytes in UTF-8; at most 256 are allowed" } });
    }
  });

  it("finds the same documents for a word wrapped in markup, operators or control characters as for the word", async () => {
    const ids = async (q: string) => (await getJson(`/search?q=${q}`)).body.hits.map((hit: { id: string }) => hit.id);
    const plain = await ids("korea");
    expect(plain.length).toBeGreaterThan(0);
    for (const wrapped of ["%3Cb%3Ekorea%3C%2Fb%3E", "(korea)", "korea%00", "%E2%80%AEkorea", "*korea*"]) {
      expect(await ids(wrapped), wrapped).toEqual(plain);
    }
  });
});

describe("no user input ever builds a RegExp", () => {
  const OriginalRegExp = globalThis.RegExp;
  afterEach(() => {
    globalThis.RegExp = OriginalRegExp;
  });

  /** Records the source of every RegExp built through the constructor while `run` runs. */
  async function regExpsBuiltDuring(run: () => Promise<unknown>): Promise<string[]> {
    const built: string[] = [];
    globalThis.RegExp = new Proxy(OriginalRegExp, {
      construct(target, args) {
        built.push(String(args[0]));
        return Reflect.construct(target, args);
      },
      apply(target, self, args) {
        built.push(String(args[0]));
        return Reflect.apply(target, self, args);
      },
    });
    try {
      await run();
    } finally {
      globalThis.RegExp = OriginalRegExp;
    }
    return built;
  }

  it("sees a RegExp built in this isolate (the control for the test below)", async () => {
    const built = await regExpsBuiltDuring(async () => new RegExp("zqxmarker"));
    expect(built).toEqual(["zqxmarker"]);
  });

  it("builds none from q, source, dates or ids, on any route", async () => {
    const marker = "zqxmarker";
    const built = await regExpsBuiltDuring(async () => {
      for (const path of [
        `/search?q=${marker}+saf+"${marker}+zones"+-${marker}&source=${marker}`,
        `/search?q=${marker}&match=any&sort=-date&from=2017&to=2018`,
        `/suggest?q=safe+${marker.slice(0, 5)}`,
        `/documents/${marker}`,
        `/?q=${marker}+zones`,
        `/read/002_0bec946113768599?q=${marker}+zones`,
      ]) {
        await (await request(path)).arrayBuffer();
      }
    });
    expect(built.filter((source) => source.includes(marker.slice(0, 5)))).toEqual([]);
  });
});

describe("hostile paths", () => {
  it.each([
    ["/documents/..%2F..%2Fetc%2Fpasswd", 404, "document_not_found"],
    ["/documents/%00", 404, "document_not_found"],
    ["/documents/%", 404, "document_not_found"],
    ["/documents/%ZZ%E0%A4", 404, "document_not_found"],
    ["/documents/__proto__", 404, "document_not_found"],
    ["/documents/constructor", 404, "document_not_found"],
    [`/documents/${"a".repeat(1025)}`, 400, "invalid_parameter"],
    ["/static/..%2F_artifact%2Fmanifest.json", 404, "not_found"],
    ["/search%00", 404, "not_found"],
    [`/${"a".repeat(10_000)}`, 404, "not_found"],
  ])("answers %s with %i %s", async (path, status, code) => {
    const response = await getJson(path);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(ERRORS[code as keyof typeof ERRORS].status).toBe(status);
  });

  it("treats parameter names of Object.prototype as unknown, not as anything else", async () => {
    for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const { status, body } = await getJson(`/search?${name}=1`);
      expect(status).toBe(400);
      expect(body.error).toEqual({ code: "unknown_parameter", message: `unknown parameter: ${name}` });
    }
  });
});
