/** What the browser tests' global setup (server.ts) hands to the tests. */
declare module "vitest" {
  export interface ProvidedContext {
    /** Where `wrangler dev` serves the test corpus, e.g. http://127.0.0.1:41234. */
    baseUrl: string;
  }
}

export {};
