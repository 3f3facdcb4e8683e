/**
 * What one Worker can serve, checked at build time so a corpus that is too
 * big for it is known before deploying.
 */

/**
 * Workers Static Assets: files per Worker version on the free and paid
 * plans, and bytes per file (developers.cloudflare.com/workers/platform/limits).
 */
export const ASSET_LIMITS = { freeFiles: 20_000, paidFiles: 100_000, fileBytes: 25 * 1024 * 1024 } as const;

/**
 * The most an isolate should read at start (meta.json and documents.bin):
 * they stay in its 128 MB for good, beside the caches of blocks queries
 * read (about 50 MiB at most, see load.ts).
 */
export const COMFORTABLE_START_BYTES = 24 * 1024 * 1024;

/** The files an isolate reads at start, besides the manifest (see load.ts). */
const START_FILES = new Set(["meta.json", "documents.bin"]);

/** Warnings for a build's files ([name within the build folder, bytes]) past what Workers accept or what one isolate serves well. */
export function capacityWarnings(artifact: readonly (readonly [name: string, bytes: number])[]): string[] {
  const warnings: string[] = [];
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  // The build's files and the manifest.
  const files = artifact.length + 1;
  if (files > ASSET_LIMITS.paidFiles) {
    warnings.push(
      `the artifact has ${files} files; Workers Static Assets takes at most ${ASSET_LIMITS.paidFiles} per version on paid plans, ` +
        "so `wrangler deploy` will refuse it",
    );
  } else if (files > ASSET_LIMITS.freeFiles) {
    warnings.push(
      `the artifact has ${files} files; Workers Static Assets takes at most ${ASSET_LIMITS.freeFiles} per version on the free plan ` +
        `(${ASSET_LIMITS.paidFiles} on paid plans), so deploying it needs a paid plan`,
    );
  }
  for (const [name, bytes] of artifact) {
    if (bytes > ASSET_LIMITS.fileBytes) {
      warnings.push(`${name} is ${mib(bytes)}; Workers Static Assets takes at most ${mib(ASSET_LIMITS.fileBytes)} per file, so \`wrangler deploy\` will refuse it`);
    }
  }
  const start = artifact.filter(([name]) => START_FILES.has(name)).reduce((sum, [, bytes]) => sum + bytes, 0);
  if (start > COMFORTABLE_START_BYTES) {
    warnings.push(
      `an isolate reads ${mib(start)} at start, past the ${mib(COMFORTABLE_START_BYTES)} one Worker isolate keeps comfortably ` +
        "(128 MB of memory): expect out-of-memory restarts; see the README's capacity table",
    );
  }
  return warnings;
}

/**
 * What one shard serves, for `--shards auto`, from the 250,000-e-mail
 * measurements in the README: an isolate's heap peaked at 17.9 MiB and a
 * random query took 32 ms at the median and 257 ms at p99, where a million
 * documents in one Worker peaked at 60.3 MiB and took 132 / 1,097 ms.
 * At most 31 shards: a request may invoke 32 Workers (the router and 31
 * shards over service bindings; Cloudflare's Workers limits).
 */
export const SHARD_CAPACITY = { documents: 250_000, maxShards: 31 } as const;

/** The shards `--shards auto` splits a corpus of this many documents into. */
export function shardCountFor(documents: number): number {
  return Math.min(SHARD_CAPACITY.maxShards, Math.max(1, Math.ceil(documents / SHARD_CAPACITY.documents)));
}
