/**
 * /instantsearch: an example of the Meilisearch-compatible API in use.
 * InstantSearch's widgets, talking to this Worker through
 * instant-meilisearch, bundled at build time (scripts/instantsearch-example.ts)
 * from src/page/instantsearch-example.ts. The server writes only the empty
 * containers and the index uid; the script fills them.
 */
import { Hono } from "hono";
import { html } from "hono/html";
import type { AppEnv } from "../env";
import { PAGE_SECURITY_POLICY } from "../middleware/headers";
import { indexUidOf } from "./meilisearch";

export const instantSearchExampleRoutes = new Hono<AppEnv>().get("/instantsearch", (c) => {
  c.header("Content-Security-Policy", PAGE_SECURITY_POLICY);
  // The script's contract with this page: the uid in data-index-uid, and one container per widget by id.
  return c.html(html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>InstantSearch on this corpus</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/instantsearch-example.css">
<script type="module" src="/static/instantsearch-example.js"></script>
</head>
<body>
<main id="app" data-index-uid="${indexUidOf(c.env)}">
<header>
<h1>InstantSearch on this corpus</h1>
<p>An example of this service's Meilisearch-compatible API: InstantSearch widgets talking to it through instant-meilisearch, as they would to Meilisearch. <a href="/">The plain search page</a> · <a href="/docs">API reference</a></p>
</header>
<div id="searchbox"></div>
<div class="columns">
<aside>
<h2>Source</h2>
<div id="sources"></div>
</aside>
<section aria-label="Results">
<div id="stats"></div>
<div id="hits"></div>
<div id="pagination"></div>
</section>
</div>
<noscript><p>This example needs JavaScript; <a href="/">the search page</a> works without it.</p></noscript>
</main>
</body>
</html>`);
});
