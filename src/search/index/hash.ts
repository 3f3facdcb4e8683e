/** FNV-1a's starting value. */
export const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a over `text`'s UTF-16 units, going on from `hash`: the same in Node and workerd. */
export function fnv1a(text: string, hash = FNV_OFFSET): number {
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash;
}

/** MurmurHash3's finishing mix (fmix32): every bit of the input moves every bit of the result. */
export function fmix32(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** The bucket a key falls in: FNV-1a over its UTF-16 units. */
export function bucketOf(key: string, buckets: number): number {
  return (fnv1a(key) >>> 0) % buckets;
}

/**
 * The shard that holds a document, by its id (in NFC, as ids are stored):
 * FNV-1a finished with MurmurHash3's mixing step, so the split does not
 * follow bucketOf's (a shard's ids then spread over all of its own id
 * buckets). Stable: the same id goes to the same shard in every build.
 */
export function shardOf(id: string, shards: number): number {
  return fmix32(fnv1a(id)) % shards;
}
