/**
 * Bundles the /instantsearch example's script (src/page/instantsearch-example.ts)
 * with InstantSearch and instant-meilisearch from node_modules into the
 * static assets, so the page loads nothing from a CDN and its
 * Content-Security-Policy can stay `script-src 'self'`.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Writes static/instantsearch-example.js under assetsDir. */
export async function bundleInstantSearchExample(assetsDir: string): Promise<void> {
  await build({
    entryPoints: [path.join(ROOT, "src/page/instantsearch-example.ts")],
    bundle: true,
    format: "esm",
    minify: true,
    target: "es2022",
    platform: "browser",
    outfile: path.join(assetsDir, "static/instantsearch-example.js"),
    // Any licence notices stay in the served file: /static/ serves only .js, .css and .svg, so a linked .LEGAL.txt could not be read.
    legalComments: "eof",
    logLevel: "warning",
  });
}
