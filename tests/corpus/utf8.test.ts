import { describe, expect, it } from "vitest";
import { firstInvalidUtf8Offset } from "../../src/corpus/utf8";

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...values: number[]) => new Uint8Array(values);

describe("firstInvalidUtf8Offset", () => {
  it("returns -1 for an empty file", () => {
    expect(firstInvalidUtf8Offset(bytes())).toBe(-1);
  });

  it("returns -1 for ASCII text", () => {
    expect(firstInvalidUtf8Offset(utf8("The Kremlin says, 2017-05-02.\n"))).toBe(-1);
  });

  it("returns -1 for two- and three-byte characters", () => {
    expect(firstInvalidUtf8Offset(utf8("café — Путин — 日本語"))).toBe(-1);
  });

  it("returns -1 for four-byte characters such as emoji", () => {
    expect(firstInvalidUtf8Offset(utf8("ok 😀 🇺🇸"))).toBe(-1);
  });

  it("returns -1 for the code points at the edges of the valid ranges", () => {
    // U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF
    expect(firstInvalidUtf8Offset(bytes(0xc2, 0x80, 0xdf, 0xbf))).toBe(-1);
    expect(firstInvalidUtf8Offset(bytes(0xe0, 0xa0, 0x80, 0xed, 0x9f, 0xbf, 0xee, 0x80, 0x80, 0xef, 0xbf, 0xbf))).toBe(-1);
    expect(firstInvalidUtf8Offset(bytes(0xf0, 0x90, 0x80, 0x80, 0xf4, 0x8f, 0xbf, 0xbf))).toBe(-1);
  });

  it("points at a lone continuation byte", () => {
    expect(firstInvalidUtf8Offset(bytes(0x61, 0x62, 0x80, 0x63))).toBe(2);
  });

  it("points at the start of a sequence truncated by the end of the file", () => {
    expect(firstInvalidUtf8Offset(bytes(0x61, 0x62, 0xe2, 0x82))).toBe(2);
    expect(firstInvalidUtf8Offset(bytes(0x61, 0xf0, 0x9f, 0x98))).toBe(1);
    expect(firstInvalidUtf8Offset(bytes(0x61, 0xc3))).toBe(1);
  });

  it("points at the start of a sequence cut short by an ASCII byte", () => {
    expect(firstInvalidUtf8Offset(bytes(0x61, 0xe2, 0x82, 0x41, 0x42))).toBe(1);
  });

  it("points at a two-byte overlong encoding (C0 80)", () => {
    expect(firstInvalidUtf8Offset(bytes(0x41, 0xc0, 0x80))).toBe(1);
    expect(firstInvalidUtf8Offset(bytes(0x41, 0xc1, 0xbf))).toBe(1);
  });

  it("points at a three-byte overlong encoding (E0 80 80)", () => {
    expect(firstInvalidUtf8Offset(bytes(0x41, 0x42, 0xe0, 0x80, 0x80))).toBe(2);
  });

  it("points at a four-byte overlong encoding (F0 80 80 80)", () => {
    expect(firstInvalidUtf8Offset(bytes(0xf0, 0x80, 0x80, 0x80))).toBe(0);
  });

  it("points at a UTF-16 surrogate encoded as UTF-8 (ED A0 80)", () => {
    expect(firstInvalidUtf8Offset(bytes(0x78, 0xed, 0xa0, 0x80))).toBe(1);
    expect(firstInvalidUtf8Offset(bytes(0x78, 0x79, 0x7a, 0xed, 0xbf, 0xbf))).toBe(3);
  });

  it("points at a code point above U+10FFFF (F4 90 80 80)", () => {
    expect(firstInvalidUtf8Offset(bytes(0x20, 0xf4, 0x90, 0x80, 0x80))).toBe(1);
  });

  it("points at an invalid lead byte (F5 and above)", () => {
    expect(firstInvalidUtf8Offset(bytes(0x61, 0x62, 0x63, 0xf5, 0x80, 0x80, 0x80))).toBe(3);
    expect(firstInvalidUtf8Offset(bytes(0xff))).toBe(0);
  });

  it("counts the offset in bytes, after multibyte characters", () => {
    // "é" is 2 bytes and "😀" 4, so the stray byte is at 1 + 2 + 4 = 7.
    const text = utf8("aé😀");
    expect(firstInvalidUtf8Offset(bytes(...text, 0x80))).toBe(7);
  });

  it("reports only the first of several invalid sequences", () => {
    expect(firstInvalidUtf8Offset(bytes(0x61, 0xff, 0x62, 0xc0, 0x80))).toBe(1);
  });

  it("agrees with TextDecoder's fatal mode on every input of one or two bytes", () => {
    const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    const isValid = (input: Uint8Array) => {
      try {
        decoder.decode(input);
        return true;
      } catch {
        return false;
      }
    };
    const disagreements: string[] = [];
    for (let first = 0; first < 256; first++) {
      const one = bytes(first);
      if ((firstInvalidUtf8Offset(one) === -1) !== isValid(one)) disagreements.push(first.toString(16));
      for (let second = 0; second < 256; second++) {
        const two = bytes(first, second);
        if ((firstInvalidUtf8Offset(two) === -1) !== isValid(two)) {
          disagreements.push(`${first.toString(16)} ${second.toString(16)}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});
