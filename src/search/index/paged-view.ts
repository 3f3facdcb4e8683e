/**
 * An IndexView over the paged artifact, for one run of a query step: it
 * answers from the blocks read so far for the query (pinned, so a cache
 * eviction cannot change an answer halfway), and notes each block it was
 * asked about and did not have. The step is run again once those are read.
 */
import { ArtifactError, type IndexMeta } from "../artifact";
import { foldWord } from "../analysis/fold";
import { blockOf, blocksIn, type LexiconBlock, type SpelledBlock } from "./blocks";
import type { DocumentTable } from "./document-table";
import { engineOver } from "./engine";
import { decodePostings, type Postings } from "./postings";
import { scoreGroups, type ScoredDocuments, type TermGroup } from "./score";
import { initialRange, prefixEnd, type IndexView, type SpellingLookup, type TermCount, type TimeSpan, type Vocabulary, type Within } from "./view";

/** What one query has read so far. */
export interface Pinned {
  lexicons: Map<number, LexiconBlock>;
  postings: Map<number, Uint8Array>;
  spelled: Map<number, SpelledBlock>;
  stopWords: Map<string, Int32Array>;
  dates: Float64Array | null;
}

/** What the isolate holds already, asked without waiting (undefined when not loaded). */
export interface Loaded {
  lexicon(block: number): LexiconBlock | undefined;
  postings(block: number): Uint8Array | undefined;
  spelled(block: number): SpelledBlock | undefined;
  stopWord(word: string): Int32Array | undefined;
  dates(): Float64Array | undefined;
}

/** What a run asked for and the query had not read. */
export class Missing {
  readonly lexicons = new Set<number>();
  readonly postings = new Set<number>();
  readonly spelled = new Set<number>();
  readonly stopWords = new Set<string>();
  dates = false;

  isEmpty(): boolean {
    return this.lexicons.size + this.postings.size + this.spelled.size + this.stopWords.size === 0 && !this.dates;
  }
}

export class PagedView implements IndexView {
  readonly missing = new Missing();
  readonly documentCount: number;
  readonly engine;
  readonly vocabulary: Vocabulary;
  readonly spellings: SpellingLookup;
  private readonly decoded = new Map<string, Postings | undefined>();

  constructor(
    private readonly index: IndexMeta,
    private readonly table: DocumentTable,
    private readonly pinned: Pinned,
    /** What the isolate has loaded for earlier queries: pinned on first use, so a warm query runs once. */
    private readonly loaded: Loaded,
  ) {
    this.documentCount = index.meta.documents;
    this.engine = engineOver((term) => this.postingsOf(term), table, {
      documentCount: this.documentCount,
      averageFieldLength: index.averageFieldLength,
    });
    this.vocabulary = {
      withPrefix: (prefix) => this.lexiconsIn(prefix, prefixEnd(prefix)).flatMap((block) => block.withPrefix(prefix)),
      near: (term, distance) => {
        const { from, below } = initialRange(term);
        const near: TermCount[] = [];
        for (const block of this.lexiconsIn(from, below)) near.push(...block.near(term, distance, from));
        return near;
      },
    };
    this.spellings = pagedSpellings(this);
  }

  scoreTerms(groups: readonly TermGroup[], within?: Within): ScoredDocuments {
    const lengths = [this.table.titleLength, this.table.textLength, this.table.fieldsLength];
    try {
      return scoreGroups(groups, within, {
        documentCount: this.documentCount,
        corpusDocuments: this.index.shard?.corpusDocuments ?? this.documentCount,
        averageFieldLength: this.index.averageFieldLength,
        fieldLength: (position, field) => lengths[field]![position]!,
        postingsOf: (term) => this.postingsBytes(term),
      });
    } catch (error) {
      // A posting is decoded only when a query reads it: its damage shows here, not at start.
      if (!(error instanceof RangeError)) throw error;
      throw new ArtifactError(`the search artifact is damaged (${error.message}); rebuild it with \`npm run build:index\``);
    }
  }

  documentsWithStopWord(word: string): Int32Array {
    const positions = pin(this.pinned.stopWords, word, () => this.loaded.stopWord(word));
    if (positions) return positions;
    this.missing.stopWords.add(word);
    return new Int32Array(0);
  }

  dateSpanOf(position: number): TimeSpan | null {
    const dates = (this.pinned.dates ??= this.loaded.dates() ?? null);
    if (!dates) {
      this.missing.dates = true;
      return null;
    }
    const start = dates[2 * position]!;
    return Number.isNaN(start) ? null : { start, end: dates[2 * position + 1]! };
  }

  documentFrequency(term: string): number | null {
    if (this.index.termBlocks.length === 0) return 0;
    const block = blockOf(this.index.termBlocks, term);
    const lexicon = pin(this.pinned.lexicons, block, () => this.loaded.lexicon(block));
    if (!lexicon) {
      this.missing.lexicons.add(block);
      return null;
    }
    return lexicon.entry(term)?.[1] ?? 0;
  }

  nameLength(position: number): number {
    return this.table.nameLength[position]!;
  }

  get sources(): readonly string[] {
    return this.index.sources;
  }

  sourceNumber(position: number): number {
    return this.table.source[position]!;
  }

  /** The lexicon entry of a term, undefined when the index has no such term or its block is not read yet. */
  entry(term: string) {
    if (this.index.termBlocks.length === 0) return undefined;
    const block = blockOf(this.index.termBlocks, term);
    const lexicon = pin(this.pinned.lexicons, block, () => this.loaded.lexicon(block));
    if (!lexicon) this.missing.lexicons.add(block);
    return lexicon?.entry(term);
  }

  /** The spelled-from blocks that meet [from, below), read or noted missing. */
  spelledIn(from: string, below: string): SpelledBlock[] {
    return this.read(blocksIn(this.index.spelledBlocks, from, below), this.pinned.spelled, (block) => this.loaded.spelled(block), this.missing.spelled);
  }

  private lexiconsIn(from: string, below: string): LexiconBlock[] {
    return this.read(blocksIn(this.index.termBlocks, from, below), this.pinned.lexicons, (block) => this.loaded.lexicon(block), this.missing.lexicons);
  }

  private read<T>(blocks: number[], pinned: Map<number, T>, loaded: (block: number) => T | undefined, missing: Set<number>): T[] {
    const found: T[] = [];
    for (const block of blocks) {
      const value = pin(pinned, block, () => loaded(block));
      if (value) found.push(value);
      else missing.add(block);
    }
    return found;
  }

  /** A term's postings bytes, undefined when the index has no such term or its blocks are not read yet. */
  private postingsBytes(term: string): Uint8Array | undefined {
    const entry = this.entry(term);
    if (!entry) return undefined;
    const block = blockOf(this.index.termBlocks, term);
    const bytes = pin(this.pinned.postings, block, () => this.loaded.postings(block));
    if (!bytes) {
      this.missing.postings.add(block);
      return undefined;
    }
    const [, , offset, length] = entry;
    if (offset + length > bytes.length) {
      throw new ArtifactError("the search artifact is damaged (a lexicon entry points past its postings block); rebuild it with `npm run build:index`");
    }
    return bytes.subarray(offset, offset + length);
  }

  private postingsOf(term: string): Postings | undefined {
    if (this.decoded.has(term)) return this.decoded.get(term);
    const bytes = this.postingsBytes(term);
    if (!bytes) return undefined;
    let postings: Postings;
    try {
      postings = decodePostings(bytes, this.documentCount);
    } catch (error) {
      // A posting is decoded only when a query reads it: its damage shows here, not at start.
      if (!(error instanceof RangeError)) throw error;
      throw new ArtifactError(`the search artifact is damaged (${error.message}); rebuild it with \`npm run build:index\``);
    }
    this.decoded.set(term, postings);
    return postings;
  }
}

/** The query's own copy of a piece, taken from what the isolate holds when the query has none yet. */
function pin<K, V>(pinned: Map<K, V>, key: K, loaded: () => V | undefined): V | undefined {
  let value = pinned.get(key);
  if (value === undefined) {
    value = loaded();
    if (value !== undefined) pinned.set(key, value);
  }
  return value;
}

function pagedSpellings(view: PagedView): SpellingLookup {
  const folded = new Map<string, readonly string[]>();
  const all = (term: string): readonly string[] => view.entry(term)?.[4] ?? [term];
  return {
    all,
    shown: (term) => all(term)[0]!,
    folded(term) {
      let spellings = folded.get(term);
      if (!spellings) folded.set(term, (spellings = all(term).map(foldWord)));
      return spellings;
    },
    stemsSpelledFrom(prefix, limit) {
      const stems = new Set<string>();
      for (const block of view.spelledIn(prefix, prefixEnd(prefix))) {
        for (const [, term] of block.startingWith(prefix)) {
          if (stems.size >= limit) return [...stems];
          if (!term.startsWith(prefix)) stems.add(term);
        }
      }
      return [...stems];
    },
  };
}
