import { describe, expect, inject, it } from "vitest";
import app from "../../src/index";
import { assetsServing } from "./artifact-assets";
import "./provided";

// A corpus where each rule alone decides an order (see build-seeds.ts).
const assets = assetsServing(inject("rankingArtifact"));

async function ids(query: string): Promise<string[]> {
  const response = await app.fetch(new Request(`http://search.test/search?${query}`), { ASSETS: assets });
  return ((await response.json()) as { hits: { id: string }[] }).hits.map((hit) => hit.id);
}

describe("ranking and typo rules", () => {
  it("ranks a match in the title before a body full of the word", async () => {
    expect(await ids("q=kremlin")).toEqual(["title", "body"]);
  });

  it("ranks a title that begins with the query's words before one where they come later", async () => {
    // The later title's text repeats the words, so BM25 alone would put it first.
    expect(await ids("q=zebra")).toEqual(["early", "late"]);
    expect(await ids("q=zebra accord")).toEqual(["early", "late"]);
  });

  it("counts a title's words from the query's words, not its clauses: a phrase first holds two", async () => {
    expect(await ids(`q=${encodeURIComponent('"new york" times')}`)).toEqual(["nyt", "times-new-york"]);
  });

  it("ranks the title that is the query's words before one that only begins with them", async () => {
    // nginx-dev's text says "nginx" three times; its title begins with the name too.
    expect(await ids("q=nginx")).toEqual(["nginx", "nginx-dev"]);
    expect(await ids("q=nginx-dev")).toEqual(["nginx-dev"]);
  });

  it("looks a word up with typos only when the corpus does not write it as typed", async () => {
    // "typo" says "tilerson" three times: a word found as written is no typo, either way round.
    expect(await ids("q=tillerson")).toEqual(["exact-2", "exact-3", "exact"]);
    expect(await ids("q=tilerson")).toEqual(["typo"]);
    // Written nowhere: both spellings are a typo away.
    expect((await ids("q=tillersen")).sort()).toEqual(["exact", "exact-2", "exact-3", "typo"]);
  });

  it("tolerates two typos from 9 characters, one from 5, none below", async () => {
    expect(await ids("q=wotergote")).toEqual(["watergate"]); // 9 characters, 2 edits
    expect(await ids("q=wotergot")).toEqual([]); // 8 characters, 2 edits
    expect(await ids("q=kremlim")).toEqual(["title", "body"]); // 7 characters, 1 edit
    expect(await ids("q=krem1")).toEqual([]); // 5 characters... but 2 edits
  });

  it("counts two swapped letters as one typo", async () => {
    expect(await ids("q=kremiln")).toEqual(["title", "body"]);
  });

  it("judges typos on the words as written, not on their stems", async () => {
    // "Watergate" is indexed as the stem "waterg", one edit from "water".
    expect(await ids("q=watergate")).toEqual(["watergate"]);
  });

  it("completes a word whose stem it does not begin with", async () => {
    // "during" is indexed as "dure": "durin" is on its way to it.
    expect(await ids("q=durin")).toEqual(["title"]);
  });
});
