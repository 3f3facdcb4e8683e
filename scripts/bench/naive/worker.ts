/**
 * The naive baseline the issue measures against: plain Hono + MiniSearch,
 * the index (text stored in it) shipped as one static asset and loaded with
 * MiniSearch.loadJSON on the first request, /search answering with
 * miniSearch.search(q).slice(0, 10). Nothing here is tuned, on purpose.
 */
import { Hono } from "hono";
import MiniSearch from "minisearch";
import { NAIVE_ASSET_PATH, NAIVE_OPTIONS, type NaiveDocument } from "./options";

/** The part of a Workers Static Assets binding this Worker uses (the Node-typed check has no Fetcher). */
interface AssetsBinding {
  fetch(input: string): Promise<Response>;
}

const app = new Hono<{ Bindings: { ASSETS: AssetsBinding } }>();

let loading: Promise<MiniSearch<NaiveDocument>> | undefined;

async function load(assets: AssetsBinding): Promise<MiniSearch<NaiveDocument>> {
  const response = await assets.fetch(`https://assets.local${NAIVE_ASSET_PATH}`);
  if (!response.ok) throw new Error(`the naive index is missing (${response.status})`);
  return MiniSearch.loadJSON<NaiveDocument>(await response.text(), NAIVE_OPTIONS);
}

app.get("/search", async (c) => {
  loading ??= load(c.env.ASSETS).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  const miniSearch = await loading;
  return c.json(miniSearch.search(c.req.query("q") ?? "").slice(0, 10));
});

app.get("/health", (c) => c.json({ status: "ok" }));

export default app;
