/**
 * Each document's view of what it shares: from the maximal runs of each
 * pair of documents, the spans on both sides, the words covered, whether
 * the two are near-copies, and the documents a reader is shown.
 */
import type { DocumentPassages, SharedPassagesOptions, SharedSpan, SharedWith } from "./passages";
import type { ExactCopies } from "./passage-copies";
import type { Run } from "./passage-runs";

/**
 * Two documents are near-copies when the passages they share cover at least
 * this share of either one's words: one is, for the most part, the other's
 * text (Broder's containment, rather than resemblance). News versions are
 * trimmed and extended copies of one another, so the shorter side is the
 * one to read. Measured on the seeds (raw files): 000 and 001, two versions
 * of one story, share 323 words, 92% of 000's 353 but only 54% of 001's 595
 * (001 adds a press briefing, "WATCH:" lines and Putin's denial). No other
 * pair shares more than 4.2% of either side: 000 with 003 one 15-word
 * sentence (4.2% of 000, 3.0% of 003), 001 with 003 the same sentence
 * (2.5%, 3.0%), 002 with 004 a 13-word quote (2.2%, 3.6%). Requiring half
 * of each side would keep 000/001 by two paragraphs only (54% against 50%),
 * and would miss a wire copy cut to a third of its length, the commonest
 * version of all; half of either side puts the line far from both 92% and
 * 4.2%.
 */
export const NEAR_COPY_SHARE = 0.5;

/** Where each word of a document stands in its text (UTF-16 offsets), by document. */
export interface WordOffsets {
  startsOf(document: number): Int32Array;
  endsOf(document: number): Int32Array;
}

/** What one read document shares with another, `other` (see SharedViews). */
interface Entry {
  other: number;
  sharedWords: number;
  nearCopy: boolean;
  spans: SharedSpan[];
  /** The entry as it is given for each document it stands for, made once for them all: with its spans, and without. */
  given?: Map<string, SharedWith>;
  givenWithoutSpans?: Map<string, SharedWith>;
}

/**
 * Each document's view of what it shares, made pair by pair as the runs
 * come, one pair's at a time: its runs are dropped once both sides' spans
 * are made. Pairs are of read documents (see ExactCopies): a view is kept for the
 * first read of each text, and given at the end to every document with
 * that text, each entry given for every document it stands for.
 *
 * With a finite maxSharedWith, a view is cut down whenever it has doubled
 * (see cut): an entry below the first maxSharedWith documents can only go
 * further down as pairs come, so it is never needed back. The answer does
 * not depend on the order the pairs come in.
 */
export class SharedViews {
  /** By read document: what it shares with each other one (null: nothing yet, or not the first read of its text). */
  private readonly views: (Entry[] | null)[];
  /** By read document: the length at which its view is cut next (maxSharedWith finite only). */
  private readonly cutAt: Int32Array;

  constructor(
    private readonly copies: ExactCopies,
    private readonly offsets: WordOffsets,
    private readonly totals: Int32Array,
    private readonly options: Required<Pick<SharedPassagesOptions, "maxSpans" | "maxSharedWith">>,
  ) {
    this.views = Array.from({ length: totals.length }, () => null);
    this.cutAt = new Int32Array(Number.isFinite(options.maxSharedWith) ? totals.length : 0).fill(2 * Math.max(1, options.maxSharedWith));
  }

  /** Adds what read documents a and b share: every maximal run of the pair, each once, by word of a. */
  addPair(a: number, b: number, runs: readonly Run[]): void {
    // Two second copies: neither keeps a view (what they share, their texts' first copies share too).
    if (!this.copies.isFirst(a) && !this.copies.isFirst(b)) return;
    const [aStarts, aEnds, bStarts, bEnds] = [this.offsets.startsOf(a), this.offsets.endsOf(a), this.offsets.startsOf(b), this.offsets.endsOf(b)];
    const fromA = this.sharedWith(b, runs, aStarts, aEnds, bStarts, bEnds);
    const fromB = this.sharedWith(a, runs.map(mirror), bStarts, bEnds, aStarts, aEnds);
    const nearCopy = fromA.sharedWords >= NEAR_COPY_SHARE * this.totals[a]! || fromB.sharedWords >= NEAR_COPY_SHARE * this.totals[b]!;
    if (this.copies.isFirst(a)) this.add(a, { ...fromA, nearCopy });
    if (this.copies.isFirst(b)) this.add(b, { ...fromB, nearCopy });
  }

  /**
   * Every document added, in `order` (by id), with the documents it shares
   * with: most shared words first, then by id; those sharing nothing left
   * out.
   */
  readout(order: readonly number[]): DocumentPassages[] {
    const result: DocumentPassages[] = [];
    for (const document of order) {
      const read = this.copies.firstReadOf(document);
      const view = this.views[read];
      if (!view) continue;
      const given = view.flatMap((entry) => this.copies.membersFor(document, entry.other).map((id) => ({ entry, id })));
      given.sort((x, y) => y.entry.sharedWords - x.entry.sharedWords || compareIds(x.id, y.id));
      const max = this.options.maxSharedWith;
      const sharedWith = given.flatMap(({ entry, id }, rank) => (rank < max ? [givenAs(entry, id, true)] : entry.nearCopy ? [givenAs(entry, id, false)] : []));
      result.push({ id: this.copies.ids[document]!, words: this.totals[read]!, sharedWith });
    }
    return result;
  }

  private add(document: number, shared: Entry): void {
    const view = (this.views[document] ??= []);
    view.push(shared);
    if (this.cutAt.length === 0 || view.length < this.cutAt[document]!) return;
    const kept = this.cut(document, view);
    this.views[document] = kept;
    // Twice what is left (near-copies past the first ones stay), so that cutting costs O(1) a pair, amortized.
    this.cutAt[document] = 2 * Math.max(kept.length, this.options.maxSharedWith);
  }

  /**
   * A view, most shared words first: the entries standing for the first
   * maxSharedWith documents and any as many shared words as the last of
   * them (ids decide among equals once the entries are given for each
   * document), and the near-copies after them with no spans.
   */
  private cut(document: number, view: Entry[]): Entry[] {
    view.sort((x, y) => y.sharedWords - x.sharedWords);
    let kept = 0;
    for (let standing = 0; kept < view.length && standing < this.options.maxSharedWith; kept++) standing += this.copies.stands(document, view[kept]!.other);
    while (kept > 0 && kept < view.length && view[kept]!.sharedWords === view[kept - 1]!.sharedWords) kept++;
    if (kept === view.length) return view;
    return [...view.slice(0, kept), ...view.slice(kept).flatMap((entry) => (entry.nearCopy ? [{ ...entry, spans: [] }] : []))];
  }

  /** One side's view of the runs it shares with one other document (nearCopy is decided on both sides). */
  private sharedWith(other: number, runs: readonly Run[], starts: Int32Array, ends: Int32Array, otherStarts: Int32Array, otherEnds: Int32Array): Omit<Entry, "nearCopy"> {
    const ordered = [...runs].sort((x, y) => x.from - y.from || x.otherFrom - y.otherFrom);
    // Every run counts in sharedWords; spans are made of the runs kept only.
    const kept = longestOf(ordered, this.options.maxSpans, {
      words: (run) => run.to - run.from,
      start: (run) => starts[run.from]!,
      otherStart: (run) => otherStarts[run.otherFrom]!,
    });
    const spans = kept.map((run): SharedSpan => {
      const words = run.to - run.from;
      const otherTo = run.otherFrom + words;
      return { start: starts[run.from]!, end: ends[run.to - 1]!, otherStart: otherStarts[run.otherFrom]!, otherEnd: otherEnds[otherTo - 1]!, words };
    });
    return { other, sharedWords: coveredWords(ordered), spans };
  }
}

/**
 * An entry as given for the document `id` it stands for, with its spans or
 * without: one object for every document whose answer lists it (on mail
 * repeated to 250,000, each e-mail's 41 copies list the 40 others).
 */
function givenAs(entry: Entry, id: string, withSpans: boolean): SharedWith {
  const given = withSpans ? (entry.given ??= new Map()) : (entry.givenWithoutSpans ??= new Map());
  let shared = given.get(id);
  if (!shared) {
    shared = { id, sharedWords: entry.sharedWords, nearCopy: entry.nearCopy, spans: withSpans ? entry.spans : [] };
    given.set(id, shared);
  }
  return shared;
}

/** The same run seen from the other document. */
function mirror(run: Run): Run {
  return { from: run.otherFrom, to: run.otherFrom + run.to - run.from, otherFrom: run.from };
}

/** Words inside at least one run (runs sorted by start). */
function coveredWords(runs: readonly Run[]): number {
  let covered = 0;
  let reached = 0;
  for (const { from, to } of runs) {
    if (to > reached) covered += to - Math.max(from, reached);
    reached = Math.max(reached, to);
  }
  return covered;
}

/** What longestSpans compares of a span, read from whatever stands for it. */
export interface SpanKeys<T> {
  words(item: T): number;
  start(item: T): number;
  otherStart(item: T): number;
}

/**
 * The items of `items` (in their order: by start, then otherStart) that a
 * reader is shown when there are more than `max`: the longest, the first
 * of equally long ones, back in their order. All of them when there are no
 * more than `max`, so picking twice picks the same. Applied to runs before
 * their spans are made, so that the spans left out (most of them, where a
 * line repeats: r·s runs) are never made.
 */
export function longestOf<T>(items: T[], max: number, keys: SpanKeys<T>): T[] {
  if (items.length <= max) return items;
  const { words, start, otherStart } = keys;
  return [...items]
    .sort((a, b) => words(b) - words(a) || start(a) - start(b))
    .slice(0, max)
    .sort((a, b) => start(a) - start(b) || otherStart(a) - otherStart(b));
}

/** Code-unit order: the same in every locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
