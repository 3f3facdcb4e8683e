/**
 * The simple way, kept as the reference the paged index must equal: one
 * MiniSearch holding the whole corpus (addAll, as the first version of this
 * project loaded it), with its own radix tree for prefixes and typos, and
 * every table in memory, made by the first version's builders (kept below,
 * since the build no longer needs them). Only phrase positions come from the paged artifact:
 * they were paged before, and are not what the equivalence is about.
 */
import MiniSearch from "minisearch";
import { indexedDocuments } from "../../src/corpus/build";
import { encodeFieldTable, facetValues, FieldTable } from "../../src/search/index/field-table";
import type SearchableMap from "minisearch/SearchableMap";
import type { DocumentRecord, StoredDocument } from "../../src/search/artifact";
import { tokenize } from "../../src/search/analysis/tokenize";
import { firstWordRanks, nameLength } from "../../src/search/analysis/word-rank";
import { dateSpan } from "../../src/search/dates";
import type { Postings } from "../../src/search/index/postings";
import { scoredDocuments } from "../../src/search/index/score";
import { initialRange, type IndexView, type TermCount, type TimeSpan } from "../../src/search/index/view";
import type { SearchIndex } from "../../src/search/load";
import { ANALYSED, indexOptions, type IndexedDocument } from "../../src/search/options";
import { STOP_WORDS } from "../../src/search/analysis/stop-words";
import type { Token } from "../../src/search/analysis/tokenize";
import { foldWord } from "../../src/search/analysis/fold";
import { keptSpellings, spelledFrom, writtenAs, type SpelledFrom, type Spellings } from "../../src/search/spellings";
import { bitsetBytes, decodeBitset } from "../../src/search/stop-words-index";
import { compareStrings } from "../../src/strings";
import { sharedPassages } from "../../src/corpus/passages";
import { relatedTable } from "../corpus/related-table";
import { relatedOf } from "../../src/search/related";

/** A SearchIndex over one in-memory MiniSearch of `documents` (in browse order); positions from `paged`. */
export function oneIndex(documents: readonly StoredDocument[], paged: SearchIndex): SearchIndex {
  const engine = new MiniSearch<IndexedDocument>(indexOptions);
  const indexed = indexedDocuments(documents, new Map());
  engine.addAll(indexed.map((document, id) => ({ id, ...document })));
  const tree = (engine as unknown as { _index: SearchableMap<Postings> })._index;
  const spellingsBuilder = new SpellingsBuilder();
  const stopWords = new StopWordBitsetsBuilder(documents.length);
  // Each title's words, read from the title itself, not from the postings as the paged index reads them.
  const titleWords: Map<string, number>[] = [];
  const nameLengths: number[] = [];
  indexed.forEach(({ title, text, fields }, position) => {
    const [titleTokens, textTokens, fieldsTokens] = [tokenize(title), tokenize(text), tokenize(fields)];
    titleWords.push(firstWordRanks(titleTokens));
    nameLengths.push(nameLength(title));
    spellingsBuilder.add(title, titleTokens);
    spellingsBuilder.add(text, textTokens);
    spellingsBuilder.add(fields, fieldsTokens);
    stopWords.add(position, [...titleTokens, ...textTokens, ...fieldsTokens]);
  });
  const { spellings, spelledFrom } = spellingsBuilder.build();
  const bitsets = stopWords.build();
  const spans: (TimeSpan | null)[] = documents.map(({ date }) => {
    if (date === null) return null;
    const span = dateSpan(date);
    return { start: Date.parse(span.start), end: Date.parse(span.end) };
  });
  const sources = [...new Set(documents.map((document) => document.source))].sort(compareStrings);
  const sourceNumbers = documents.map((document) => sources.indexOf(document.source));
  const view: IndexView = {
    documentCount: documents.length,
    engine,
    vocabulary: {
      withPrefix: (prefix) => [...tree.atPrefix(prefix)].map(([term, postings]): TermCount => [term, documentFrequency(postings)]),
      near(term, distance) {
        const { from } = initialRange(term);
        return [...tree.fuzzyGet(term, distance)]
          .filter(([found]) => found.startsWith(from))
          .map(([found, [postings]]): TermCount => [found, documentFrequency(postings)]);
      },
    },
    spellings: new SpellingIndex(spellings, spelledFrom),
    documentsWithStopWord: (word) => (bitsets.has(word) ? decodeBitset(bitsets.get(word)!, documents.length) : new Int32Array(0)),
    dateSpanOf: (position) => spans[position]!,
    sources,
    sourceNumber: (position) => sourceNumbers[position]!,
    nameLength: (position) => nameLengths[position]!,
    // The simple way: MiniSearch's own search, which score.ts must equal.
    // `within` is a hint the simple way ignores: every matching document comes back.
    documentFrequency: (term) => (tree.has(term) ? documentFrequency(tree.get(term)!) : 0),
    scoreTerms: (groups) =>
      scoredDocuments(
        engine
          .search({ queries: groups.map(({ terms, boost }) => ({ queries: [...terms], prefix: false, fuzzy: false, boostTerm: boost })), combineWith: "OR" }, ANALYSED)
          .map((result) => {
            const inTitle = result.terms.filter((term) => result.match[term]!.includes("title"));
            const words = inTitle.map((term) => titleWords[result.id as number]!.get(term)!);
            return { position: result.id as number, score: result.score, terms: result.terms, titleWord: Math.min(...words) };
          }),
      ),
  };
  const byId = new Map(documents.map(({ id }, position) => [id, position]));
  const record = ({ id, title, source, date, url, fields }: StoredDocument): DocumentRecord => ({ id, title, source, date, url, fields });
  // The simple way here too: every pair of documents compared in memory.
  const shared = relatedTable(documents, sharedPassages(documents));
  return {
    meta: paged.meta,
    build: paged.build,
    documentCount: documents.length,
    years: paged.years,
    shard: paged.shard,
    fields: paged.fields,
    fieldTables: async (names) =>
      new Map(
        [...names].map((name) => {
          const { dictionary, table } = encodeFieldTable(documents.map((document) => facetValues(document, name)));
          return [name, new FieldTable(dictionary, table, documents.length)];
        }),
      ),
    run: async (step) => step(view),
    records: async (positions) => new Map([...positions].map((position) => [position, record(documents[position]!)])),
    positionOf: async (id) => byId.get(id.normalize("NFC")),
    texts: async (positions) => new Map([...positions].map((position) => [position, documents[position]!.text])),
    positions: (terms) => paged.positions(terms),
    related: async (positions) => new Map([...positions].map((position) => [position, (shared.entries[position] ?? []).map(relatedOf)])),
    // The simple way: a hit's carriers are its relatives, every span of this side as it is (no merging, near-copies' too).
    carriers: async (positions) =>
      new Map([...positions].map((position) => [position, (shared.entries[position] ?? []).map(relatedOf).map(({ id, source, title, nearCopy, spans }) => ({ id, source, title, nearCopy, spans: spans.flatMap(({ start, end }) => [start, end]) }))])),
    copies: shared.inGroups,
    copyGroups: async () => shared.copies,
  };
}

/** Documents holding a term in any field. */
function documentFrequency(postings: Postings): number {
  const documents = new Set<number>();
  for (const field of postings.values()) for (const document of field.keys()) documents.add(document);
  return documents.size;
}

/** Counts the spellings of each stem, one text at a time, as the first version of the build did. */
class SpellingsBuilder {
  private readonly byTerm = new Map<string, Map<string, number>>();

  add(text: string, tokens: Iterable<Token>): void {
    for (const token of tokens) {
      const { term, stop } = token;
      if (term === null || stop) continue;
      const spelling = writtenAs(token, text);
      let spellings = this.byTerm.get(term);
      if (!spellings) this.byTerm.set(term, (spellings = new Map()));
      spellings.set(spelling, (spellings.get(spelling) ?? 0) + 1);
    }
  }


  /** The spellings, and the same sorted by folded spelling. */
  build(): { spellings: Spellings; spelledFrom: SpelledFrom } {
    const spellings: Spellings = {};
    for (const term of [...this.byTerm.keys()].sort(compareStrings)) {
      const words = keptSpellings(term, this.byTerm.get(term)!);
      if (words) spellings[term] = words;
    }
    return { spellings, spelledFrom: spelledFrom(Object.entries(spellings)) };
  }
}

/** The spellings looked up in memory, as the first version of the Worker did. */
class SpellingIndex {
  private readonly foldedCache = new Map<string, string[]>();

  constructor(
    private readonly spellings: Spellings,
    private readonly sorted: SpelledFrom,
  ) {}

  /** The word to show for a term: its most frequent spelling. */
  shown(term: string): string {
    return Object.hasOwn(this.spellings, term) ? this.spellings[term]![0]! : term;
  }

  /** Every spelling of a term, most frequent first. */
  all(term: string): readonly string[] {
    return Object.hasOwn(this.spellings, term) ? this.spellings[term]! : [term];
  }

  /** The spellings folded as queries are ("café" → "cafe"), to compare with what was typed. */
  folded(term: string): readonly string[] {
    let folded = this.foldedCache.get(term);
    if (!folded) this.foldedCache.set(term, (folded = this.all(term).map(foldWord)));
    return folded;
  }

  /**
   * Terms some spelling of which begins with `prefix` but which do not begin
   * with it themselves ("dure" for "durin"), at most `limit` of them.
   */
  stemsSpelledFrom(prefix: string, limit: number): string[] {
    const stems = new Set<string>();
    for (let i = lowerBound(this.sorted, prefix); i < this.sorted.length && stems.size < limit; i++) {
      const [folded, term] = this.sorted[i]!;
      if (!folded.startsWith(prefix)) break;
      if (!term.startsWith(prefix)) stems.add(term);
    }
    return [...stems];
  }
}

function lowerBound(sorted: SpelledFrom, key: string): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (compareStrings(sorted[middle]![0], key) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A bitset per stop word over document positions (bit i = document i), as the first version of the build made them. */
class StopWordBitsetsBuilder {
  private readonly bits = new Map<string, Uint8Array>();

  constructor(documentCount: number) {
    for (const word of [...STOP_WORDS].sort()) this.bits.set(word, new Uint8Array(bitsetBytes(documentCount)));
  }

  /** Records the stop words among a document's tokens (title and text). */
  add(position: number, tokens: Iterable<Token>): void {
    for (const token of tokens) {
      if (token.stop) this.bits.get(token.term!)![position >> 3]! |= 1 << (position & 7);
    }
  }

  /** Every stop word's bitset, in alphabetical order. */
  build(): Map<string, Uint8Array> {
    return this.bits;
  }
}
