/**
 * What the build records of the passages documents share (passages.ts),
 * by document position: the documents each shares most with and where
 * (related/<n>.json, beside its records file, read for /documents/:id and
 * the compare view), the same documents as a hit names them (its record's
 * carriers), and which documents are copies of one story (copies.bin, read
 * when a search folds copies). RecordFiles writes them.
 */
import type { CarrierEntry, DocumentRecord, RelatedEntry } from "../search/artifact";
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
 * What a build's related entries read of the passages' answer, so all it
 * needs them to make: the entries are the same as from every span of
 * every document (tests/corpus/passages.property.test.ts), with far fewer spans held
 * (a passage written r times in one document and s times in another is
 * r·s spans) and far fewer documents (on mail repeated to 30,000, each
 * document shares passages with dozens).
 */
export const RELATED_PASSAGES: SharedPassagesOptions = { maxSpans: MAX_SPANS, maxSharedWith: MAX_RELATED };

/** What a related entry names of a document. */
export type Named = Pick<DocumentRecord, "id" | "source" | "title">;

/**
 * Makes each document's related entries, naming the documents it shares
 * with: one entry object for every document listing the same SharedWith
 * object (sharedPassages gives copies of a text the same ones).
 */
export class RelatedEntries {
  readonly positions: Map<string, number>;
  private readonly made = new WeakMap<SharedWith, RelatedEntry>();

  constructor(private readonly documents: readonly Named[]) {
    this.positions = new Map(documents.map(({ id }, position) => [id, position]));
  }

  /** A document's entries (null: it shares nothing), at most MAX_RELATED, most shared first. */
  of(found: DocumentPassages | null): RelatedEntry[] | null {
    if (!found) return null;
    return found.sharedWith.slice(0, MAX_RELATED).map((other) => {
      let entry = this.made.get(other);
      if (!entry) this.made.set(other, (entry = relatedEntry(this.documents[this.positions.get(other.id)!]!, other)));
      return entry;
    });
  }
}

/**
 * Copy groups, from each document's near-copies: a group is the documents
 * linked by near-copy pairs, chains included (a is a copy of b, b of c), as
 * a news reader's story clusters are, numbered by the position of its first
 * document (browse order).
 */
export class CopyGroups {
  private readonly groups: UnionFind;
  private readonly inAny: Uint8Array;

  constructor(documents: number) {
    this.groups = new UnionFind(documents);
    this.inAny = new Uint8Array(documents);
  }

  /** What the document at `position` shares (null: nothing); `entries` knows the others' positions. */
  add(position: number, found: DocumentPassages | null, entries: RelatedEntries): void {
    if (!found) return;
    for (const other of found.sharedWith) {
      if (!other.nearCopy) continue;
      this.inAny[position] = 1;
      this.groups.union(position, entries.positions.get(other.id)!);
    }
  }

  /** By position: its copy group, or -1 when it is nobody's near-copy; and how many documents have one. */
  finish(): { copies: Int32Array; inGroups: number } {
    const copies = new Int32Array(this.inAny.length).fill(-1);
    let inGroups = 0;
    this.inAny.forEach((inGroup, position) => {
      if (inGroup === 0) return;
      copies[position] = this.groups.find(position);
      inGroups++;
    });
    return { copies, inGroups };
  }
}

/**
 * The carriers a records file lists for a document, from its related
 * entries: the same documents, in the same order, with only this side's
 * spans, merged where they overlap (what alsoIn reads, and gets the same
 * answer from: tests/search/carriers.property.test.ts); none for a
 * near-copy, named whatever its snippet shows.
 */
export function carriersOf(entries: readonly RelatedEntry[]): CarrierEntry[] {
  return entries.map(([id, source, title, nearCopy, , spans]): CarrierEntry => [id, source, title, nearCopy, nearCopy === 1 ? [] : mergedSpans(spans)]);
}

/**
 * This side's [start, end] of flat related spans (five numbers each),
 * merged where they overlap, by start. Spans that only touch stay apart:
 * an empty shown stretch where they meet overlaps neither.
 */
function mergedSpans(spans: readonly number[]): number[] {
  const sides: [number, number][] = [];
  for (let i = 0; i + 4 < spans.length; i += 5) sides.push([spans[i]!, spans[i + 1]!]);
  sides.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: number[] = [];
  for (const [start, end] of sides) {
    const last = merged.length - 1;
    if (last > 0 && start < merged[last]!) merged[last] = Math.max(merged[last]!, end);
    else merged.push(start, end);
  }
  return merged;
}

function relatedEntry(other: Named, shared: SharedWith): RelatedEntry {
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
