/** The build warns before deploying what Workers refuse or one isolate serves badly. */
import { describe, expect, it } from "vitest";
import { ASSET_LIMITS, capacityWarnings, COMFORTABLE_START_BYTES } from "../../src/corpus/capacity";

/** A build's files: the start-up files (meta.json, documents.bin) and others of these sizes. */
function artifactOf(startBytes: number, others: number[] = []): [string, number][] {
  return [["meta.json", 1024], ["documents.bin", startBytes - 1024], ...others.map((bytes, n): [string, number] => [`text/${n}.json`, bytes])];
}

describe("capacityWarnings", () => {
  it("says nothing about an artifact within every limit", () => {
    expect(capacityWarnings(artifactOf(COMFORTABLE_START_BYTES, [64 * 1024]))).toEqual([]);
  });

  it("warns when an isolate would read more at start than it keeps comfortably, with the numbers", () => {
    const [warning] = capacityWarnings(artifactOf(COMFORTABLE_START_BYTES + 1));
    expect(warning).toMatch(/^an isolate reads 24\.0 MiB at start, past the 24\.0 MiB one Worker isolate keeps comfortably/);
  });

  it("warns about a file over the static-asset limit, naming it", () => {
    const warnings = capacityWarnings(artifactOf(2048, [ASSET_LIMITS.fileBytes + 1]));
    expect(warnings).toEqual([expect.stringMatching(/^text\/0\.json is 25\.0 MiB; .* will refuse it$/)]);
  });

  it("names the free plan's file limit when only a paid plan can deploy the artifact", () => {
    const warnings = capacityWarnings(artifactOf(2048, Array<number>(ASSET_LIMITS.freeFiles).fill(1)));
    expect(warnings).toEqual([expect.stringMatching(/^the artifact has 20003 files; .* at most 20000 per version on the free plan \(100000 on paid plans\)/)]);
  });

  it("says deploying is refused past the paid plans' file limit", () => {
    const warnings = capacityWarnings(artifactOf(2048, Array<number>(ASSET_LIMITS.paidFiles).fill(1)));
    expect(warnings).toEqual([expect.stringMatching(/^the artifact has 100003 files; .* at most 100000 per version on paid plans, so `wrangler deploy` will refuse it/)]);
  });
});
