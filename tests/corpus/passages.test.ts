/**
 * Shared passages (src/corpus/passages.ts) on the real seeds: five reports of
 * one phone call, two of them versions of one story, with exact values.
 *
 * The texts are the raw files, not the documents the build makes of them
 * (which drop 000's " date 2017-05-02 " line and the headlines of 001 and
 * 003): none of those lines is shared, and this module takes whatever text
 * it is given, so the raw files test it as well and need nothing else.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  K,
  MIN_PASSAGE_WORDS,
  passageWords,
  sharedPassages,
  W,
  type DocumentPassages,
  type PassageDocument,
  type SharedWith,
} from "../../src/corpus/passages";

const seedsDir = fileURLToPath(new URL("../../seeds/", import.meta.url));
const seeds: PassageDocument[] = readdirSync(seedsDir)
  .filter((name) => name.endsWith(".txt"))
  .sort()
  .map((name) => ({ id: path.basename(name, ".txt"), text: readFileSync(path.join(seedsDir, name), "utf8") }));

const S000 = "000_7b4177b3914c6952";
const S001 = "001_9b23b38645758bcd";
const S002 = "002_0bec946113768599";
const S003 = "003_ea843f910fce1dea";
const S004 = "004_dc6718f12059daa3";

const found = sharedPassages(seeds);
const textOf = (id: string, documents: readonly PassageDocument[] = seeds) => documents.find((document) => document.id === id)!.text;
const keysOf = (text: string) => passageWords(text).map((word) => word.key);

/** What `id` shares with `otherId`, as found on the seeds. */
function between(id: string, otherId: string, result: readonly DocumentPassages[] = found): SharedWith {
  const shared = result.find((document) => document.id === id)?.sharedWith.find((other) => other.id === otherId);
  if (!shared) throw new Error(`${id} shares nothing with ${otherId}`);
  return shared;
}

/** The passages `id` shares with `otherId`: its own text and the other's, span by span. */
function passageTexts(id: string, otherId: string): { own: string; other: string }[] {
  return between(id, otherId).spans.map((span) => ({
    own: textOf(id).slice(span.start, span.end),
    other: textOf(otherId).slice(span.otherStart, span.otherEnd),
  }));
}

/** Every pair of documents that shares something, each once, as "a b". */
function sharingPairs(result: readonly DocumentPassages[]): string[] {
  return result.flatMap((document) => document.sharedWith.filter((other) => document.id < other.id).map((other) => `${document.id} ${other.id}`));
}

describe("the words passages are made of", () => {
  it("are the index's terms, stop words included, one per position", () => {
    expect(keysOf("The Kremlin discussed the cease-fire")).toEqual(["the", "kremlin", "discuss", "the", "ceas", "fire"]);
  });

  it("read a compound as its parts, so 'cease-fire' and 'cease fire' agree", () => {
    expect(keysOf("a cease-fire in U.S.-Russian talks")).toEqual(keysOf("a cease fire in U.S. Russian talks"));
  });

  it("agree across curly and straight quotes and apostrophes, case and glued sentences", () => {
    expect(keysOf("in Syria.The “business-like” Trump’s CALL")).toEqual(keysOf('in Syria. The "business-like" Trump\'s call'));
  });

  it("keep the offsets of the original text", () => {
    const text = "  “Syria.The  call”";
    expect(passageWords(text).map((word) => text.slice(word.start, word.end))).toEqual(["Syria", "The", "call"]);
  });

  it("stop at a stretch of encoded data, which no passage runs across", () => {
    const words = passageWords("safe zones QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0MTIz in Syria");
    expect(words.map((word) => word.key)).toEqual(["safe", "zone", null, "in", "syria"]);
  });
});

describe("the passage lengths", () => {
  it("are shingles of 8 words, winnowed in windows of 4, reporting runs of at least 11 words (winnowing's guarantee)", () => {
    expect([K, W, MIN_PASSAGE_WORDS]).toEqual([8, 4, 11]);
  });
});

describe("the seeds' shared passages", () => {
  it("link exactly 000 with 001, 000 and 001 with 003, and 002 with 004", () => {
    expect(sharingPairs(found)).toEqual([`${S000} ${S001}`, `${S000} ${S003}`, `${S001} ${S003}`, `${S002} ${S004}`]);
  });

  it("count every document's words and what it shares with each other document, largest first", () => {
    const table = found.map((document) => ({
      id: document.id,
      words: document.words,
      sharedWith: document.sharedWith.map((other) => [other.id, other.sharedWords, other.spans.length, other.nearCopy]),
    }));
    expect(table).toEqual([
      { id: S000, words: 353, sharedWith: [[S001, 323, 11, true], [S003, 15, 1, false]] },
      { id: S001, words: 595, sharedWith: [[S000, 323, 11, true], [S003, 15, 1, false]] },
      { id: S002, words: 601, sharedWith: [[S004, 13, 1, false]] },
      { id: S003, words: 501, sharedWith: [[S000, 15, 1, false], [S001, 15, 1, false]] },
      { id: S004, words: 359, sharedWith: [[S002, 13, 1, false]] },
    ]);
  });

  it("make 000 and 001 near-copies, one story in two versions, and no other pair", () => {
    const nearCopies = found.flatMap((document) => document.sharedWith.filter((other) => other.nearCopy).map((other) => `${document.id} ${other.id}`));
    expect(nearCopies).toEqual([`${S000} ${S001}`, `${S001} ${S000}`]);
  });

  it("find the White House readout in 000 and 001 only: 003 does not quote it", () => {
    const readout = "the two leaders discussed the creation of safe zones in Syria";
    const holding = passageTexts(S000, S001).filter(({ own }) => own.includes(readout));
    expect(holding).toHaveLength(1);
    expect(holding[0]!.other).toContain(readout);
    expect(textOf(S003)).not.toContain("safe zones");
  });

  it("link 000, 001 and 003 by one sentence, 15 words up to where 003 writes 'Russian Federation' for 'Russia'", () => {
    const sentence = "The U.S. action was accompanied by a dramatic shift in the Trump administration's rhetoric toward";
    expect(passageTexts(S003, S000)).toEqual([{ own: sentence, other: sentence }]);
    expect(passageTexts(S003, S001)).toEqual([{ own: sentence, other: sentence.replace("'", "’") }]);
    expect(between(S003, S000).spans[0]!.words).toBe(15);
    expect(textOf(S003)).toContain(`${sentence} Russian Federation, one of`);
  });

  it("link 002 (Reuters) and 004 (The Washington Times) by the White House statement both quote", () => {
    const statement = "spoke about how best to resolve the very dangerous situation in North Korea";
    expect(passageTexts(S002, S004)).toEqual([{ own: statement, other: statement }]);
    expect(passageTexts(S004, S002)).toEqual([{ own: statement, other: statement }]);
  });

  it("leave out 003's version of that statement, which says 'risky' for 'dangerous': 8 words in common, fewer than 11", () => {
    expect(textOf(S003)).toContain("spoke about how best to resolve the very risky situation in North Korea");
    expect(sharingPairs(found).some((pair) => pair.includes(S003) && pair.includes(S002))).toBe(false);
  });

  it("read across 000's glued sentences and straight quotes against 001's paragraphs and curly quotes", () => {
    const passages = passageTexts(S000, S001);
    expect(passages[0]!.own.endsWith("efforts on Syria.The")).toBe(true);
    expect(passages[0]!.other.endsWith("efforts on Syria.\n\nThe")).toBe(true);
    expect(passages[1]!.own.endsWith('the call as "business-like" and "constructive')).toBe(true);
    expect(passages[1]!.other.endsWith("the call as “business-like” and “constructive")).toBe(true);
  });

  it("list 000's passages with 001 in 000's order, and the same passages from 001's side in 001's order", () => {
    const fromOwn = between(S000, S001).spans;
    const fromOther = between(S001, S000).spans;
    expect(fromOwn.map((span) => span.start)).toEqual([...fromOwn.map((span) => span.start)].sort((a, b) => a - b));
    expect(fromOther.map((span) => span.start)).toEqual([...fromOther.map((span) => span.start)].sort((a, b) => a - b));
    const mirrored = fromOther.map((span) => ({ start: span.otherStart, end: span.otherEnd, otherStart: span.start, otherEnd: span.end, words: span.words }));
    expect(mirrored.sort((a, b) => a.start - b.start)).toEqual(fromOwn);
    // 001 moves the Russian news agency's paragraph up: the orders differ.
    expect(fromOther.map((span) => span.words)).toEqual([23, 52, 28, 16, 35, 31, 14, 34, 41, 37, 12]);
    expect(fromOwn.map((span) => span.words)).toEqual([23, 52, 16, 35, 31, 28, 14, 34, 41, 37, 12]);
  });

  it("report passages whose words are the same on both sides, as the index reads them", () => {
    for (const document of found) {
      for (const other of document.sharedWith) {
        for (const span of other.spans) {
          const own = keysOf(textOf(document.id).slice(span.start, span.end));
          expect(own).toHaveLength(span.words);
          expect(keysOf(textOf(other.id).slice(span.otherStart, span.otherEnd))).toEqual(own);
        }
      }
    }
  });

  it("are the same whatever the order of the documents", () => {
    const orders = [[4, 3, 2, 1, 0], [2, 0, 4, 1, 3], [1, 4, 0, 3, 2]];
    for (const order of orders) expect(sharedPassages(order.map((index) => seeds[index]!))).toEqual(found);
  });
});

describe("boilerplate", () => {
  const footer = "Please read our comment policy before commenting, and subscribe to the morning newsletter for more";
  const withFooter = (count: number) => Array.from({ length: count }, (_, k) => ({ id: `story-${k}`, text: `Story ${k} reports on desk ${k}. ${footer}.` }));

  it("shared by more documents than the cap is not reported", () => {
    expect(sharedPassages(withFooter(5), { maxDocumentsPerFingerprint: 4 })).toEqual([]);
  });

  it("shared by as many documents as the cap is reported, between every pair", () => {
    const documents = withFooter(4);
    const result = sharedPassages(documents, { maxDocumentsPerFingerprint: 4 });
    expect(sharingPairs(result)).toHaveLength(6);
    const span = between("story-0", "story-3", result).spans;
    expect(span).toHaveLength(1);
    expect(textOf("story-0", documents).slice(span[0]!.start, span[0]!.end)).toBe(footer);
  });

  it("is capped at 64 documents by default", () => {
    expect(sharedPassages(withFooter(64))).toHaveLength(64);
    expect(sharedPassages(withFooter(65))).toEqual([]);
  });
});

describe("the documents given", () => {
  it("must have unique ids", () => {
    expect(() => sharedPassages([{ id: "a", text: "one" }, { id: "a", text: "two" }])).toThrow(/two documents have the id "a"/);
  });

  it("may share nothing, or be none", () => {
    expect(sharedPassages([])).toEqual([]);
    expect(sharedPassages([{ id: "a", text: "safe zones in Syria" }, { id: "b", text: "safe zones in Syria" }])).toEqual([]);
  });
});
