// instantsearch.js and instant-meilisearch, for the workerd tests. Their
// type declarations pull in the DOM library (through preact's JSX types),
// which clashes with the Workers types the Worker is checked against, so
// the tests reach them through this file and its small .d.ts.
export { default as instantsearch } from "instantsearch.js/es/index.js";
export { connectConfigure, connectHits, connectPagination, connectRange, connectRefinementList, connectSearchBox, connectStats } from "instantsearch.js/es/connectors/index.js";
export { instantMeiliSearch } from "@meilisearch/instant-meilisearch";
