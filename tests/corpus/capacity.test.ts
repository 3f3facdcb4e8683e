/** The build warns before deploying what Workers refuse or one isolate serves badly. */
import { describe, expect, it } from "vitest";
import type { BuiltArtifact } from "../../src/corpus/build";
import { ASSET_LIMITS, capacityWarnings, COMFORTABLE_INDEX_BYTES } from "../../src/corpus/capacity";

/** An artifact whose files have these sizes (index.json first). */
function artifactOf(indexBytes: number, others: number[] = []): BuiltArtifact {
  const build = "0123456789abcdef";
  const files = new Map<string, Uint8Array>([[`/_artifact/${build}/index.json`, new Uint8Array(indexBytes)]]);
  others.forEach((bytes, n) => files.set(`/_artifact/${build}/text/${n}.json`, new Uint8Array(bytes)));
  return { build, files, manifest: new Uint8Array(40), index: {} as BuiltArtifact["index"] };
}

describe("capacityWarnings", () => {
  it("says nothing about an artifact within every limit", () => {
    expect(capacityWarnings(artifactOf(COMFORTABLE_INDEX_BYTES, [64 * 1024]))).toEqual([]);
  });

  it("warns when index.json is past what one isolate loads comfortably, with the numbers", () => {
    const [warning] = capacityWarnings(artifactOf(COMFORTABLE_INDEX_BYTES + 1));
    expect(warning).toMatch(/^the index is 8\.0 MiB, past the 8\.0 MiB one Worker isolate loads comfortably/);
  });

  it("warns about a file over the static-asset limit, naming it", () => {
    const warnings = capacityWarnings(artifactOf(1024, [ASSET_LIMITS.fileBytes + 1]));
    expect(warnings).toEqual([expect.stringMatching(/^\/_artifact\/0123456789abcdef\/text\/0\.json is 25\.0 MiB; .* will refuse it$/)]);
  });

  it("warns about more files than a Worker version may have", () => {
    const warnings = capacityWarnings(artifactOf(1024, Array<number>(ASSET_LIMITS.files).fill(1)));
    expect(warnings).toEqual([expect.stringMatching(/^the artifact has 20002 files; .* at most 20000 per version/)]);
  });
});
