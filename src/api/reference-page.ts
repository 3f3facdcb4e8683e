/**
 * The human-readable API reference (/docs), rendered at build time from the
 * OpenAPI document: endpoints, parameters with their limits, responses with
 * real examples, the error codes. Plain HTML and the site's own stylesheet:
 * no CDN, no script, nothing fetched from elsewhere.
 */
import { escapeHtml } from "../search/escape";

// The parts of an OpenAPI 3.1 document this page reads.
interface Schema {
  type?: string | string[];
  enum?: unknown[];
  default?: unknown;
  example?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  /** Our extension: a limit in UTF-8 bytes, which JSON Schema cannot say. */
  "x-maxBytes"?: number;
  minLength?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
  $ref?: string;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}
interface MediaType {
  schema: Schema;
  examples?: Record<string, { value: unknown }>;
}
interface Operation {
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  responses: Record<string, { description: string; content?: Record<string, MediaType> }>;
}
export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export function referencePage(document: OpenApiDocument): string {
  const schemas = document.components?.schemas ?? {};
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(document.info.title)} API reference</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/app.css">
</head>
<body class="reference">
<header class="top"><a class="brand" href="/">Corpus search</a><nav aria-label="Site"><a href="/openapi.json">openapi.json</a></nav></header>
<main>
<h1>${escapeHtml(document.info.title)} API <small>version ${escapeHtml(document.info.version)}</small></h1>
<nav class="toc" aria-label="Endpoints"><ul>${operations
    .map(({ path, method }) => `<li><a href="#${anchor(method, path)}"><code>${method.toUpperCase()} ${escapeHtml(path)}</code></a></li>`)
    .join("")}</ul></nav>
${markdown(document.info.description ?? "")}
${operations.map(({ path, method, operation }) => operationSection(path, method, operation, schemas)).join("\n")}
<section><h2 id="schemas">Schemas</h2>${Object.entries(schemas)
    .map(([name, schema]) => `<h3 id="schema-${escapeHtml(name)}">${escapeHtml(name)}</h3>${propertiesTable(schema)}`)
    .join("\n")}</section>
</main>
</body>
</html>
`;
}

function operationSection(path: string, method: string, operation: Operation, schemas: Record<string, Schema>): string {
  const parameters = operation.parameters ?? [];
  return `<section class="endpoint">
<h2 id="${anchor(method, path)}"><span class="method">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h2>
${operation.summary ? `<p class="lead">${inline(operation.summary)}</p>` : ""}
${operation.description ? markdown(operation.description) : ""}
${
  parameters.length === 0
    ? ""
    : `<h3>Parameters</h3><table><thead><tr><th>name</th><th>in</th><th>type</th><th>default</th><th>limits</th><th>meaning</th></tr></thead><tbody>${parameters
        .map(
          (parameter) =>
            `<tr><td><code>${escapeHtml(parameter.name)}</code>${parameter.required ? " (required)" : ""}</td><td>${escapeHtml(parameter.in)}</td>` +
            `<td>${typeOf(parameter.schema ?? {})}</td><td>${defaultOf(parameter.schema ?? {})}</td><td>${limitsOf(parameter.schema ?? {})}</td>` +
            `<td>${inline(parameter.description ?? parameter.schema?.description ?? "")}</td></tr>`,
        )
        .join("")}</tbody></table>`
}
<h3>Responses</h3>
<dl class="responses">${Object.entries(operation.responses)
    .map(([status, response]) => {
      const media = response.content?.["application/json"];
      const schema = media?.schema;
      // One example per error code where the response lists them, else the schema's.
      const examples = media?.examples ? Object.values(media.examples).map(({ value }) => value) : [schema && exampleOf(schema, schemas)];
      return (
        `<dt><span class="status status-${status[0]}">${escapeHtml(status)}</span>${schema ? ` ${typeOf(schema)}` : ""}</dt>` +
        `<dd>${markdown(response.description)}${examples
          .filter((example) => example !== undefined)
          .map((example) => `<pre tabindex="0"><code>${escapeHtml(JSON.stringify(example, null, 2))}</code></pre>`)
          .join("")}</dd>`
      );
    })
    .join("")}</dl>
</section>`;
}

function propertiesTable(schema: Schema): string {
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length === 0) return `<p>${typeOf(schema)}</p>`;
  const required = new Set(schema.required ?? []);
  return `<table><thead><tr><th>field</th><th>type</th><th>meaning</th></tr></thead><tbody>${properties
    .map(
      ([name, property]) =>
        `<tr><td><code>${escapeHtml(name)}</code>${required.has(name) ? "" : " (optional)"}</td><td>${typeOf(property)}</td><td>${inline(property.description ?? "")}</td></tr>`,
    )
    .join("")}</tbody></table>`;
}

function typeOf(schema: Schema): string {
  if (schema.$ref) {
    const name = schema.$ref.split("/").pop()!;
    return `<a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a>`;
  }
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(" or ");
  if (schema.enum) return schema.enum.map((value) => `<code>${escapeHtml(String(value))}</code>`).join(" | ");
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? "any"];
  return types
    .map((type) => {
      if (type === "array") return `array of ${typeOf(schema.items ?? {})}`;
      if (type === "object" && schema.additionalProperties && typeof schema.additionalProperties === "object") {
        return `object of ${typeOf(schema.additionalProperties)}`;
      }
      return escapeHtml(type);
    })
    .join(" or ");
}

function defaultOf(schema: Schema): string {
  if (schema.default === undefined) return "";
  return `<code>${escapeHtml(JSON.stringify(schema.default))}</code>`;
}

function limitsOf(schema: Schema): string {
  const limits: string[] = [];
  if (schema.minimum !== undefined && schema.maximum !== undefined) limits.push(`${schema.minimum} to ${schema.maximum}`);
  if (schema["x-maxBytes"] !== undefined) limits.push(`at most ${schema["x-maxBytes"]} bytes in UTF-8`);
  else if (schema.maxLength !== undefined) limits.push(`at most ${schema.maxLength} characters`);
  if (schema.maxItems !== undefined) limits.push(`at most ${schema.maxItems} values`);
  if (schema.items?.maxLength !== undefined) limits.push(`each at most ${schema.items.maxLength} characters`);
  return escapeHtml(limits.join("; "));
}

/** The example of a schema, following a reference into the components. */
function exampleOf(schema: Schema, schemas: Record<string, Schema>): unknown {
  if (schema.$ref) return exampleOf(schemas[schema.$ref.split("/").pop()!] ?? {}, schemas);
  return schema.example;
}

function anchor(method: string, path: string): string {
  return `${method}-${path.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "")}`;
}

/** The little Markdown the document's descriptions use: paragraphs, `code`, and tables. */
function markdown(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((block) => {
      const lines = block.split("\n");
      if (lines.every((line) => line.startsWith("|"))) return table(lines);
      return `<p>${inline(block)}</p>`;
    })
    .join("\n");
}

function table(lines: string[]): string {
  const cells = (line: string) => line.slice(1, -1).split("|").map((cell) => cell.trim());
  const [head, , ...rows] = lines;
  return `<table><thead><tr>${cells(head!).map((cell) => `<th>${inline(cell)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((row) => `<tr>${cells(row).map((cell) => `<td>${inline(cell)}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
}

function inline(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}
