/**
 * The empty baseline: a Hono app that answers /search with {ok:true} and
 * nothing else, served exactly as ours is (wrangler dev --no-bundle on a
 * bundle made at the start of the run, the same corpus's static assets, the
 * same warm-up 404 first). Its first search is what any Hono Worker pays on
 * this machine (wrangler's proxy, workerd, HTTP on loopback, routing), so
 * ours minus it is what searching costs; its heap is an isolate's floor.
 */
import { Hono } from "hono";

const app = new Hono();

app.get("/search", (c) => c.json({ ok: true }));

export default app;
