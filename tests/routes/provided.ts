/** What the Worker tests' global setup (build-seeds.ts) hands to the tests. */
declare module "vitest" {
  export interface ProvidedContext {
    /** The artifact JSON of a small nested corpus, built from real files. */
    nestedArtifact: string;
  }
}

export {};
