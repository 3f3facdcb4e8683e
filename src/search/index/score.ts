/**
 * MiniSearch's BM25+ scoring of an OR of exact terms, computed straight from
 * the postings' bytes into typed arrays: the same numbers, bit for bit, as
 * `MiniSearch#search({ queries: groups, combineWith: "OR" })` gives, without
 * its result object, terms list and match object per document, its final
 * sort, or a decoded Map per posting (measured on the mail corpus: most of a
 * common word's query was those). The order of every addition and
 * multiplication follows MiniSearch 7.2.0's executeQuery, termResults and
 * OR combinator, since floating-point sums depend on it:
 *   term score  = Σ over fields (title, text, fields) of termBoost × fieldBoost × bm25
 *   group score = Σ over the group's terms, in order, of term scores
 *   score       = (Σ over groups, in order, of group scores) × distinct terms matched
 * The paged-equivalence property test holds it to MiniSearch itself.
 */
import { ByteReader } from "./bytes";
import { TITLE_FIELD } from "./postings";

/** Terms scored alike: one `{ queries, boostTerm }` of MiniSearch's. */
export interface TermGroup {
  terms: readonly string[];
  /** MiniSearch's boostTerm: the weight of a completion or a typo, 1 for the word itself. */
  boost: (term: string) => number;
}

/**
 * The documents some term of the groups matched, as columns in position
 * order: row i is the document at positions[i].
 */
export interface ScoredDocuments {
  /** Ascending, each once. */
  positions: Int32Array;
  scores: Float64Array;
  /** The terms that matched each, in the order MiniSearch first met them (documents matched alike share a list). */
  terms: readonly (readonly string[])[];
  /** The first place among the title's words where one of them stands; Infinity when none is in the title. */
  titleWords: Float64Array;
}

/** Rows in any order → ScoredDocuments (what MiniSearch's own search gives, as the tests' reference reads it). */
export function scoredDocuments(rows: readonly { position: number; score: number; terms: readonly string[]; titleWord: number }[]): ScoredDocuments {
  const sorted = [...rows].sort((a, b) => a.position - b.position);
  return {
    positions: Int32Array.from(sorted, (row) => row.position),
    scores: Float64Array.from(sorted, (row) => row.score),
    terms: sorted.map((row) => row.terms),
    titleWords: Float64Array.from(sorted, (row) => row.titleWord),
  };
}

/** What scoring reads of the index. */
export interface ScoringSource {
  /** Documents here (positions run from 0 below it). */
  documentCount: number;
  /** Documents in the whole corpus, this shard's and the others': BM25's N. */
  corpusDocuments: number;
  /** MiniSearch's average field length per field id (title 0, text 1, fields 2), over the whole corpus. */
  averageFieldLength: readonly number[];
  /** A document's unique-term count in a field. */
  fieldLength(position: number, field: number): number;
  /** A term's postings bytes (postings.ts), undefined when the index has no such term. */
  postingsOf(term: string): Uint8Array | undefined;
}

/** Field boosts by field id: a title word counts twice (options.ts). */
const FIELD_BOOSTS = [2, 1, 1];

/** MiniSearch's default BM25+ parameters. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** MiniSearch's calcBM25Score's inverse document frequency: the same for every document of a field's posting. */
function inverseDocumentFrequency(matching: number, total: number): number {
  return Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
}

/** As MiniSearch's calcBM25Score, expression for expression, its idf computed once per posting. */
function bm25(termFreq: number, invDocFreq: number, fieldLength: number, averageFieldLength: number): number {
  const { k, b, d } = BM25;
  return invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / averageFieldLength)));
}

/**
 * Sums per document, NaN where a document has none yet: a sum starts at its
 * first addend (never 0 + addend, which could differ in the last bit for -0).
 */
class Sums {
  readonly values: Float64Array;
  readonly touched: number[] = [];

  constructor(size: number) {
    this.values = new Float64Array(size).fill(NaN);
  }

  add(position: number, value: number): void {
    const current = this.values[position]!;
    if (Number.isNaN(current)) {
      this.values[position] = value;
      this.touched.push(position);
    } else {
      this.values[position] = current + value;
    }
  }

  clear(): void {
    for (const position of this.touched) this.values[position] = NaN;
    this.touched.length = 0;
  }
}

/**
 * Scratch arrays, a few bytes per document, kept between queries: a query
 * runs synchronously to its end, so one set serves every query of an
 * isolate (reallocated only when the document count changes).
 */
let scratch: { count: number; total: Sums; group: Sums; term: Sums; titleWords: Uint32Array; firstTerm: Int32Array } | null = null;

/** In titleWords: no matched term stands in the title. */
const NOT_IN_TITLE = 0xffffffff;

function scratchFor(count: number) {
  if (scratch?.count !== count) {
    scratch = {
      count,
      total: new Sums(count),
      group: new Sums(count),
      term: new Sums(count),
      titleWords: new Uint32Array(count).fill(NOT_IN_TITLE),
      firstTerm: new Int32Array(count).fill(-1),
    };
  }
  return scratch;
}

/**
 * Scores the documents any term of the groups matches, as columns in
 * position order; with `within`, only those it accepts (the others'
 * postings are read past, not scored).
 */
export function scoreGroups(groups: readonly TermGroup[], within: ((position: number) => boolean) | undefined, source: ScoringSource): ScoredDocuments {
  const count = source.documentCount;
  const { total, group, term, titleWords, firstTerm } = scratchFor(count);
  try {
    return scoreInto(groups, within, source, { total, group, term, titleWords, firstTerm });
  } finally {
    // Left clean for the next query, even when a damaged posting stopped this one.
    for (const sums of [term, group, total]) {
      for (const position of sums.touched) {
        titleWords[position] = NOT_IN_TITLE;
        firstTerm[position] = -1;
      }
      sums.clear();
    }
  }
}

function scoreInto(
  groups: readonly TermGroup[],
  within: ((position: number) => boolean) | undefined,
  source: ScoringSource,
  { total, group, term, titleWords, firstTerm }: { total: Sums; group: Sums; term: Sums; titleWords: Uint32Array; firstTerm: Int32Array },
): ScoredDocuments {
  const count = source.documentCount;
  // The terms that matched each document: most match one, kept as its
  // index in `words` (firstTerm) and shared; a list only for the others.
  const words: string[] = [];
  const alone: (readonly string[])[] = [];
  const more = new Map<number, readonly string[]>();
  // Lists are shared: documents that matched the same terms (met in the
  // same order) hold the same list, so each list is described once (a
  // prefix like "con" completes to terms most of whose documents match several).
  const longer = new Map<readonly string[], Map<string, readonly string[]>>();
  const extend = (list: readonly string[], word: string): readonly string[] => {
    let byWord = longer.get(list);
    if (!byWord) longer.set(list, (byWord = new Map()));
    let extended = byWord.get(word);
    if (!extended) byWord.set(word, (extended = [...list, word]));
    return extended;
  };
  // A sum of one addend is that addend, bit for bit: a group of one term is
  // summed straight into its group's sums, and one group is the total.
  const result = groups.length === 1 ? group : total;
  for (const { terms, boost } of groups) {
    const sink = terms.length === 1 ? group : term;
    for (const word of terms) {
      const bytes = source.postingsOf(word);
      if (!bytes) continue;
      const termBoost = boost(word);
      const reader = new ByteReader(bytes, "a posting");
      for (let fields = reader.varint(); fields > 0; fields--) {
        const field = reader.varint();
        const matching = reader.varint();
        // The corpus's document frequency: a shard's documents and the other shards'.
        const invDocFreq = inverseDocumentFrequency(matching + reader.varint(), source.corpusDocuments);
        const fieldBoost = FIELD_BOOSTS[field]!;
        const average = source.averageFieldLength[field]!;
        let position = 0;
        for (let n = 0; n < matching; n++) {
          position += reader.varint();
          const termFreq = reader.varint();
          const titleWord = field === TITLE_FIELD ? reader.varint() : 0;
          if (position >= count) throw new RangeError("a posting names a document past the last");
          if (within && !within(position)) continue;
          // MiniSearch: termWeight (1) × termBoost × fieldBoost × docBoost (1) × rawScore.
          sink.add(position, termBoost * fieldBoost * bm25(termFreq, invDocFreq, source.fieldLength(position, field), average));
          if (field === TITLE_FIELD) titleWords[position] = Math.min(titleWords[position]!, titleWord);
        }
      }
      if (!reader.done) throw new RangeError("a posting has bytes left over");
      const index = words.length;
      words.push(word);
      alone.push([word]);
      for (const position of sink.touched) {
        if (sink === term) group.add(position, term.values[position]!);
        const first = firstTerm[position]!;
        if (first === -1) firstTerm[position] = index;
        else if (first !== index && words[first] !== word) {
          const matched = more.get(position) ?? alone[first]!;
          if (!matched.includes(word)) more.set(position, extend(matched, word));
        }
      }
      term.clear();
    }
    if (result === total) {
      for (const position of group.touched) total.add(position, group.values[position]!);
      group.clear();
    }
  }
  const positions = ascending(result, count);
  const scores = new Float64Array(positions.length);
  const matchedTerms: (readonly string[])[] = new Array(positions.length);
  const titleWordsOut = new Float64Array(positions.length);
  positions.forEach((position, row) => {
    const terms = more.get(position) ?? alone[firstTerm[position]!]!;
    const titleWord = titleWords[position]!;
    scores[row] = result.values[position]! * terms.length;
    matchedTerms[row] = terms;
    titleWordsOut[row] = titleWord === NOT_IN_TITLE ? Infinity : titleWord;
  });
  return { positions, scores, terms: matchedTerms, titleWords: titleWordsOut };
}

/**
 * The documents summed into, ascending: their list sorted when short, else
 * read off the per-document sums in one pass (cheaper than sorting once
 * they are more than a sixteenth of the corpus).
 */
function ascending(sums: Sums, count: number): Int32Array {
  const touched = sums.touched;
  if (touched.length * 16 < count) return Int32Array.from(touched).sort();
  const positions = new Int32Array(touched.length);
  let row = 0;
  for (let position = 0; position < count; position++) if (!Number.isNaN(sums.values[position]!)) positions[row++] = position;
  return positions;
}
