import { describe, expect, it } from "vitest";
import { ANALYSIS_VERSION, ARTIFACT_FORMAT } from "../../src/search/options";
import { getJson, request } from "./fetch";

describe("GET /documents/:id", () => {
  it("returns a document with its full text, the date line removed", async () => {
    const { status, body } = await getJson("/documents/000_7b4177b3914c6952");
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(["id", "title", "source", "date", "url", "fields", "text", "related"]);
    expect(body.date).toBe("2017-05-02");
    expect(body.source).toBe("unknown");
    expect(body.text.startsWith("The Kremlin says Russian President Vladimir Putin")).toBe(true);
    expect(body.text.endsWith('calling the Russian investigations a "hoax."')).toBe(true);
  });

  it("takes the headline as the title, and leaves the source unknown where the manifest names none", async () => {
    const { body } = await getJson("/documents/003_ea843f910fce1dea");
    expect(body.source).toBe("unknown");
    expect(body.title).toBe("Putin, Trump agree to work together on Syria, set up meeting");
    expect(body.text.startsWith("During the discussion")).toBe(true);
  });

  it("takes the source the manifest gives", async () => {
    const { body } = await getJson("/documents/004_dc6718f12059daa3");
    expect(body.source).toBe("The Washington Times");
  });
});

describe("GET /sources", () => {
  it("lists every source with its document count, largest first", async () => {
    const { status, body } = await getJson("/sources");
    expect(status).toBe(200);
    expect(body).toEqual({
      sources: [
        { name: "unknown", documents: 3 },
        { name: "Reuters", documents: 1 },
        { name: "The Washington Times", documents: 1 },
      ],
    });
  });
});

describe("GET /health", () => {
  it("reports the loaded build", async () => {
    const { status, headers, body } = await getJson("/health");
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(body).toEqual({
      status: "ok",
      documents: 5,
      index: {
        documents: 5,
        sources: { Reuters: 1, "The Washington Times": 1, unknown: 3 },
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        buildVersion: expect.any(String),
        artifactFormat: ARTIFACT_FORMAT,
        analysisVersion: ANALYSIS_VERSION,
      },
    });
  });
});

describe("HTTP behaviour", () => {
  it("allows any origin to GET, without credentials", async () => {
    const response = await request("/search?q=korea", { headers: { Origin: "https://example.org" } });
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("answers a CORS preflight for GET", async () => {
    const response = await request("/search", {
      method: "OPTIONS",
      headers: { Origin: "https://example.org", "Access-Control-Request-Method": "GET" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-methods")).toBe("GET,HEAD,OPTIONS");
  });

  it("lets clients cache successes briefly and never caches errors", async () => {
    expect((await request("/search?q=korea")).headers.get("cache-control")).toBe("public, max-age=300");
    for (const [path, method] of [
      ["/search?limit=0", "GET"],
      ["/documents/nope", "GET"],
      ["/nowhere", "GET"],
      ["/search", "POST"],
    ] as const) {
      const response = await request(path, { method });
      expect(response.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(response.headers.get("cache-control"), `${method} ${path}`).toBe("no-store");
    }
  });

  it("treats a trailing slash as the same route", async () => {
    expect((await getJson("/search/?q=korea")).body.total).toBe(3);
    expect((await getJson("/health/")).body.status).toBe("ok");
  });

  it("marks every response as JSON that must not be sniffed or framed", async () => {
    const response = await request("/sources");
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("answers HEAD like GET without a body", async () => {
    const response = await request("/search?q=korea", { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
  });
});
