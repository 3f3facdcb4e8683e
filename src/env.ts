import type { SearchIndex } from "./search/load";

/** The Worker's bindings (wrangler.toml) and per-request variables. */
export interface AppEnv {
  Bindings: {
    /** Workers Static Assets: holds the search artifact. */
    ASSETS: Fetcher;
  };
  Variables: {
    searchIndex: SearchIndex;
  };
}
