/**
 * Writes the site's files into the Worker's static assets, beside the
 * index: the page's script and styles (public/), the OpenAPI document and
 * the API reference rendered from it. Run by every build (build-index.ts)
 * and by the Worker tests' setup.
 */
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openApiDocument } from "../src/api/openapi";
import { referencePage, type OpenApiDocument } from "../src/api/reference-page";
import { bundleInstantSearchExample } from "./instantsearch-example";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

export async function writeSiteAssets(assetsDir: string): Promise<void> {
  await mkdir(assetsDir, { recursive: true });
  await cp(path.join(ROOT, "public"), assetsDir, { recursive: true });
  const { version } = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as { version: string };
  const document = openApiDocument(version);
  await writeFile(path.join(assetsDir, "openapi.json"), `${JSON.stringify(document, null, 2)}\n`);
  await writeFile(path.join(assetsDir, "docs.html"), referencePage(document as unknown as OpenApiDocument));
  await bundleInstantSearchExample(assetsDir);
}
