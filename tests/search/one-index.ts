/**
 * The simple way, kept as the reference the paged index must equal: one
 * MiniSearch holding the whole corpus (addAll, as the first version of this
 * project loaded it), with its own radix tree for prefixes and typos, and
 * every table in memory. Only phrase positions come from the paged artifact:
 * they were paged before, and are not what the equivalence is about.
 */
import MiniSearch from "minisearch";
import type SearchableMap from "minisearch/SearchableMap";
import type { DocumentRecord, StoredDocument } from "../../src/search/artifact";
import { tokenize } from "../../src/search/analysis/tokenize";
import { dateSpan } from "../../src/search/dates";
import type { Postings } from "../../src/search/index/postings";
import { initialRange, type IndexView, type TermCount, type TimeSpan } from "../../src/search/index/view";
import type { SearchIndex } from "../../src/search/load";
import { indexOptions, type IndexedDocument } from "../../src/search/options";
import { SpellingIndex, SpellingsBuilder } from "../../src/search/spellings";
import { decodeBitset, StopWordBitsetsBuilder } from "../../src/search/stop-words-index";

/** A SearchIndex over one in-memory MiniSearch of `documents` (in browse order); positions from `paged`. */
export function oneIndex(documents: readonly StoredDocument[], paged: SearchIndex): SearchIndex {
  const engine = new MiniSearch<IndexedDocument>(indexOptions);
  engine.addAll(documents.map(({ title, text }, id) => ({ id, title, text })));
  const tree = (engine as unknown as { _index: SearchableMap<Postings> })._index;
  const spellingsBuilder = new SpellingsBuilder();
  const stopWords = new StopWordBitsetsBuilder(documents.length);
  documents.forEach(({ title, text }, position) => {
    const [titleTokens, textTokens] = [tokenize(title), tokenize(text)];
    spellingsBuilder.add(title, titleTokens);
    spellingsBuilder.add(text, textTokens);
    stopWords.add(position, [...titleTokens, ...textTokens]);
  });
  const { spellings, spelledFrom } = spellingsBuilder.build();
  const bitsets = stopWords.build();
  const spans: (TimeSpan | null)[] = documents.map(({ date }) => {
    if (date === null) return null;
    const span = dateSpan(date);
    return { start: Date.parse(span.start), end: Date.parse(span.end) };
  });
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
    documentsWithStopWord: (word) => (bitsets.has(word) ? decodeBitset(bitsets.get(word)!, documents.length) : []),
    dateSpanOf: (position) => spans[position]!,
    sourceOf: (position) => documents[position]!.source,
  };
  const byId = new Map(documents.map(({ id }, position) => [id, position]));
  const record = ({ id, title, source, date, url }: StoredDocument): DocumentRecord => ({ id, title, source, date, url });
  return {
    meta: paged.meta,
    build: paged.build,
    documentCount: documents.length,
    years: paged.years,
    run: async (step) => step(view),
    records: async (positions) => new Map([...positions].map((position) => [position, record(documents[position]!)])),
    positionOf: async (id) => byId.get(id.normalize("NFC")),
    texts: async (positions) => new Map([...positions].map((position) => [position, documents[position]!.text])),
    positions: (terms) => paged.positions(terms),
  };
}

/** Documents holding a term in any field. */
function documentFrequency(postings: Postings): number {
  const documents = new Set<number>();
  for (const field of postings.values()) for (const document of field.keys()) documents.add(document);
  return documents.size;
}
