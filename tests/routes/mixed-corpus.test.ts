/**
 * The example corpus in examples/mixed-corpus, as a user would index their
 * own folder: Markdown, HTML, plain text and JSON records, with authors and
 * tags in front matter, HTML <meta>, the manifest and the records, served
 * with its fields searchable, filterable and counted.
 */
import { describe, expect, inject, it } from "vitest";
import app from "../../src/index";
import { assetsServing } from "./artifact-assets";
import "./provided";

const assets = assetsServing(inject("mixedArtifact"));

async function get(path: string) {
  const response = await app.fetch(new Request(`http://search.test${path}`), { ASSETS: assets });
  const type = response.headers.get("Content-Type") ?? "";
  return { status: response.status, body: (type.includes("json") ? await response.json() : await response.text()) as any };
}

const ids = (body: any) => (body.hits as { id: string }[]).map((hit) => hit.id).sort();

describe("a corpus mixing Markdown, HTML, text and JSON records", () => {
  it("holds every document of every format, JSON records under their file's id", async () => {
    const { body } = await get("/search?limit=100");
    expect(ids(body)).toEqual([
      "data/projects/cleve-hill",
      "data/projects/hornsea-3",
      "data/updates/u1",
      "data/updates/u2",
      "data/updates/u3",
      "notes/solar-policy",
      "notes/wind-farms",
      "reports/field-notes",
      "reports/grid-storage",
    ]);
  });

  it("finds documents by author, a searchable field, from front matter, HTML <meta>, the manifest and records", async () => {
    const { body } = await get("/search?q=jane+doe&limit=100");
    expect(ids(body)).toEqual(["data/updates/u1", "notes/solar-policy", "reports/grid-storage"]);
    expect(ids((await get("/search?q=ana+lima")).body)).toEqual(["reports/field-notes"]);
  });

  it("counts tags and authors as facets, and filters on them, repeatable, alongside source", async () => {
    const all = (await get("/search?limit=100")).body;
    expect(all.facets.tags).toMatchObject({ policy: 3, wind: 3, grid: 3, solar: 2, storage: 2 });
    expect(all.facets.author).toEqual({ "Jane Doe": 3, "Ravi Patel": 2, "Ana Lima": 1 });
    const solar = (await get("/search?tags=solar&limit=100")).body;
    expect(ids(solar)).toEqual(["data/projects/cleve-hill", "notes/solar-policy"]);
    // Disjunctive: the tags facet still counts the other tags as if no tag were chosen.
    expect(solar.facets.tags.wind).toBe(3);
    expect(solar.facets.author).toEqual({ "Jane Doe": 1 });
    expect(ids((await get("/search?tags=solar&tags=wind&limit=100")).body)).toHaveLength(5);
    expect(ids((await get("/search?tags=policy&author=Jane+Doe&source=data")).body)).toEqual(["data/updates/u1"]);
    expect((await get("/search?tags=nothing")).body.total).toBe(0);
  });

  it("returns each hit's and document's fields", async () => {
    const { body } = await get("/documents/data/projects/hornsea-3");
    expect(body.fields).toEqual({ capacity_mw: 2852, developer: "Orsted", tags: ["wind", "offshore"] });
    expect(body.text).toBe("An offshore wind farm in the North Sea, due to connect in 2027.");
    const hit = (await get("/search?q=substation+inspection")).body.hits[0];
    expect(hit.fields).toEqual({ author: "Ana Lima", tags: ["grid", "maintenance"] });
  });

  it("shows snippets free of Markdown and HTML syntax, and does not search link targets, scripts or navigation", async () => {
    const { body } = await get("/search?q=consultation&limit=100");
    for (const hit of body.hits) expect(hit.snippet).not.toMatch(/\*\*|\]\(|<(?!\/?mark>)|https?:/);
    for (const q of ["example.org", "tracking", "newsletter", "rights reserved"]) expect((await get(`/search?q=${encodeURIComponent(q)}`)).body.total, q).toBe(0);
  });

  it("answers an unknown parameter with a 400, and a field that is not filterable is no parameter", async () => {
    expect((await get("/search?colour=red")).body.error.code).toBe("unknown_parameter");
    expect((await get("/search?developer=Orsted")).body.error.code).toBe("unknown_parameter");
  });

  it("shows each facet field as its own group on the search page, with chosen values ticked", async () => {
    const { status, body } = await get("/?q=grid&tags=wind");
    expect(status).toBe(200);
    expect(body).toContain('<fieldset class="facet" data-field="tags">');
    expect(body).toContain('<fieldset class="facet" data-field="author">');
    expect(body).toMatch(/<input type="checkbox" name="tags" value="wind" checked>/);
    expect(body).toContain("Offshore wind farms wait for <mark>grid</mark> connections");
    expect(body).not.toContain("Grid-scale storage doubles");
  });
});
