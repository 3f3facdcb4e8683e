/** The Worker's bindings, as wrangler.toml declares them. */
export interface Bindings {
  /** Workers Static Assets: holds the search artifact (a router's: router.json and the site's files). */
  ASSETS: Fetcher;
  /**
   * A router's shard Workers (service bindings SHARD_0, SHARD_1…, written by
   * `npm run build:index -- --shards N`); none for a corpus in one piece.
   */
  [shard: `SHARD_${number}`]: Fetcher | undefined;
  /** The API key every API route then asks for (a secret: `wrangler secret put SEARCH_API_KEY`); unset: public. */
  SEARCH_API_KEY?: string;
  /** The uid of the one index the Meilisearch routes serve (default "corpus"). */
  INDEX_UID?: string;
  /** How long a router waits for a shard, in milliseconds (default 5000). */
  SHARD_DEADLINE_MS?: string;
}

/** Hono's environment for this app. */
export interface AppEnv {
  Bindings: Bindings;
}
