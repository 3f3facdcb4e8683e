import { describe, expect, it } from "vitest";
import { ApiError } from "../../src/errors";
import { parseSearchRequest } from "../../src/search/query";

const parse = (query: string) => parseSearchRequest(new URLSearchParams(query));

function errorOf(query: string): { code: string; message: string } {
  try {
    parse(query);
  } catch (error) {
    if (error instanceof ApiError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error(`"${query}" was accepted`);
}

describe("parseSearchRequest", () => {
  it("applies the defaults", () => {
    expect(parse("")).toEqual({ q: "", sources: [], limit: 10, offset: 0 });
  });

  it("trims q and collects repeated sources once each", () => {
    expect(parse("q=+safe+zones+&source=A&source=B&source=A&limit=100&offset=1000")).toEqual({
      q: "safe zones",
      sources: ["A", "B"],
      limit: 100,
      offset: 1000,
    });
  });

  it("counts the length of q in characters (code points), after trimming", () => {
    const emoji = "😀".repeat(256); // 512 UTF-16 units
    expect(parse(`q=${encodeURIComponent(emoji)}`).q).toBe(emoji);
    expect(parse(`q=${"+".repeat(300)}${"a".repeat(256)}`).q).toBe("a".repeat(256));
    expect(errorOf(`q=${encodeURIComponent("😀".repeat(257))}`)).toEqual({
      code: "query_too_long",
      message: "q must be at most 256 characters",
    });
  });

  it("rejects values out of range instead of clamping them", () => {
    expect(errorOf("limit=101").code).toBe("invalid_parameter");
    expect(errorOf("offset=1001").code).toBe("invalid_parameter");
  });

  it("accepts leading zeros in integers", () => {
    expect(parse("limit=0010&offset=0000000000")).toMatchObject({ limit: 10, offset: 0 });
  });

  it("counts repeated source values once against the limit of 10", () => {
    expect(parse(Array.from({ length: 11 }, () => "source=A").join("&")).sources).toEqual(["A"]);
    expect(errorOf(Array.from({ length: 11 }, (_, i) => `source=S${i}`).join("&")).code).toBe("invalid_parameter");
  });

  it("names a parameter with an empty name", () => {
    expect(errorOf("=x")).toEqual({ code: "unknown_parameter", message: 'unknown parameter: ""' });
  });

  it("names every unknown parameter", () => {
    expect(errorOf("sources=A&page=2")).toEqual({ code: "unknown_parameter", message: "unknown parameters: sources, page" });
  });
});
