/** The HTML document around every page: head, header, footer. */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Where a page's skip link leads: the part a keyboard user came for. */
export interface SkipTarget {
  /** The id of the element, which must be on the page. */
  id: string;
  label: string;
}

/**
 * A page that renders complete without its script (the script only
 * enhances it), follows the system's colour scheme, and fits a phone.
 */
export function layout(title: string, body: Html, skip: SkipTarget = { id: "results", label: "Skip to results" }): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/app.css">
<script type="module" src="/static/app.js"></script>
</head>
<body>
<a class="skip" href="#${skip.id}">${skip.label}</a>
<header class="top">
<a class="brand" href="/">Corpus search</a>
<nav aria-label="Site"><a href="/docs">API reference</a></nav>
</header>
${body}
</body>
</html>`;
}
