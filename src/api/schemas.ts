/**
 * The shapes of the API's responses, as strict zod schemas (no field more,
 * none less): the OpenAPI document
 * is generated from them (with the request schemas of src/search/query.ts),
 * the routes' bodies are typed by them, and the tests check real responses
 * against them. Examples are real answers from the seed corpus.
 */
import { z } from "zod";
import { ERRORS, type ErrorCode } from "../errors";
import { LIMITS } from "../limits";

const REUTERS_HIT = {
  id: "002_0bec946113768599",
  title: "U.S. President Donald Trump and Russian President Vladimir Putin on Tuesday moved to ease the tension from U.S. air strikes in April against Russian ally Syria…",
  titleHtml: "U.S. President Donald Trump and Russian President Vladimir Putin on Tuesday moved to ease the tension from U.S. air strikes in April against Russian ally Syria…",
  source: "Reuters",
  date: null,
  url: null,
  fields: { evidence: "dateline 'WASHINGTON/MOSCOW (Reuters) -' opening the article" },
  score: 1.172,
  snippet:
    "…strikes in April against Russian ally Syria, expressing a desire for a Syrian ceasefire and <mark>safe</mark> " +
    "<mark>zones</mark> for the civil war’s refugees.\nThe two leaders spoke by phone for the first time since U.S.…",
  alsoIn: [],
};

const fieldsSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.array(z.string())]))
  .meta({
    description: "The document's other metadata (front matter, manifest, HTML <meta>), by name: text, a number or a list of texts",
    example: { author: "Jane Doe", tags: ["solar", "policy"] },
  });

const valueCounts = z
  .record(z.string(), z.int().nonnegative())
  .meta({ description: `Documents per value, most first (at most ${LIMITS.facetValues} values)`, example: { solar: 12, policy: 7 } });

const sourceCounts = z
  .record(z.string(), z.int().nonnegative())
  .meta({ description: "Documents per source, most first", example: { unknown: 2, Reuters: 1, "The Washington Times": 1 } });

const documentNamed = {
  id: z.string(),
  source: z.string(),
  title: z.string(),
};

const sharedSpanSchema = z
  .strictObject({
    start: z.int().nonnegative().meta({ description: "UTF-16 offset of the passage's first word in this document's text" }),
    end: z.int().nonnegative().meta({ description: "UTF-16 offset just past its last word" }),
    otherStart: z.int().nonnegative().meta({ description: "The same passage's start in the other document's text" }),
    otherEnd: z.int().nonnegative(),
    words: z.int().positive().meta({ description: "Words in the passage, as the index reads words (at least 11)" }),
  })
  .meta({ id: "SharedSpan" });

const relatedSchema = z
  .strictObject({
    ...documentNamed,
    nearCopy: z.boolean().meta({ description: "Shared passages cover at least half of one of the two: versions of one text" }),
    sharedWords: z.int().positive().meta({ description: "Words of this document inside a shared passage" }),
    spans: z.array(sharedSpanSchema).meta({ description: "The shared passages, by start in this document (at most 32, the longest)" }),
  })
  .meta({ id: "Related" });

export const hitSchema = z
  .strictObject({
    id: z.string().meta({ description: "The document's id: its path in the corpus, without extension" }),
    title: z.string(),
    titleHtml: z.string().meta({ description: "The title, HTML-escaped, the query's words in <mark> as in the snippet; safe to insert as HTML" }),
    source: z.string().meta({ description: 'The facet value: an outlet, a folder, or "unknown"' }),
    date: z.string().nullable().meta({ description: "ISO 8601 at the precision the corpus gave (2017, 2017-05, 2017-05-02, a timestamp), or null" }),
    url: z.string().nullable(),
    fields: fieldsSchema,
    score: z.number().meta({ description: "BM25+ relevance; 0 when browsing" }),
    snippet: z.string().meta({
      description: "The best passage, HTML-escaped, matched words in <mark>; safe to insert as HTML",
    }),
    alsoIn: z.array(z.strictObject(documentNamed)).meta({
      description:
        "Other documents that carry what the snippet shows (they share a passage of at least 11 words overlapping it) or the whole story (near-copies): at most 3, most shared first. " +
        "GET /documents/{id}/compare/{other} shows the two side by side.",
    }),
    copies: z
      .array(z.strictObject({ id: z.string(), source: z.string() }))
      .optional()
      .meta({ description: "Only with collapse=copies: the near-copies folded into this hit that matched too, best first (at most 10)" }),
    copyCount: z.int().nonnegative().optional().meta({ description: "Only with collapse=copies: how many near-copies were folded into this hit" }),
  })
  .meta({ id: "Hit", example: REUTERS_HIT });

export const searchResponseSchema = z
  .strictObject({
    query: z.string().meta({ description: "q as searched (trimmed, without ignoredWords)" }),
    ignoredWords: z
      .array(z.string())
      .meta({ description: `Words typed past the ${LIMITS.queryTerms}th to look up, left out of the search rather than failing it, as typed; empty when none` }),
    total: z.int().nonnegative().meta({ description: "Every matching document after the source filter, not just this page" }),
    tookMs: z.number().nonnegative().meta({ description: "Time spent searching; reads 0 on Cloudflare's edge, where the clock stands still during computation" }),
    relaxed: z.boolean().meta({ description: "No document had every word: the hits match some of them" }),
    didYouMean: z.string().nullable().meta({ description: "A corrected query that finds more, or null" }),
    hits: z.array(hitSchema),
    facets: z
      .strictObject({
        source: sourceCounts.meta({ description: "Matching documents per source, ignoring the source filter itself (disjunctive)" }),
      })
      .catchall(valueCounts)
      .meta({
        description:
          "Per facet: source, date (by year, when the corpus has dates) and each facet field (tags by default), each counted ignoring its own filter (disjunctive)",
      }),
    partial: z.boolean().optional().meta({ description: "Only with partial=true: some shards did not answer, and these results are the others' (missingShards names them)" }),
    missingShards: z
      .array(z.int().nonnegative())
      .optional()
      .meta({ description: "Only with partial=true: the shards (by number) whose documents are not in this answer; empty when every shard answered" }),
  })
  .meta({
    id: "SearchResponse",
    example: {
      query: "safe zones",
      ignoredWords: [],
      total: 4,
      tookMs: 3,
      relaxed: false,
      didYouMean: null,
      hits: [REUTERS_HIT],
      facets: { source: { unknown: 2, Reuters: 1, "The Washington Times": 1 }, date: { "2017": 1 } },
    },
  });

export const suggestResponseSchema = z
  .strictObject({
    query: z.string(),
    suggestions: z.array(
      z.strictObject({
        text: z.string().meta({ description: "The query with its last word completed, as the corpus spells it" }),
        documents: z.int().positive().meta({ description: "Documents the suggested query finds" }),
      }),
    ),
  })
  .meta({
    id: "SuggestResponse",
    example: {
      query: "trump pres",
      suggestions: [
        { text: "trump president", documents: 5 },
        { text: "trump presidential", documents: 4 },
      ],
    },
  });

export const documentSchema = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    source: z.string(),
    date: z.string().nullable(),
    url: z.string().nullable(),
    fields: fieldsSchema,
    text: z.string().meta({ description: "The full text" }),
    related: z.array(relatedSchema).meta({
      description: "Documents sharing passages of at least 11 words with this one, most shared first (at most 8), with where the passages stand in both texts",
    }),
  })
  .meta({
    id: "Document",
    example: {
      id: "004_dc6718f12059daa3",
      title: "President Trump and Russian President Vladimir Putin agreed in a phone call Tuesday to work together to end the civil war in Syria, according to the White House…",
      source: "The Washington Times",
      date: null,
      url: null,
      fields: { evidence: "byline 'S.A. Miller can be reached at smiller@washingtontimes.com' (washingtontimes.com e-mail domain)" },
      text: "President Trump and Russian President Vladimir Putin agreed in a phone call Tuesday to work together…",
      related: [
        {
          id: "002_0bec946113768599",
          source: "Reuters",
          title: "U.S. President Donald Trump and Russian President Vladimir Putin on Tuesday moved to ease the tension from U.S. air strikes in April against Russian ally Syria…",
          nearCopy: false,
          sharedWords: 13,
          spans: [{ start: 1601, end: 1676, otherStart: 2803, otherEnd: 2878, words: 13 }],
        },
      ],
    },
  });

const comparedSchema = z.strictObject({ ...documentNamed, date: z.string().nullable(), text: z.string() });

export const compareResponseSchema = z
  .strictObject({
    document: comparedSchema,
    other: comparedSchema,
    nearCopy: z.boolean().meta({ description: "Versions of one text (see Related)" }),
    spans: z.array(sharedSpanSchema).meta({
      description:
        "The shared passages, by start in document.text (otherStart/otherEnd in other.text); empty when the two share none, or when neither lists the other among its 8 most shared",
    }),
  })
  .meta({ id: "CompareResponse" });

export const sourcesResponseSchema = z
  .strictObject({ sources: z.array(z.strictObject({ name: z.string(), documents: z.int().positive() })) })
  .meta({
    id: "SourcesResponse",
    example: { sources: [{ name: "unknown", documents: 3 }, { name: "Reuters", documents: 1 }, { name: "The Washington Times", documents: 1 }] },
  });

export const healthResponseSchema = z
  .strictObject({
    status: z.literal("ok"),
    documents: z.int().nonnegative(),
    index: z.strictObject({
      documents: z.int().nonnegative(),
      sources: sourceCounts,
      contentHash: z.string().meta({ description: "SHA-256 over every corpus file's path and bytes" }),
      buildVersion: z.string(),
      artifactFormat: z.int(),
      analysisVersion: z.int(),
    }),
    shards: z
      .array(z.strictObject({ shard: z.int().nonnegative(), documents: z.int().nonnegative(), build: z.string() }))
      .optional()
      .meta({ description: "For a corpus split into shards: each shard, checked now (every one answered with the build the router expects)" }),
  })
  .meta({ id: "HealthResponse" });

const errorCodes = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]];

export const errorResponseSchema = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(errorCodes).meta({ description: "Stable: test on this, not on the message" }),
      message: z.string().meta({ description: "What is wrong and how to fix it, for people" }),
    }),
  })
  .meta({ id: "Error", example: { error: { code: "invalid_parameter", message: "limit must be an integer from 1 to 100" } } });

export type SearchResponse = z.infer<typeof searchResponseSchema>;
export type SuggestResponse = z.infer<typeof suggestResponseSchema>;
export type DocumentResponse = z.infer<typeof documentSchema>;
export type CompareResponse = z.infer<typeof compareResponseSchema>;
export type SourcesResponse = z.infer<typeof sourcesResponseSchema>;
export type HealthResponse = z.infer<typeof healthResponseSchema>;
