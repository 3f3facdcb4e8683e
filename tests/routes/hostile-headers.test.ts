import { describe, expect, it } from "vitest";
import { API_SECURITY_POLICY, PAGE_SECURITY_POLICY } from "../../src/middleware/headers";
import { request } from "./fetch";

const EVIL_ORIGIN = "https://evil.example";
const API_PATHS = ["/search?q=korea", "/suggest?q=saf", "/documents/004_dc6718f12059daa3", "/sources", "/health", "/openapi.json"];

describe("CORS: any origin may read, with GET, HEAD and OPTIONS only, never with credentials", () => {
  it.each(API_PATHS)("answers %s to any origin with *, never the origin itself, and no credentials", async (path) => {
    const response = await request(path, { headers: { Origin: EVIL_ORIGIN, Cookie: "session=1" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it.each(["GET", "HEAD", "DELETE", "POST", "PUT"])("answers a preflight for %s with the read-only methods and no credentials", async (method) => {
    const response = await request("/search", {
      method: "OPTIONS",
      headers: { Origin: EVIL_ORIGIN, "Access-Control-Request-Method": method },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-methods")).toBe("GET,HEAD,OPTIONS");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("refuses the write methods a preflight could not grant", async () => {
    for (const method of ["DELETE", "POST", "PUT", "PATCH"]) {
      expect((await request("/search", { method, headers: { Origin: EVIL_ORIGIN } })).status).toBe(405);
    }
  });

  it("never copies a request's Vary header into the response (GHSA-q7jf-gf43-6x6p)", async () => {
    for (const method of ["GET", "OPTIONS"]) {
      const response = await request("/search?q=korea", {
        method,
        headers: { Origin: EVIL_ORIGIN, Vary: "X-Evil", "Access-Control-Request-Method": "GET" },
      });
      expect(response.headers.get("vary") ?? "").not.toContain("X-Evil");
    }
  });
});

describe("security headers", () => {
  it.each(API_PATHS)("serves %s as data that loads nothing, is never sniffed, and sends no referrer", async (path) => {
    const { headers } = await request(path);
    expect(headers.get("content-type")).toMatch(/^application\/json/);
    expect(headers.get("content-security-policy")).toBe(API_SECURITY_POLICY);
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("keeps the API's policy strict: nothing may load, nothing may frame it", () => {
    expect(API_SECURITY_POLICY).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it.each(["/", "/?q=safe+zones", "/read/002_0bec946113768599?q=safe", "/docs"])(
    "serves the page %s under the page policy, with nothing inline that the policy would block",
    async (path) => {
      const response = await request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-security-policy")).toBe(PAGE_SECURITY_POLICY);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      const html = await response.text();
      // The policy allows only the page's own files: no inline script, style or handler may be needed.
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=")/);
      expect(html).not.toMatch(/<style|\sstyle="|\son[a-z]+="/);
      // Links out are fine (a document's original); nothing the page loads may come from elsewhere.
      expect(html).not.toMatch(/<(?:script|link|img)\b[^>]*\s(?:src|href)="(?:https?:)?\/\//);
    },
  );

  it("keeps the page policy to the page's own files: no inline script or style, no eval, no framing", () => {
    const directives = new Map(PAGE_SECURITY_POLICY.split(";").map((directive) => {
      const [name, ...values] = directive.trim().split(/\s+/);
      return [name!, values];
    }));
    expect(directives.get("default-src")).toEqual(["'none'"]);
    expect(directives.get("script-src")).toEqual(["'self'"]);
    expect(directives.get("style-src")).toEqual(["'self'"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'none'"]);
    expect(PAGE_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:/);
  });
});
