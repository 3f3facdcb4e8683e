/** The Worker's bindings, as wrangler.toml declares them. */
export interface Bindings {
  /** Workers Static Assets: holds the search artifact. */
  ASSETS: Fetcher;
}

/** Hono's environment for this app. */
export interface AppEnv {
  Bindings: Bindings;
}
