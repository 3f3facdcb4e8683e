import { describe, expect, it } from "vitest";
import { getJson } from "./fetch";

// A judged query set over the five seeds: for each query, the documents a
// reader of the seeds expects back, the ones that must not come back, and,
// where the order matters, which must come first (in any order among them).
const S000 = "000_7b4177b3914c6952"; // AP-style wire copy, dated, glued sentences
const S001 = "001_9b23b38645758bcd"; // Canadian rewrite, Merkel, the Chinese spam line
const S002 = "002_0bec946113768599"; // Reuters: Astana, Stuart Jones, North Korea, Hamburg
const S003 = "003_ea843f910fce1dea"; // Sky rewrite: North Korea, Merkel in Sochi, Hamburg
const S004 = "004_dc6718f12059daa3"; // Washington Times: Korean Peninsula, Astana

interface Judged {
  q: string;
  /** Extra parameters, e.g. "&match=any". */
  params?: string;
  must: string[];
  mustNot: string[];
  /** The top hits, as a set; absent when the order does not matter. */
  first?: string[];
  reason: string;
}

const CASES: Judged[] = [
  { q: "korea", must: [S002, S003, S004], mustNot: [S000, S001], reason: "only 002–004 mention North Korea" },
  { q: '"north korea"', must: [S002, S003, S004], mustNot: [S000, S001], reason: "the phrase is in the same three" },
  {
    q: "korean peninsula",
    must: [S002, S004],
    mustNot: [S000, S001, S003],
    reason: "003 has North Korean but never peninsula",
  },
  { q: "korea nuclear", must: [S002, S003], mustNot: [S000, S001, S004], reason: "004 names North Korea but not its nuclear program" },
  { q: "杭州", must: [S001], mustNot: [S000, S002, S003, S004], reason: "the Chinese spam line is only in 001" },
  { q: "会所", must: [S001], mustNot: [S000, S002, S003, S004], reason: "the last word of the spam line, cut out by the segmenter" },
  { q: "astana", must: [S002, S003, S004], mustNot: [S000, S001], reason: "000 and 001 do not mention the Astana talks" },
  { q: '"astana talks"', must: [S002], mustNot: [S000, S001, S003, S004], reason: "only Reuters writes “the Astana talks”; others say talks in Astana" },
  { q: "stuart jones", must: [S002], mustNot: [S000, S001, S003, S004], reason: "the observer is named only by Reuters" },
  { q: "merkel sochi", must: [S003], mustNot: [S000, S001, S002, S004], reason: "001 mentions Merkel but not Sochi" },
  { q: "merkel -sochi", must: [S001], mustNot: [S000, S002, S003, S004], reason: "excluding Sochi leaves 001's Merkel" },
  { q: '"safe zones"', must: [S000, S001, S002, S004], mustNot: [S003], reason: "003 never mentions safe zones" },
  { q: '"safe zones" refugees', must: [S002], mustNot: [S000, S001, S003, S004], reason: "only Reuters ties safe zones to refugees" },
  { q: "tillerson", must: [S000, S001], mustNot: [S002, S003, S004], reason: "Rex Tillerson appears in 000 and 001 only" },
  { q: "cruise missiles", must: [S002, S003], mustNot: [S000, S001, S004], reason: "Reuters' 59 cruise missiles and 003's cruise missile strike" },
  { q: "hamburg g20", must: [S002, S003], mustNot: [S000, S001, S004], reason: "000 and 001 write G-20 summit in Germany, not Hamburg" },
  { q: "g20", must: [S000, S001, S002, S003], mustNot: [S004], reason: "G-20 and G20 are the same word" },
  { q: "ceasefire", must: [S000, S001, S002, S003, S004], mustNot: [], reason: "ceasefire and cease-fire are the same word" },
  { q: "sean spicer briefing", must: [S001], mustNot: [S000, S002, S003, S004], reason: "003 names Spicer but not the briefing" },
  { q: "islamic state", must: [S004], mustNot: [S000, S001, S002, S003], reason: "Reuters' Islamist militants is another word" },
  {
    q: "meeting",
    must: [S000, S001, S002, S003],
    mustNot: [S004],
    first: [S001, S003],
    reason: "001's and 003's headlines are about the meeting",
  },
  {
    q: "in-person meeting",
    must: [S000, S001],
    mustNot: [S002, S003, S004],
    first: [S001],
    reason: "001's headline says in-person meeting; 000 only in its text",
  },
  {
    q: "discussion",
    must: [S000, S001, S002, S003, S004],
    mustNot: [],
    first: [S001],
    reason: "001's headline says discuss; every body says discussed or discussion",
  },
  {
    q: "korea merkel",
    params: "&match=any",
    must: [S001, S002, S003, S004],
    mustNot: [S000],
    first: [S003],
    reason: "only 003 has both words",
  },
  {
    q: "korea xylophone",
    must: [S002, S003, S004],
    mustNot: [S000, S001],
    reason: "no xylophone anywhere: the korea documents, relaxed",
  },
];

describe("judged relevance over the seeds", () => {
  const named = CASES.map((judged) => ({ ...judged, name: `${judged.q}${judged.params ?? ""}` }));
  it.each(named)("$name: $reason", async ({ q, params, must, mustNot, first }) => {
    const { status, body } = await getJson(`/search?q=${encodeURIComponent(q)}${params ?? ""}`);
    expect(status).toBe(200);
    const ids: string[] = body.hits.map((hit: any) => hit.id);
    for (const id of must) expect(ids, `${id} must be found`).toContain(id);
    for (const id of mustNot) expect(ids, `${id} must not be found`).not.toContain(id);
    if (first) expect(ids.slice(0, first.length).sort()).toEqual([...first].sort());
  });
});
