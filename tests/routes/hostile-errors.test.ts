import { afterEach, describe, expect, it, vi } from "vitest";
import { errorResponseSchema } from "../../src/api/schemas";
import { ERRORS } from "../../src/errors";
import { API_SECURITY_POLICY } from "../../src/middleware/headers";
import app from "../../src/index";
import { request } from "./fetch";

/** Bindings whose every use throws, as a bug in the Worker would: the error's text must not reach the client. */
const BROKEN_ENV = {
  get ASSETS(): Fetcher {
    throw new TypeError("engine failure at /srv/src/search/load.ts:42 (secret detail)");
  },
};

/** An assets binding without the artifact: the index cannot load. */
const NO_ARTIFACT_ENV = { ASSETS: { fetch: async () => new Response("Not Found", { status: 404 }) } as unknown as Fetcher };

type Case = [description: string, method: string, path: string, env: object | null, status: number, code: string];

/** Every way the Worker answers with an error: validation, router, middleware, a missing index, a bug. */
const ERROR_CASES: Case[] = [
  ["a malformed parameter", "GET", "/search?limit=abc", null, 400, "invalid_parameter"],
  ["an unknown parameter", "GET", "/sources?x=1", null, 400, "unknown_parameter"],
  ["an unknown document", "GET", "/documents/nope", null, 404, "document_not_found"],
  ["the router's 404", "GET", "/nowhere", null, 404, "not_found"],
  ["the router's 404 under an API path", "GET", "/search/deeper/still", null, 404, "not_found"],
  ["a write method", "DELETE", "/search", null, 405, "method_not_allowed"],
  ["an unusual method", "TRACE", "/health", null, 405, "method_not_allowed"],
  ["a write method on no route", "POST", "/nowhere", null, 405, "method_not_allowed"],
  ["no index, on /search", "GET", "/search?q=korea", NO_ARTIFACT_ENV, 503, "index_unavailable"],
  ["no index, on /suggest", "GET", "/suggest?q=saf", NO_ARTIFACT_ENV, 503, "index_unavailable"],
  ["a bug, on /search", "GET", "/search?q=korea", BROKEN_ENV, 500, "internal_error"],
  ["a bug, on /suggest", "GET", "/suggest?q=saf", BROKEN_ENV, 500, "internal_error"],
  ["a bug, on /documents", "GET", "/documents/x", BROKEN_ENV, 500, "internal_error"],
  ["a bug, on /health", "GET", "/health", BROKEN_ENV, 500, "internal_error"],
];

async function send(method: string, path: string, env: object | null): Promise<Response> {
  const init = { method, headers: { Origin: "https://elsewhere.example" } };
  return env === null ? request(path, init) : app.fetch(new Request(`http://search.test${path}`, init), env);
}

describe("one error contract for every non-2xx response", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(ERROR_CASES)("answers %s (%s %s) with the JSON error shape and a code from the table", async (_, method, path, env, status, code) => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await send(method, path, env);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await response.json()) as { error: { code: keyof typeof ERRORS } };
    expect(errorResponseSchema.parse(body)).toEqual(body);
    expect(body.error.code).toBe(code);
    expect(ERRORS[body.error.code].status).toBe(status);
  });

  it.each(ERROR_CASES)("sends %s with the API's security headers, never cached", async (_, method, path, env) => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const { headers } = await send(method, path, env);
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("content-security-policy")).toBe(API_SECURITY_POLICY);
    expect(headers.get("referrer-policy")).toBe("no-referrer");
    expect(headers.get("cache-control")).toBe("no-store");
    expect(headers.get("access-control-allow-origin")).toBe("*");
  });

  it("reports a bug as internal_error without its message, stack or file names", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await app.fetch(new Request("http://search.test/search?q=korea"), BROKEN_ENV);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: "internal_error", message: "an unexpected error occurred" } });
    for (const detail of ["secret", "load.ts", "TypeError", "/srv", " at "]) expect(text).not.toContain(detail);
    // The details go to the log, for whoever runs the Worker.
    expect(logged).toHaveBeenCalled();
  });

  it("answers HEAD on an error with the same status and headers, and no body", async () => {
    const get = await request("/nowhere");
    const head = await request("/nowhere", { method: "HEAD" });
    expect(head.status).toBe(404);
    expect(head.headers.get("content-type")).toBe(get.headers.get("content-type"));
    expect(head.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await head.text()).toBe("");
  });
});
