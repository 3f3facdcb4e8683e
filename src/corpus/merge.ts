/**
 * Batches → the blocks of the artifact that grow with the vocabulary: the
 * batches' term records are merged in term order (each batch's records are
 * already sorted, and batches hold consecutive documents, so a term's
 * postings are the batches' postings end to end), and written out as
 * lexicon and postings blocks, positions shards and spelled-from blocks,
 * one block at a time. Memory holds one record per batch and the block
 * being filled; what is kept for the end is the sorted spellings.
 */
import type { LexiconEntry } from "../search/artifact";
import { ByteWriter } from "../search/index/bytes";
import { encodePostings, type FieldPostings } from "../search/index/postings";
import { concatPostings, encodePositionsShard, TARGET_SHARD_BYTES } from "../search/positions";
import { keptSpellings, spelledFrom, type SpelledFrom } from "../search/spellings";
import { compareStrings } from "../strings";
import type { TermRecord } from "./batch";

/** Where the artifact's files go: a staging folder, or memory. */
export interface ArtifactSink {
  write(name: string, bytes: Uint8Array): void;
}

/** When a block of the vocabulary closes. */
export interface BlockSizes {
  /** Once its postings reach this many bytes: a common word is a block of its own. */
  postingsBytes: number;
  /** Or once it has this many terms, so a lexicon file stays small to read and parse. */
  terms: number;
  /** Spelling → stem entries per spelled-from block. */
  spelledEntries: number;
  /** Bytes a positions shard aims at, so a phrase fetches little. */
  positionsBytes: number;
}

export const BLOCK_SIZES: BlockSizes = { postingsBytes: 128 * 1024, terms: 1024, spelledEntries: 2048, positionsBytes: TARGET_SHARD_BYTES };

/** The first key of each block written, by kind. */
export interface MergedBlocks {
  termBlocks: string[];
  spelledBlocks: string[];
  positionBlocks: string[];
}

/** Merges the batches' records (each iterable sorted by term, batches in document order) into blocks written to `sink`. */
export function mergeBatches(batches: readonly Iterable<TermRecord>[], sink: ArtifactSink, sizes: BlockSizes = BLOCK_SIZES): MergedBlocks {
  const lexicon = new LexiconWriter(sink, sizes);
  const positions = new PositionsWriter(sink, sizes.positionsBytes);
  const spellings: [string, string[]][] = [];
  for (const records of mergeByTerm(batches)) {
    const { term } = records[0]!;
    positions.add(term, concatPostings(records.map(({ positions: posting, lastDocument }) => ({ posting, lastDocument }))));
    const fields = [0, 1, 2].map((field) => joinFields(records.map((record) => record.fields[field]))) as TermRecord["fields"];
    // Stop words have positions (for phrases) and no postings: the index leaves them out.
    if (!fields[0] && !fields[1] && !fields[2]) continue;
    const kept = keptSpellings(term, sumCounts(records.map((record) => record.spellings)));
    if (kept) spellings.push([term, kept]);
    lexicon.add(term, fields, kept);
  }
  lexicon.close();
  positions.close();
  return { termBlocks: lexicon.firstTerms, positionBlocks: positions.firstTerms, spelledBlocks: writeSpelled(spelledFrom(spellings), sink, sizes.spelledEntries) };
}

/** Yields, in term order, each term's records from every batch that has it, in batch order. */
function* mergeByTerm(batches: readonly Iterable<TermRecord>[]): Generator<TermRecord[]> {
  const heads = batches.map((batch) => batch[Symbol.iterator]());
  // A binary heap of [record, batch], least term first, then earliest batch.
  const heap: [TermRecord, number][] = [];
  const less = (a: [TermRecord, number], b: [TermRecord, number]) => {
    const order = compareStrings(a[0].term, b[0].term);
    return order < 0 || (order === 0 && a[1] < b[1]);
  };
  const push = (entry: [TermRecord, number]) => {
    heap.push(entry);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!less(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const pop = (): [TermRecord, number] => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const [left, right] = [2 * i + 1, 2 * i + 2];
        let least = i;
        if (left < heap.length && less(heap[left]!, heap[least]!)) least = left;
        if (right < heap.length && less(heap[right]!, heap[least]!)) least = right;
        if (least === i) break;
        [heap[i], heap[least]] = [heap[least]!, heap[i]!];
        i = least;
      }
    }
    return top;
  };
  const advance = (batch: number) => {
    const next = heads[batch]!.next();
    if (!next.done) push([next.value, batch]);
  };
  heads.forEach((_, batch) => advance(batch));
  while (heap.length > 0) {
    const [first, batch] = pop();
    const records = [first];
    advance(batch);
    while (heap.length > 0 && heap[0]![0].term === first.term) {
      const [record, other] = pop();
      records.push(record);
      advance(other);
    }
    yield records;
  }
}

/** One field's postings from consecutive batches, end to end; undefined when no batch has the term there. */
function joinFields(parts: readonly (FieldPostings | undefined)[]): FieldPostings | undefined {
  const present = parts.filter((part): part is FieldPostings => part !== undefined && part.documents.length > 0);
  if (present.length <= 1) return present[0];
  const firstWords = present[0]!.firstWords && present.flatMap((part) => part.firstWords!);
  return { documents: present.flatMap((part) => part.documents), counts: present.flatMap((part) => part.counts), firstWords };
}

function sumCounts(parts: readonly (readonly [string, number])[][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const part of parts) for (const [spelling, count] of part) counts.set(spelling, (counts.get(spelling) ?? 0) + count);
  return counts;
}

/** Lexicon and postings blocks, closed by size. */
class LexiconWriter {
  readonly firstTerms: string[] = [];
  private entries: LexiconEntry[] = [];
  private out = new ByteWriter();

  constructor(
    private readonly sink: ArtifactSink,
    private readonly sizes: BlockSizes,
  ) {}

  add(term: string, fields: TermRecord["fields"], spellings: string[] | undefined): void {
    const offset = this.out.byteLength;
    encodePostings(fields, this.out);
    const entry: LexiconEntry = [term, documentFrequency(fields), offset, this.out.byteLength - offset];
    if (spellings) entry.push(spellings);
    this.entries.push(entry);
    if (this.out.byteLength >= this.sizes.postingsBytes || this.entries.length >= this.sizes.terms) this.close();
  }

  close(): void {
    if (this.entries.length === 0) return;
    const block = this.firstTerms.length;
    this.firstTerms.push(this.entries[0]![0]);
    this.sink.write(`lexicon/${block}.json`, new TextEncoder().encode(JSON.stringify(this.entries)));
    this.sink.write(`postings/${block}.bin`, this.out.finish());
    [this.entries, this.out] = [[], new ByteWriter()];
  }
}

/** Positions shards of consecutive terms, closed by size. */
class PositionsWriter {
  readonly firstTerms: string[] = [];
  private entries: [string, Uint8Array][] = [];
  private bytes = 0;

  constructor(
    private readonly sink: ArtifactSink,
    private readonly targetBytes: number,
  ) {}

  add(term: string, posting: Uint8Array): void {
    this.entries.push([term, posting]);
    this.bytes += posting.length;
    if (this.bytes >= this.targetBytes) this.close();
  }

  close(): void {
    if (this.entries.length === 0) return;
    const shard = this.firstTerms.length;
    this.firstTerms.push(this.entries[0]![0]);
    this.sink.write(`positions/${shard}.bin`, encodePositionsShard(this.entries));
    [this.entries, this.bytes] = [[], 0];
  }
}

/** Spelled-from blocks of about `perBlock` entries; one spelling's entries never straddle two blocks, so a block's first key finds them all. */
function writeSpelled(pairs: SpelledFrom, sink: ArtifactSink, perBlock: number): string[] {
  const firstKeys: string[] = [];
  for (let first = 0; first < pairs.length; ) {
    let end = Math.min(first + perBlock, pairs.length);
    while (end < pairs.length && pairs[end]![0] === pairs[end - 1]![0]) end++;
    const block = pairs.slice(first, end);
    sink.write(`spelled/${firstKeys.length}.json`, new TextEncoder().encode(JSON.stringify(block)));
    firstKeys.push(block[0]![0]);
    first = end;
  }
  return firstKeys;
}

/** Documents holding the term in any field (title, text, fields): the union of the fields' ascending lists. */
function documentFrequency(fields: TermRecord["fields"]): number {
  const lists = fields.map((field) => field?.documents ?? []);
  const at = lists.map(() => 0);
  let count = 0;
  for (;;) {
    let lowest = Infinity;
    lists.forEach((list, n) => {
      if (at[n]! < list.length && list[at[n]!]! < lowest) lowest = list[at[n]!]!;
    });
    if (lowest === Infinity) return count;
    count++;
    lists.forEach((list, n) => {
      if (list[at[n]!] === lowest) at[n]!++;
    });
  }
}
