/**
 * What one Worker can serve, checked at build time so a corpus that is too
 * big for it is known before deploying. The numbers come from `npm run
 * bench` (the README's capacity table).
 */
import { artifactPaths } from "../search/artifact";
import type { BuiltArtifact } from "./build";

/** Workers Static Assets on the free plan: files per version, and bytes per file. */
export const ASSET_LIMITS = { files: 20_000, fileBytes: 25 * 1024 * 1024 } as const;

/**
 * The largest index.json an isolate loads with margin to spare: a first
 * search within about half of its 1 s start, and heap within half of its
 * 128 MB. Measured in workerd (npm run bench at e4ceb1e, 2026-11-22):
 * 3.5 MiB took 203 ms and 17.5 MiB of heap, 11.9 MiB took 699 ms and
 * 46.9 MiB; so about 60 ms and 3.5 MiB of heap per MiB, and the first
 * search is the bound.
 */
export const COMFORTABLE_INDEX_BYTES = 8 * 1024 * 1024;

/** Warnings for an artifact past what Workers accept or what one isolate serves well. */
export function capacityWarnings(artifact: BuiltArtifact): string[] {
  const warnings: string[] = [];
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  const files = artifact.files.size + 1;
  if (files > ASSET_LIMITS.files) {
    warnings.push(`the artifact has ${files} files; Workers Static Assets takes at most ${ASSET_LIMITS.files} per version, so \`wrangler deploy\` will refuse it`);
  }
  for (const [path, bytes] of artifact.files) {
    if (bytes.length > ASSET_LIMITS.fileBytes) {
      warnings.push(`${path} is ${mib(bytes.length)}; Workers Static Assets takes at most ${mib(ASSET_LIMITS.fileBytes)} per file, so \`wrangler deploy\` will refuse it`);
    }
  }
  const index = artifact.files.get(artifactPaths.index(artifact.build))!.length;
  if (index > COMFORTABLE_INDEX_BYTES) {
    warnings.push(
      `the index is ${mib(index)}, past the ${mib(COMFORTABLE_INDEX_BYTES)} one Worker isolate loads comfortably ` +
        "(128 MB of memory, 1 s to start): expect slow first searches and out-of-memory restarts; see the README's capacity table",
    );
  }
  return warnings;
}
