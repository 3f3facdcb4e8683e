/**
 * One batch of consecutive documents → its piece of the index: for each
 * term, its postings (documents and counts per field), its positions and how
 * the batch spells it, in term order; each document's field lengths; which
 * documents hold each stop word. Pure and independent of other batches, so
 * batches run in parallel (worker threads) and are merged in order by
 * merge.ts. Positions are the corpus's: a batch knows where it starts.
 *
 * Each token is looked up once (in its document's table of terms), and each
 * of a document's terms once in the batch's: this loop is most of a build.
 */
import { tokenize, type Token } from "../search/analysis/tokenize";
import { firstWordRanks } from "../search/analysis/word-rank";
import { ByteWriter } from "../search/index/bytes";
import type { FieldPostings } from "../search/index/postings";
import { encodeField } from "../search/positions";
import { writtenAs } from "../search/spellings";
import type { IndexedDocument } from "../search/options";
import { compareStrings } from "../strings";

/** One term's share of a batch. */
export interface TermRecord {
  term: string;
  /** Per field (title 0, text 1, fields 2): the batch's documents holding the term, and how often. */
  fields: [FieldPostings | undefined, FieldPostings | undefined, FieldPostings | undefined];
  /** The term's positions posting in the batch (positions.ts), and its last document. */
  positions: Uint8Array;
  lastDocument: number;
  /** How the batch writes the term: [spelling, count], in code-unit order of spellings. */
  spellings: [string, number][];
}

export interface BatchIndex {
  /** Position of the batch's first document. */
  first: number;
  /** Unique index terms per document, per field (MiniSearch's field length). */
  fieldLengths: [number[], number[], number[]];
  /** Stop word → positions of the batch's documents holding it, ascending. */
  stopWords: Map<string, number[]>;
  /**
   * Words in the batch's texts as shared passages read them (tokens of one
   * word: a compound's parts, not its joined form), counted here where the
   * texts are tokenized anyway, so that the build knows the corpus's words
   * before the passages stage reads any text (its hash partitions: WORDS_PER_PARTITION).
   */
  textWords: number;
  /** In code-unit order of terms. */
  terms: TermRecord[];
}

/** A term in the batch so far. */
interface TermState {
  fields: TermRecord["fields"];
  /** Positions posting without its leading document count. */
  positions: ByteWriter;
  documents: number;
  lastDocument: number;
  spellings: Map<string, number>;
}

/**
 * A term in one document: occurrences per field (position, span pairs),
 * counted for MiniSearch unless a stop word. Positions are kept for the
 * title and the text, which phrases and snippets read; metadata fields are
 * matched by their words alone.
 */
interface DocumentTerm {
  entries: [number[], number[]];
  counts: [number, number, number];
  spellings: string[];
}

/** Indexes documents (title, text and searchable fields) that sit at positions first, first + 1, … */
export function indexBatch(documents: readonly Pick<IndexedDocument, "title" | "text" | "fields">[], first: number): BatchIndex {
  const terms = new Map<string, TermState>();
  const stopWords = new Map<string, number[]>();
  const fieldLengths: BatchIndex["fieldLengths"] = [[], [], []];
  let textWords = 0;
  documents.forEach(({ title, text, fields }, i) => {
    const position = first + i;
    const inDocument = new Map<string, DocumentTerm>();
    const titleTokens = tokenize(title);
    for (const token of titleTokens) addToken(inDocument, token, 0, title, stopWords, position);
    const titleWords = firstWordRanks(titleTokens);
    for (const token of tokenize(text)) {
      if (token.span === 1) textWords++;
      addToken(inDocument, token, 1, text, stopWords, position);
    }
    for (const token of tokenize(fields)) addToken(inDocument, token, 2, fields, stopWords, position);
    const lengths = [0, 0, 0];
    for (const [term, { entries, counts, spellings }] of inDocument) {
      let state = terms.get(term);
      if (!state) {
        state = { fields: [undefined, undefined, undefined], positions: new ByteWriter(16), documents: 0, lastDocument: 0, spellings: new Map() };
        terms.set(term, state);
      }
      // What MiniSearch's addAll does with the tokenizer's terms: count each, and the unique ones as the field's length.
      if (counts[0] > 0) {
        lengths[0]!++;
        const title = (state.fields[0] ??= { documents: [], counts: [], firstWords: [] });
        addPosting(title, position, counts[0]);
        title.firstWords!.push(titleWords.get(term)!);
      }
      if (counts[1] > 0) {
        lengths[1]!++;
        addPosting((state.fields[1] ??= { documents: [], counts: [] }), position, counts[1]);
      }
      if (counts[2] > 0) {
        lengths[2]!++;
        addPosting((state.fields[2] ??= { documents: [], counts: [] }), position, counts[2]);
      }
      // The first document's gap is from 0, so a batch's posting starts at its first document (see concatPostings).
      state.positions.varint(position - (state.documents === 0 ? 0 : state.lastDocument));
      encodeField(entries[0], state.positions);
      encodeField(entries[1], state.positions);
      state.documents++;
      state.lastDocument = position;
      for (const spelling of spellings) state.spellings.set(spelling, (state.spellings.get(spelling) ?? 0) + 1);
    }
    fieldLengths[0].push(lengths[0]!);
    fieldLengths[1].push(lengths[1]!);
    fieldLengths[2].push(lengths[2]!);
  });
  const records = [...terms.keys()].sort(compareStrings).map((term): TermRecord => {
    const state = terms.get(term)!;
    const positions = new ByteWriter(state.positions.byteLength + 5);
    positions.varint(state.documents);
    positions.bytes(state.positions.finish());
    return {
      term,
      fields: state.fields,
      positions: positions.finish(),
      lastDocument: state.lastDocument,
      spellings: [...state.spellings].sort(([a], [b]) => compareStrings(a, b)),
    };
  });
  return { first, fieldLengths, stopWords, textWords, terms: records };
}

function addPosting(posting: FieldPostings, position: number, count: number): void {
  posting.documents.push(position);
  posting.counts.push(count);
}

function addToken(inDocument: Map<string, DocumentTerm>, token: Token, field: 0 | 1 | 2, text: string, stopWords: Map<string, number[]>, position: number): void {
  const { term, stop } = token;
  if (term === null) return;
  let entry = inDocument.get(term);
  if (!entry) inDocument.set(term, (entry = { entries: [[], []], counts: [0, 0, 0], spellings: [] }));
  if (field !== 2) entry.entries[field].push(token.position, token.span);
  if (stop) {
    // Stop words: positions for phrases, a bit for queries of nothing else; no posting, no spelling.
    let holding = stopWords.get(term);
    if (!holding) stopWords.set(term, (holding = []));
    if (holding[holding.length - 1] !== position) holding.push(position);
    return;
  }
  entry.counts[field]++;
  entry.spellings.push(writtenAs(token, text));
}
