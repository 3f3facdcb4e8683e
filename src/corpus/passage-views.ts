/**
 * Each document's view of what it shares: from the maximal runs of each
 * pair of documents, the spans on both sides, the words covered, whether
 * the two are near-copies, and the documents a reader is shown; held while
 * its pairs come (passage-answers.ts gives it, document by document).
 */
import type { SharedPassagesOptions, SharedSpan } from "./passages";
import type { ExactCopies } from "./passage-copies";
import type { Run } from "./passage-runs";
import type { IntStore } from "./passage-store";

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

/**
 * What one read document shares with another, `other` (see SharedViews):
 * plain numbers, its spans left in the views' span store until the
 * document is given.
 */
export interface Entry {
  readonly other: number;
  readonly sharedWords: number;
  readonly nearCopy: boolean;
  /** Where its spans are in the span store (SPAN_RECORD integers each), and how many (0 once cut away). */
  readonly spansAt: number;
  spans: number;
}

/** The integers a span takes in the span store: start, end, otherStart, otherEnd, words. */
const SPAN_RECORD = 5;

/** What SharedViews held at most at once, as a comparison goes. */
export interface ViewsHeld {
  /** Read documents whose views were held. */
  views: number;
  /** Entries in those views. */
  entries: number;
}

/**
 * Each read document's view of what it shares, made pair by pair as the
 * runs come, one pair's at a time: its runs are dropped once both sides'
 * entries are made, and the spans kept (maxSpans) go to the span store,
 * so that a view waiting for its pairs holds a few numbers an entry. Pairs
 * are of read documents (see ExactCopies): a view is kept for the first
 * read of each text, until the documents with that text have been given
 * (see DocumentAnswers), and dropped then.
 *
 * With a finite maxSharedWith, a view is cut down whenever it has doubled
 * (see cut): an entry below the first maxSharedWith documents can only go
 * further down as pairs come, so it is never needed back. The answer does
 * not depend on the order the pairs come in.
 */
export class SharedViews {
  /** By read document: what it shares with each other one (null: nothing yet, dropped, or not the first read of its text). */
  private readonly views: (Entry[] | null)[];
  /** By read document: the length at which its view is cut next (maxSharedWith finite only). */
  private readonly cutAt: Int32Array;
  /** Held now. */
  private readonly held: ViewsHeld = { views: 0, entries: 0 };
  /** Held at most so far: the bound the streaming answer keeps (tests check it). */
  readonly mostHeld: ViewsHeld = { views: 0, entries: 0 };

  constructor(
    private readonly copies: ExactCopies,
    private readonly offsets: WordOffsets,
    private readonly totals: Int32Array,
    private readonly options: Required<Pick<SharedPassagesOptions, "maxSpans" | "maxSharedWith">>,
    /** Where the spans kept go (the corpus's to drop). */
    private readonly spanStore: IntStore,
  ) {
    this.views = Array.from({ length: totals.length }, () => null);
    this.cutAt = new Int32Array(Number.isFinite(options.maxSharedWith) ? totals.length : 0).fill(2 * Math.max(1, options.maxSharedWith));
  }

  /** Adds what read documents a and b share: every maximal run of the pair, each once, by word of a. */
  addPair(a: number, b: number, runs: readonly Run[]): void {
    const [aKeeps, bKeeps] = [this.copies.isFirst(a), this.copies.isFirst(b)];
    // Two second copies: neither keeps a view (what they share, their texts' first copies share too).
    if (!aKeeps && !bKeeps) return;
    const fromA = [...runs].sort(byStart);
    const fromB = runs.map(mirror).sort(byStart);
    const [aShares, bShares] = [coveredWords(fromA), coveredWords(fromB)];
    const nearCopy = aShares >= NEAR_COPY_SHARE * this.totals[a]! || bShares >= NEAR_COPY_SHARE * this.totals[b]!;
    if (aKeeps) this.add(a, { other: b, sharedWords: aShares, nearCopy, ...this.keepSpans(fromA, a, b) });
    if (bKeeps) this.add(b, { other: a, sharedWords: bShares, nearCopy, ...this.keepSpans(fromB, b, a) });
  }

  /** The view of a read document (null: it shares nothing, or its view was dropped). */
  viewOf(read: number): readonly Entry[] | null {
    return this.views[read]!;
  }

  /** An entry's spans, read back from the span store: by start, then otherStart. */
  spansOf(entry: Entry): SharedSpan[] {
    const values = this.spanStore.slice(entry.spansAt, entry.spansAt + entry.spans * SPAN_RECORD);
    const spans: SharedSpan[] = [];
    for (let at = 0; at < values.length; at += SPAN_RECORD) {
      spans.push({ start: values[at]!, end: values[at + 1]!, otherStart: values[at + 2]!, otherEnd: values[at + 3]!, words: values[at + 4]! });
    }
    return spans;
  }

  /** Frees a read document's view: every document with its text has been given. */
  drop(read: number): void {
    const view = this.views[read];
    if (!view) return;
    this.views[read] = null;
    this.held.views--;
    this.held.entries -= view.length;
  }

  private add(document: number, shared: Entry): void {
    let view = this.views[document];
    if (!view) {
      view = this.views[document] = [];
      this.held.views++;
      this.mostHeld.views = Math.max(this.mostHeld.views, this.held.views);
    }
    view.push(shared);
    this.held.entries++;
    this.mostHeld.entries = Math.max(this.mostHeld.entries, this.held.entries);
    if (this.cutAt.length === 0 || view.length < this.cutAt[document]!) return;
    const kept = this.cut(document, view);
    this.held.entries -= view.length - kept.length;
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
    const nearCopies = view.slice(kept).filter((entry) => entry.nearCopy);
    for (const entry of nearCopies) entry.spans = 0;
    return [...view.slice(0, kept), ...nearCopies];
  }

  /**
   * Writes the spans a reader is shown of one side's runs (`runs` by
   * start, seen from `own`) to the span store: where they are, for its
   * entry. Every run counts in sharedWords; spans are made of the runs kept
   * only.
   */
  private keepSpans(runs: readonly Run[], own: number, other: number): Pick<Entry, "spansAt" | "spans"> {
    const [starts, ends, otherStarts, otherEnds] = [this.offsets.startsOf(own), this.offsets.endsOf(own), this.offsets.startsOf(other), this.offsets.endsOf(other)];
    const kept = longestOf(runs as Run[], this.options.maxSpans, {
      words: (run) => run.to - run.from,
      start: (run) => starts[run.from]!,
      otherStart: (run) => otherStarts[run.otherFrom]!,
    });
    const spansAt = this.spanStore.length;
    for (const run of kept) {
      const words = run.to - run.from;
      for (const value of [starts[run.from]!, ends[run.to - 1]!, otherStarts[run.otherFrom]!, otherEnds[run.otherFrom + words - 1]!, words]) this.spanStore.push(value);
    }
    return { spansAt, spans: kept.length };
  }
}

/** Runs by start, then otherStart: the order spans are listed in. */
function byStart(x: Run, y: Run): number {
  return x.from - y.from || x.otherFrom - y.otherFrom;
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
