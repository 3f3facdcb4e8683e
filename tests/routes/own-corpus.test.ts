import { describe, expect, inject, it } from "vitest";
import app from "../../src/index";
import { assetsServing } from "./artifact-assets";
import "./provided";

// The app serving another corpus (see build-seeds.ts), as with CORPUS_DIR.
const assets = assetsServing(inject("nestedArtifact"));

async function get(path: string) {
  const response = await app.fetch(new Request(`http://search.test${path}`), { ASSETS: assets });
  return { status: response.status, body: (await response.json()) as any };
}

describe("a corpus of the user's own, laid out in folders", () => {
  it("facets by first-level folder, with unknown for files at the root", async () => {
    const { body } = await get("/sources");
    expect(body.sources).toEqual([
      { name: "ap", documents: 1 },
      { name: "reuters", documents: 1 },
      { name: "unknown", documents: 1 },
    ]);
  });

  it("serves a document whose id has slashes, encoded or not", async () => {
    const expected = {
      id: "reuters/2017/astana",
      title: "Talks in Astana",
      source: "reuters",
      date: "2017-05-03",
      url: "https://example.org/astana",
      fields: {},
      text: "Ceasefire talks opened in Astana with a U.S. observer.",
      related: [],
    };
    expect((await get("/documents/reuters/2017/astana")).body).toEqual(expected);
    expect((await get("/documents/reuters%2F2017%2Fastana")).body).toEqual(expected);
  });

  it("searches it, with the date line's precision kept and markup in the text escaped", async () => {
    const { body } = await get("/search?q=zones");
    expect(body.total).toBe(2);
    const notes = body.hits.find((hit: any) => hit.id === "notes");
    expect(notes.date).toBe("2017-04");
    expect(notes.snippet).toBe("Notes about &lt;b&gt;<mark>zones</mark>&lt;/b&gt; &amp; markup.");
    expect(body.facets.source).toEqual({ ap: 1, unknown: 1 });
  });
});
