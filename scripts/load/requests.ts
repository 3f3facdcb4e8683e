/**
 * The load test's mix of requests, made from the corpus being served (its
 * ids, title words and sources), so that it finds things on any corpus:
 * real queries, prefixes, phrases, filters, paging, suggestions, documents,
 * the page, and a known share of deliberate bad requests with the status
 * and error code each must get.
 */

/** One request of the mix: what is asked, and what the answer must be. */
export interface LoadRequest {
  kind: "query" | "prefix" | "phrase" | "filter" | "paging" | "suggest" | "document" | "page" | "resource" | "bad";
  path: string;
  /** The status the answer must have: 200 for everything but the bad requests. */
  status: number;
  /** For a bad request, the error code its body must carry. */
  code?: string;
}

/** One request in this many is a deliberate bad one: a known share of expected errors. */
export const ONE_BAD_IN = 10;

interface Hit {
  id: string;
  title: string;
}

/** Asks the running Worker what its corpus holds and builds the mix from it. */
export async function requestMix(baseUrl: string): Promise<LoadRequest[]> {
  const hits = ((await getJson(`${baseUrl}/search?limit=50`)) as { hits: Hit[] }).hits;
  const sources = ((await getJson(`${baseUrl}/sources`)) as { sources: { name: string }[] }).sources.map((source) => source.name);
  if (hits.length === 0) throw new Error("load: the corpus has no documents to ask for");
  const words = [...new Set(hits.flatMap((hit) => hit.title.toLowerCase().match(/\p{L}{4,}/gu) ?? []))].slice(0, 20);
  const pairs = hits.flatMap((hit) => adjacentPairs(hit.title.toLowerCase().match(/\p{L}{4,}/gu) ?? [])).slice(0, 10);
  const word = (i: number) => words[i % words.length] ?? "the";
  const ok = (kind: LoadRequest["kind"], path: string): LoadRequest => ({ kind, path, status: 200 });
  const search = (params: Record<string, string>) => `/search?${new URLSearchParams(params)}`;

  const good: LoadRequest[] = [
    ...words.slice(0, 10).map((w) => ok("query", search({ q: w }))),
    ...pairs.slice(0, 5).map(([a, b]) => ok("query", search({ q: `${a} ${b}` }))),
    ...words.slice(0, 5).map((w) => ok("prefix", search({ q: w.slice(0, 4) }))),
    ...pairs.slice(0, 5).map(([a, b]) => ok("phrase", search({ q: `"${a} ${b}"` }))),
    ...sources.slice(0, 3).map((source, i) => ok("filter", search({ q: word(i), source }))),
    ok("filter", search({ q: word(1), match: "any", sort: "-date" })),
    ok("filter", search({ q: `${word(2)} -${word(3)}` })),
    ok("paging", search({ limit: "5", offset: "5" })),
    ok("paging", search({ q: word(0), limit: "3", offset: "3" })),
    ...words.slice(0, 5).map((w) => ok("suggest", `/suggest?${new URLSearchParams({ q: w.slice(0, 3) })}`)),
    ...hits.slice(0, 5).map((hit) => ok("document", `/documents/${hit.id.split("/").map(encodeURIComponent).join("/")}`)),
    ok("page", `/?${new URLSearchParams({ q: word(0) })}`),
    ok("resource", "/sources"),
    ok("resource", "/health"),
  ];
  const bad: LoadRequest[] = [
    { kind: "bad", path: "/search?limit=0", status: 400, code: "limit_out_of_range" },
    { kind: "bad", path: "/search?offset=995&limit=10", status: 400, code: "result_window_exceeded" },
    { kind: "bad", path: `/search?q=${"a".repeat(300)}`, status: 400, code: "query_too_long" },
    { kind: "bad", path: "/search?sources=typo", status: 400, code: "unknown_parameter" },
    { kind: "bad", path: "/documents/no-such-document", status: 404, code: "document_not_found" },
    { kind: "bad", path: "/nowhere", status: 404, code: "not_found" },
  ];
  return interleave(good, bad);
}

/** The good requests in rounds of ONE_BAD_IN - 1, each round followed by a bad one. */
function interleave(good: LoadRequest[], bad: LoadRequest[]): LoadRequest[] {
  const goodPerRound = ONE_BAD_IN - 1;
  const rounds = Math.max(bad.length, Math.ceil(good.length / goodPerRound));
  const mix: LoadRequest[] = [];
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < goodPerRound; i++) mix.push(good[(round * goodPerRound + i) % good.length]!);
    mix.push(bad[round % bad.length]!);
  }
  return mix;
}

function adjacentPairs(words: string[]): [string, string][] {
  return words.slice(1).map((word, i) => [words[i]!, word]);
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`load: ${url} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  return response.json();
}
