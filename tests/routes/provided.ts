/** What the Worker tests' global setup (build-seeds.ts) hands to the tests. */
/** Asset path ("/_artifact/…") → the file's bytes in base64 (provide() takes JSON values). */
export type ArtifactFiles = Record<string, string>;

/** A corpus built whole, and split: each split's router assets (router.json) and its shards' artifacts. */
export interface ShardedCorpus {
  whole: ArtifactFiles;
  splits: Record<string, { router: ArtifactFiles; shards: ArtifactFiles[] }>;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The artifact files of a small nested corpus, built from real files. */
    nestedArtifact: ArtifactFiles;
    /**
     * The artifact files of seven short documents dated at every precision
     * (2016, 2017-03, 2017-04, 2017-05-02 twice, 2017-05-02T14:30:00Z, one
     * undated) in sources wire, blog and unknown, with Café, Merkel’s,
     * Japanese and Thai text for the analysis tests.
     */
    datedArtifact: ArtifactFiles;
    /** The artifact of documents that each test one ranking or typo rule. */
    rankingArtifact: ArtifactFiles;
    /** The artifact of examples/mixed-corpus: Markdown, HTML, text and JSON records with authors and tags. */
    mixedArtifact: ArtifactFiles;
    /** The artifact of a catalogue titled with names: the packages in node_modules, with their descriptions and READMEs. */
    catalogueArtifact: ArtifactFiles;
    /** A generated corpus of 80 documents (dates, sources, tags), whole and split into 2 and 5 shards. */
    shardedCorpus: ShardedCorpus;
  }
}

