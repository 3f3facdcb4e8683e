/** A stop word's bitset decoded the fast way (set bits found with clz32) against testing every bit. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBitset } from "../../src/search/stop-words-index";

function simpleWay(bytes: Uint8Array, documentCount: number): number[] {
  const positions: number[] = [];
  for (let position = 0; position < documentCount; position++) if (bytes[position >> 3]! & (1 << (position & 7))) positions.push(position);
  return positions;
}

describe("decodeBitset", () => {
  it("gives every set bit's document, ascending, and none past the corpus", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat({ max: 8 }), (bytes, short) => {
        // The last byte may hold bits past the last document (set only by damage): they are no documents.
        const documentCount = Math.max(0, bytes.length * 8 - short);
        expect([...decodeBitset(bytes, documentCount)]).toEqual(simpleWay(bytes, documentCount));
      }),
      { numRuns: 500 },
    );
  });
});
