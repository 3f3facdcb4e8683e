/**
 * The positional index answers "does this document hold this phrase?"
 * exactly as reading the text would, from shards that round-trip.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/search/analysis/tokenize";
import { findPhrase } from "../../src/search/phrase";
import { indexBatch } from "../../src/corpus/batch";
import { concatPostings, encodePositionsShard, fieldHasPhrase, PositionsShard } from "../../src/search/positions";

/** Builds positions for documents given as [title, text] and reads them back. */
function positionsOf(documents: [string, string][]) {
  const { terms } = indexBatch(documents.map(([title, text]) => ({ title, text, fields: "" })), 0);
  const shard = new PositionsShard(encodePositionsShard(terms.map(({ term, positions }) => [term, positions] as const)));
  return (term: string) => shard.positions(term);
}

const termsOf = (phrase: string) => tokenize(phrase).filter((token) => token.span === 1).map((token) => token.term!);

function holdsPhrase(positions: ReturnType<typeof positionsOf>, document: number, phrase: string, field: "title" | "text"): boolean {
  const fields = termsOf(phrase).map((term) => positions(term).get(document)?.[field]);
  return fields.every((one) => one !== undefined) && fieldHasPhrase(fields.map((one) => one!));
}

describe("the positional index", () => {
  const positions = positionsOf([
    ["Safe zones agreed", "Putin and Trump agreed on safe zones. The cease-fire talks went on."],
    ["Other news", "Zones that are safe; talks about a ceasefire."],
  ]);

  it("finds a phrase where its words stand side by side, in order, in the same field", () => {
    expect(holdsPhrase(positions, 0, "safe zones", "text")).toBe(true);
    expect(holdsPhrase(positions, 0, "safe zones", "title")).toBe(true);
    expect(holdsPhrase(positions, 1, "safe zones", "text")).toBe(false); // "zones that are safe"
    expect(holdsPhrase(positions, 0, "zones agreed", "text")).toBe(false); // only in the title
  });

  it("keeps stop words, so a phrase with them is checked where they stand", () => {
    expect(holdsPhrase(positions, 0, "agreed on safe", "text")).toBe(true);
    expect(holdsPhrase(positions, 0, "agreed to safe", "text")).toBe(false);
  });

  it("lets a compound's joined form span its parts", () => {
    const joined = ["ceasefir", "talk"].map((term) => positions(term).get(0)!.text);
    expect(fieldHasPhrase(joined)).toBe(true); // "ceasefire talks" finds "cease-fire talks"
    const parts = ["ceas", "fire", "talk"].map((term) => positions(term).get(0)!.text);
    expect(fieldHasPhrase(parts)).toBe(true);
  });

  it("joins a term's postings from consecutive batches of documents into the posting of all of them", () => {
    const documents = ["safe zones", "no match here", "zones are safe", "safe", "other safe zones"].map((text) => ({ title: "", text, fields: "" }));
    const safe = (terms: ReturnType<typeof indexBatch>["terms"]) => terms.find(({ term }) => term === "safe")!;
    const whole = safe(indexBatch(documents, 0).terms);
    const parts = [indexBatch(documents.slice(0, 3), 0), indexBatch(documents.slice(3), 3)].map(({ terms }) => safe(terms));
    const joined = concatPostings(parts.map(({ positions: posting, lastDocument }) => ({ posting, lastDocument })));
    expect([...joined]).toEqual([...whole.positions]);
  });

  it("walks a term's documents upwards with a cursor, finding each where the whole posting has it", () => {
    const WORDS = ["safe", "zones", "the", "cease-fire", "talks"];
    const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((words) => words.join(" "));
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 30 }), fc.array(fc.nat({ max: 35 }), { maxLength: 20 }), (documents, wanted) => {
        const { terms } = indexBatch(documents.map(([title, body]) => ({ title, text: body, fields: "" })), 0);
        const shard = new PositionsShard(encodePositionsShard(terms.map(({ term, positions }) => [term, positions] as const)));
        for (const term of ["safe", "zone", "the", "ceasefir", "nowhere"]) {
          const whole = shard.positions(term);
          const cursor = shard.cursor(term);
          for (const document of [...new Set(wanted)].sort((a, b) => a - b)) {
            const expected = whole.get(document);
            expect(cursor.seek(document)).toBe(expected !== undefined);
            if (expected) expect({ title: cursor.title, text: cursor.text }).toEqual(expected);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("reports a damaged posting as its reader says, when a cursor reaches it", () => {
    const damaged = new Error("damaged");
    const shard = new PositionsShard(encodePositionsShard([["safe", new Uint8Array([2, 0, 1])]]));
    expect(() => shard.cursor("safe", () => damaged).seek(5)).toThrow(damaged);
  });

  it("refuses a shard that does not add up", () => {
    expect(() => new PositionsShard(new Uint8Array([5, 1]))).toThrow(RangeError);
  });

  it("agrees with reading the text for any text and any phrase (property)", () => {
    const word = fc.constantFrom("safe", "zones", "the", "of", "cease-fire", "ceasefire", "talks", "U.S.", "us", "Putin", "agreed");
    const text = fc.array(word, { minLength: 1, maxLength: 30 }).map((words) => words.join(" "));
    const phrase = fc.array(fc.constantFrom("safe", "zones", "the", "of", "cease", "fire", "ceasefire", "talks", "us", "putin", "agreed"), { minLength: 2, maxLength: 4 });
    fc.assert(
      fc.property(text, phrase, (body, words) => {
        const placed = positionsOf([["", body]]);
        const terms = termsOf(words.join(" "));
        const fields = terms.map((term) => placed(term).get(0)?.text);
        const byPositions = fields.every((field) => field !== undefined) && fieldHasPhrase(fields.map((field) => field!));
        const byReading = findPhrase(tokenize(body), terms).length > 0;
        expect(byPositions).toBe(byReading);
      }),
      { numRuns: 300 },
    );
  });
});
