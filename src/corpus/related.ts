/**
 * What the build records of the passages documents share (passages.ts),
 * by document position: the documents each shares most with and where
 * (related/<n>.json, beside its records file, read for a page of hits and
 * for /documents/:id), and which documents are copies of one story
 * (copies.bin, read when a search folds copies).
 */
import type { DocumentRecord, RelatedEntry } from "../search/artifact";
import { longestSpans, type DocumentPassages, type SharedPassagesOptions, type SharedWith } from "./passages";

/**
 * Documents kept per document, most shared words first. A hit says "also
 * in" two or three outlets and a document page lists its relatives; a wire
 * story carried by hundreds of sites would make every record hundreds of
 * entries long, read with every page of hits.
 */
export const MAX_RELATED = 8;

/**
 * Spans kept per related document, the longest (then the first) of them.
 * Two near-copies share a handful of runs, broken where one version
 * changed a word; a passage repeated in both many times is not more
 * telling for being listed each time.
 */
export const MAX_SPANS = 32;

/**
 * What relatedTable reads of sharedPassages' answer, so all a build needs
 * it to make: the table is the same as from every span of every document
 * (tests/corpus/passages.property.test.ts), with far fewer spans held
 * (a passage written r times in one document and s times in another is
 * r·s spans) and far fewer documents (on mail repeated to 30,000, each
 * document shares passages with dozens).
 */
export const RELATED_PASSAGES: SharedPassagesOptions = { maxSpans: MAX_SPANS, maxSharedWith: MAX_RELATED };

/** Each position's related documents (null: shares nothing), and its copy group. */
export interface RelatedTable {
  /** By position: the documents it shares passages with, at most MAX_RELATED, most shared first; null when none. */
  entries: (RelatedEntry[] | null)[];
  /**
   * By position: its copy group, the position of the group's first
   * document (browse order), or -1 when it is nobody's near-copy. A group is
   * the documents linked by near-copy pairs, chains included (a is a copy of
   * b, b of c), as a news reader's story clusters are.
   */
  copies: Int32Array;
  /** Documents that have a copy group. */
  inGroups: number;
}

/** The table of documents given in browse order, from what passages found. */
export function relatedTable(documents: readonly Pick<DocumentRecord, "id" | "source" | "title">[], passages: readonly DocumentPassages[]): RelatedTable {
  const positions = new Map(documents.map(({ id }, position) => [id, position]));
  const entries: (RelatedEntry[] | null)[] = documents.map(() => null);
  const groups = new UnionFind(documents.length);
  // One entry for every document listing the same object: sharedPassages gives copies of a text the same ones.
  const made = new Map<SharedWith, RelatedEntry>();
  const entryOf = (other: SharedWith) => {
    let entry = made.get(other);
    if (!entry) made.set(other, (entry = relatedEntry(documents[positions.get(other.id)!]!, other)));
    return entry;
  };
  for (const { id, sharedWith } of passages) {
    const position = positions.get(id)!;
    entries[position] = sharedWith.slice(0, MAX_RELATED).map(entryOf);
    for (const other of sharedWith) if (other.nearCopy) groups.union(position, positions.get(other.id)!);
  }
  const copies = new Int32Array(documents.length).fill(-1);
  let inGroups = 0;
  for (const { id, sharedWith } of passages) {
    if (!sharedWith.some((other) => other.nearCopy)) continue;
    const position = positions.get(id)!;
    copies[position] = groups.find(position);
    inGroups++;
  }
  return { entries, copies, inGroups };
}

function relatedEntry(other: Pick<DocumentRecord, "id" | "source" | "title">, shared: SharedWith): RelatedEntry {
  const kept = longestSpans(shared.spans, MAX_SPANS);
  return [other.id, other.source, other.title, shared.nearCopy ? 1 : 0, shared.sharedWords, kept.flatMap(({ start, end, otherStart, otherEnd, words }) => [start, end, otherStart, otherEnd, words])];
}

/** Disjoint sets whose representative is their smallest member. */
class UnionFind {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, i) => i);
  }
  find(x: number): number {
    let root = x;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[x] !== root) [this.parent[x], x] = [root, this.parent[x]!];
    return root;
  }
  union(a: number, b: number): void {
    const [x, y] = [this.find(a), this.find(b)];
    if (x < y) this.parent[y] = x;
    else if (y < x) this.parent[x] = y;
  }
}
