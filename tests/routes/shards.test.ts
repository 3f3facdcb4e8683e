/**
 * The Worker in front of a corpus split into shards, inside workerd: its
 * answers are the one index's, over HTTP, for random requests of every
 * kind and for every route; and a shard that fails, hangs or serves another
 * build is a 503 naming it (or, with partial=true, an answer that says
 * which shards are missing), never a silently smaller answer.
 *
 * The shards are the app itself, each serving its shard's artifact and
 * called as a service binding is (a Fetcher); tests/search/shards.property
 * checks the same merge on many more generated corpora, in Node.
 */
import fc from "fast-check";
import { describe, expect, inject, it } from "vitest";
import app from "../../src/index";
import type { Bindings } from "../../src/env";
import { shardOf } from "../../src/search/index/hash";
import { params } from "../search/arbitraries";
import { assetsServing, type ArtifactFiles } from "./artifact-assets";
import "./provided";

const corpus = inject("shardedCorpus");

/** A shard Worker as its router's binding reaches it: the app, serving the shard's artifact. */
function shardWorker(files: ArtifactFiles): Fetcher {
  const env = { ASSETS: assetsServing(files) };
  return { fetch: (input: RequestInfo | URL, init?: RequestInit) => app.fetch(new Request(input, init), env), connect: () => { throw new Error("not used"); } } as unknown as Fetcher;
}

/** A binding that answers as `answer` says (a failure, a hang…). */
function binding(answer: (request: Request) => Promise<Response>): Fetcher {
  return { fetch: (input: RequestInfo | URL, init?: RequestInit) => answer(new Request(input, init)), connect: () => { throw new Error("not used"); } } as unknown as Fetcher;
}

function routerEnv(count: number, replace: Record<number, Fetcher> = {}, extra: Partial<Bindings> = {}): Bindings {
  const split = corpus.splits[count]!;
  const env: Bindings = { ASSETS: assetsServing(split.router), ...extra };
  split.shards.forEach((files, n) => (env[`SHARD_${n}`] = replace[n] ?? shardWorker(files)));
  return env;
}

const wholeEnv: Bindings = { ASSETS: assetsServing(corpus.whole) };

/** The shard of a split holding a document: the one its id hashes to, unless the split placed it with its copy group (the router's placed/<n>.json). */
function holding(count: number): (id: string) => number {
  const placed = new Map<string, number>();
  for (const [file, base64] of Object.entries(corpus.splits[count]!.router)) {
    if (!file.includes("/placed/")) continue;
    for (const [id, shard] of Object.entries(JSON.parse(atob(base64)) as Record<string, number>)) placed.set(id, shard);
  }
  return (id) => placed.get(id) ?? shardOf(id, count);
}

async function get(env: Bindings, path: string) {
  // localhost: never the edge cache, which keys answers by build, and the router's build is the whole corpus's.
  const response = await app.fetch(new Request(`http://localhost${path}`), env);
  const type = response.headers.get("Content-Type") ?? "";
  // How long it took is not an answer (tookMs, and the page's "· 3 ms").
  const body = type.includes("json") ? ((await response.json()) as any) : (await response.text()).replace(/<span class="took">[^<]*<\/span>/g, "");
  if (body && typeof body === "object") delete body.tookMs;
  return { status: response.status, body };
}

/** A POST's answer, without how long it took. */
async function post(env: Bindings, path: string, body: unknown) {
  const response = await app.fetch(new Request(`http://localhost${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }), env);
  const answer = (await response.json()) as any;
  for (const result of [answer, ...(answer.results ?? [])]) delete result.processingTimeMs;
  return { status: response.status, body: answer };
}

/** Meilisearch's questions, through the router as through one index: filters, formatting, facets, paging by page. */
const MEILISEARCH_QUESTIONS: [string, unknown][] = [
  ["/indexes/corpus/search", { q: "safe zones", limit: 7, offset: 3, attributesToHighlight: ["*"], attributesToCrop: ["text:6"], showMatchesPosition: true, showRankingScore: true, facets: ["*"] }],
  ["/indexes/corpus/search", { q: "", filter: [["source = agency", "source = unknown"], "date >= 2016-06 OR tags EXISTS"], hitsPerPage: 4, page: 3, facets: ["source"] }],
  ["/indexes/corpus/search", { q: "trump -syria", filter: "NOT source IN [agency]", sort: ["date:desc"], limit: 0, facets: ["*"] }],
  ["/indexes/corpus/search", { q: "safe zzzqqq", matchingStrategy: "all" }],
  ["/indexes/corpus/facet-search", { facetName: "source", facetQuery: "a", q: "safe" }],
  ["/multi-search", { queries: [{ indexUid: "corpus", q: "putin", limit: 3 }, { indexUid: "corpus", q: "putin", limit: 0, facets: ["source"] }] }],
];

describe("a corpus split into 2 and 5 shard Workers", { timeout: 120_000 }, () => {
  for (const count of [2, 5]) {
    it(`answers /search as the one index does, for random requests (${count} shards)`, async () => {
      const env = routerEnv(count);
      await fc.assert(
        fc.asyncProperty(params, async (request) => {
          const path = `/search?${request}`;
          expect(await get(env, path), path).toEqual(await get(wholeEnv, path));
        }),
        { numRuns: 60 },
      );
    });

    it(`answers every other route as the one index does (${count} shards)`, async () => {
      const env = routerEnv(count);
      const { body } = await get(wholeEnv, "/search?limit=100");
      const ids: string[] = body.hits.map((hit: { id: string }) => hit.id);
      expect(ids.length).toBe(80);
      for (const id of ids.slice(0, 20)) expect(await get(env, `/read/${id}?q=safe+zones`)).toEqual(await get(wholeEnv, `/read/${id}?q=safe+zones`));
      // Every document, those placed with their copy group (not where their id hashes) among them, with what it shares.
      const placed = ids.filter((id) => holding(count)(id) !== shardOf(id, count));
      expect(placed.length).toBeGreaterThan(0);
      for (const id of ids) {
        const document = await get(wholeEnv, `/documents/${id}`);
        expect(await get(env, `/documents/${id}`)).toEqual(document);
        for (const { id: other } of document.body.related) expect(await get(env, `/documents/${id}/compare/${other}`)).toEqual(await get(wholeEnv, `/documents/${id}/compare/${other}`));
      }
      for (const path of [
        "/documents/agency/nope",
        "/sources",
        "/suggest?q=saf",
        "/suggest?q=trump+pre",
        "/suggest?q=secu",
        "/suggest?q=zonse",
        "/?q=safe+zones&tags=syria",
        "/search?q=trmp",
        "/search?q=safe&offset=990&limit=10",
        "/search?q=safe&offset=20&limit=5&sort=-date",
        // Copies fold within a shard (a copy group is in one): deeper hits' copies too.
        "/search?collapse=copies&limit=100",
        "/search?collapse=copies&offset=2&limit=3",
        "/search?q=safe&collapse=copies&offset=7&limit=5&sort=date",
      ]) {
        expect(await get(env, path), path).toEqual(await get(wholeEnv, path));
      }
      for (const [path, body] of MEILISEARCH_QUESTIONS) {
        const whole = await post(wholeEnv, path, body);
        expect(whole.status, JSON.stringify(whole.body)).toBe(200);
        expect(await post(env, path, body), `${path} ${JSON.stringify(body)}`).toEqual(whole);
      }
      const health = await get(env, "/health");
      expect(health.status).toBe(200);
      expect(health.body.documents).toBe(80);
      expect(health.body.shards.map((shard: { shard: number }) => shard.shard)).toEqual(Array.from({ length: count }, (_, n) => n));
      expect(health.body.shards.reduce((sum: number, shard: { documents: number }) => sum + shard.documents, 0)).toBe(80);
    });
  }

  it("pages through every hit once, in the one index's order", async () => {
    const env = routerEnv(5);
    const pages: string[] = [];
    for (let offset = 0; offset < 80; offset += 7) {
      const { body } = await get(env, `/search?q=the+safe&match=any&limit=7&offset=${offset}`);
      pages.push(...body.hits.map((hit: { id: string }) => hit.id));
    }
    const { body } = await get(wholeEnv, "/search?q=the+safe&match=any&limit=100");
    expect(pages).toEqual(body.hits.map((hit: { id: string }) => hit.id));
  });
});

describe("a shard that fails", { timeout: 60_000 }, () => {
  const failing = binding(async () => Response.json({ error: { code: "internal_error", message: "an unexpected error occurred" } }, { status: 500 }));
  const throwing = binding(async () => {
    throw new Error("connection reset");
  });
  const hanging = binding(() => new Promise<Response>(() => {}));
  // Shard 0 of the 5-shard split, behind the 2-shard router: another build than router.json names.
  const stale = shardWorker(corpus.splits[5]!.shards[0]!);

  for (const [what, shard, reason] of [
    ["errors", failing, /shard 1 is unavailable: it answered 500/],
    ["cannot be reached", throwing, /shard 1 is unavailable: the call failed \(connection reset\)/],
    ["hangs", hanging, /shard 1 is unavailable: no answer within 50 ms/],
    ["serves another build", stale, /shard 1 is unavailable: it serves build [0-9a-f]+, and the router expects [0-9a-f]+/],
  ] as const) {
    it(`${what}: a 503 shard_unavailable naming it, or with partial=true the other shard's answer marked partial`, async () => {
      const env = routerEnv(2, { 1: shard }, { SHARD_DEADLINE_MS: "50" });
      for (const path of ["/search?q=safe", "/suggest?q=saf", "/health"]) {
        const { status, body } = await get(env, path);
        expect(status, path).toBe(503);
        expect(body.error.code).toBe("shard_unavailable");
        expect(body.error.message).toMatch(reason);
      }
      const partial = await get(env, "/search?q=safe&partial=true");
      expect(partial.status).toBe(200);
      expect(partial.body.partial).toBe(true);
      expect(partial.body.missingShards).toEqual([1]);
      // Shard 0's documents only: what the one index finds among them, in its order.
      const whole = await get(wholeEnv, "/search?q=safe&limit=100");
      const onShard0 = (whole.body.hits as { id: string }[]).filter((hit) => holding(2)(hit.id) === 0);
      expect(partial.body.total).toBe(onShard0.length);
      expect(partial.body.hits.map((hit: { id: string }) => hit.id)).toEqual(onShard0.slice(0, 10).map((hit) => hit.id));
      // Every shard answering: partial=true says so.
      expect((await get(routerEnv(2), "/search?q=safe&partial=true")).body).toMatchObject({ partial: false, missingShards: [], total: whole.body.total });
    });
  }

  it("fails between the page's two questions: with partial=true the page is made again from the other shard", async () => {
    // Shard 1 answers the first question (its best hits) and fails the second (the content of deeper ones).
    let asked = 0;
    const real = shardWorker(corpus.splits[2]!.shards[1]!);
    const flaky = binding((request) => (++asked === 1 ? real.fetch(request) : Promise.resolve(new Response("gone", { status: 502 }))));
    const env = routerEnv(2, { 1: flaky });
    // Browsing: each shard holds about half the 80 documents, so rows 20 to 29 take deep rows of both.
    const path = "/search?offset=20&limit=10";
    expect((await get(env, path)).status).toBe(503);
    asked = 0;
    const partial = await get(env, `${path}&partial=true`);
    expect(asked).toBe(2);
    expect(partial.body).toMatchObject({ partial: true, missingShards: [1] });
    const whole = await get(wholeEnv, "/search?limit=100");
    const onShard0 = (whole.body.hits as { id: string }[]).filter((hit) => holding(2)(hit.id) === 0);
    expect(partial.body.total).toBe(onShard0.length);
    expect(partial.body.hits.map((hit: { id: string }) => hit.id)).toEqual(onShard0.slice(20, 30).map((hit) => hit.id));
  });

  it("a document on a failed shard is a 503; one on a working shard is served", async () => {
    const env = routerEnv(2, { 1: hanging }, { SHARD_DEADLINE_MS: "50" });
    const { body } = await get(wholeEnv, "/search?limit=100");
    const statuses = new Set<number>();
    for (const { id } of body.hits as { id: string }[]) statuses.add((await get(env, `/documents/${id}`)).status);
    expect([...statuses].sort()).toEqual([200, 503]);
  });

  it("a router without a binding for every shard is a 503 saying what to deploy", async () => {
    const env = routerEnv(2);
    delete env.SHARD_1;
    const { status, body } = await get(env, "/search?q=safe");
    expect(status).toBe(503);
    expect(body.error.message).toMatch(/no binding SHARD_1/);
  });

  it("a shard answers a question its router would not send with a 400, and a Worker that is no shard has no such route", async () => {
    const ask = (files: ArtifactFiles, body: string) =>
      app.fetch(new Request("http://localhost/_shard/search", { method: "POST", body, headers: { "Content-Type": "application/json" } }), { ASSETS: assetsServing(files) });
    for (const body of ["{}", "[]", "null", "not json", '{"q": 1}']) {
      const response = await ask(corpus.splits[2]!.shards[0]!, body);
      expect(response.status, body).toBe(400);
      expect(((await response.json()) as any).error.code).toBe("invalid_parameter");
    }
    expect((await ask(corpus.whole, '{"q": "safe"}')).status).toBe(404);
  });

  it("a shard's Worker does not answer the public API as if it were the corpus", async () => {
    const { status, body } = await get({ ASSETS: assetsServing(corpus.splits[2]!.shards[0]!) }, "/search?q=safe");
    expect(status).toBe(503);
    expect(body.error.message).toMatch(/shard 0 of 2/);
  });
});
