/**
 * Generated corpora and requests for the property tests: words that share
 * prefixes, differ by a typo, stem together, join into compounds, are stop
 * words, or are written in scripts without spaces; and queries of every
 * kind the API accepts, typed as people type them.
 */
import fc from "fast-check";
import type { StoredDocument } from "../../src/search/artifact";

// Words that share prefixes, differ by a typo, stem together, join into
// compounds, are stop words, or are written in scripts without spaces.
export const WORDS = [
  "safe", "safety", "safer", "zones", "zone", "zoning", "syria", "syrian", "putin", "puttin", "trump", "trumpet",
  "president", "presidential", "press", "previous", "cease-fire", "ceasefire", "U.S.-Russian", "russia", "Russia’s",
  "café", "cafe", "agreed", "agree", "talks", "talk", "leaders", "the", "of", "and", "to", "杭州", "桑拿", "2017",
  "Watergate", "water", "gate", "during", "secure", "security", "kremlin", "readout", "phone", "call", "calls",
];
const SOURCES = ["Reuters", "AP", "The Washington Times", "unknown"];
const DATES = [null, "2017", "2017-05", "2017-05-02", "2017-05-03T10:00:00Z", "2016-12-31"];

const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 14 }).map((words) => words.join(" "));
export const corpus = fc
  .array(
    fc.record({
      title: sentence,
      text: fc.array(sentence, { minLength: 1, maxLength: 6 }).map((sentences) => `${sentences.join(". ")}.`),
      source: fc.constantFrom(...SOURCES),
      date: fc.constantFrom(...DATES),
      url: fc.constantFrom(null, "https://example.org/a"),
      // Metadata fields, searchable by default: an author, tags, a number.
      fields: fc.record(
        { author: fc.constantFrom("Jane Doe", "Putin", "Trump"), tags: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }), year: fc.constantFrom(2016, 2017) },
        { requiredKeys: [] },
      ),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .chain((documents) => fc.tuple(fc.constant(documents), fc.array(fc.boolean(), { minLength: documents.length, maxLength: documents.length })))
  // Some documents are versions of the one before (its text and a sentence more): copy groups, for collapse=copies and alsoIn.
  .map(([documents, copies]) =>
    documents.map((document, i): StoredDocument => {
      const text = i > 0 && copies[i] ? `${documents[i - 1]!.text} ${document.text}` : document.text;
      return { id: `doc-${i}`, ...document, text };
    }),
  );

/** A word as people type it: whole, cut short, with a typo (never on the first letter), or excluded. */
const typed = fc
  .tuple(fc.constantFrom(...WORDS), fc.constantFrom("whole", "prefix", "typo", "swap", "exclude"), fc.nat(20))
  .map(([word, how, at]) => {
    const i = 1 + (at % Math.max(1, word.length - 1));
    if (how === "prefix") return word.slice(0, Math.max(1, i));
    if (how === "typo") return word.slice(0, i) + "x" + word.slice(i + 1);
    if (how === "swap" && word.length > 3) return word.slice(0, i) + (word[i + 1] ?? "") + word[i] + word.slice(i + 2);
    if (how === "exclude") return `-${word}`;
    return word;
  });
const query = fc.oneof(
  fc.array(typed, { minLength: 0, maxLength: 5 }).map((words) => words.join(" ")),
  fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS)).map(([a, b]) => `"${a} ${b}"`),
  fc.tuple(typed, fc.constantFrom(...WORDS), fc.constantFrom(...WORDS)).map(([a, b, c]) => `${a} "${b} ${c}"`),
);
export const params = fc
  .record({
    q: query,
    match: fc.constantFrom(undefined, "all", "any"),
    sort: fc.constantFrom(undefined, "relevance", "date", "-date"),
    from: fc.constantFrom(undefined, "2017", "2017-05-02"),
    to: fc.constantFrom(undefined, "2017-05", "2018"),
    source: fc.constantFrom(undefined, "Reuters", "unknown"),
    limit: fc.constantFrom(undefined, "3", "100"),
    offset: fc.constantFrom(undefined, "2"),
    // A field filter: tags is a facet, so filterable, by default.
    tags: fc.constantFrom(undefined, "safe", "syria"),
    // The date facet's filter: years, from documents.bin's column here, from a table in the reference.
    date: fc.constantFrom(undefined, "2017", "2016"),
    collapse: fc.constantFrom(undefined, "copies"),
  })
  .map((fields) => new URLSearchParams(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined)));

