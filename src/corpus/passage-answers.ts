/**
 * Each document's answer, given as soon as it is final, in the order the
 * documents were added: pairs of read documents come by the first one (a,
 * then b), so a read document's view is complete once the pairs have
 * moved past it (those naming it second came earlier, in the first one's
 * turn), and a document's answer is its text's first read's view. A view
 * is dropped once the last document with its text has been given, so what
 * is held is the views still taking pairs (and those of texts with copies
 * yet to give), not the corpus's answer.
 */
import type { DocumentPassages, SharedSpan, SharedWith } from "./passages";
import type { ExactCopies } from "./passage-copies";
import { compareIds, type Entry, type SharedViews } from "./passage-views";

/** Called with each document added (its number, in the order added) and its answer, null when it shares nothing. */
export type GivenDocument = (document: number, passages: DocumentPassages | null) => void;

/**
 * What one entry was given as, kept while copies of its text are still to
 * be given, so that they are given the same objects (a build makes one
 * related entry of each: on mail repeated to 250,000, each e-mail's 41
 * copies list the 40 others).
 */
interface GivenEntry {
  spans: SharedSpan[] | null;
  withSpans: Map<string, SharedWith>;
  withoutSpans: Map<string, SharedWith>;
}

/** A cursor over the documents added, giving each one's answer once its view is final. */
export class DocumentAnswers {
  /** The next document to give (all before it are given). */
  private next = 0;
  /** Pairs have come up to this read document (pairs of those before it are all in). */
  private reached = 0;
  /** By read document whose text has copies still to give: what its entries were given as. */
  private readonly made = new Map<number, Map<Entry, GivenEntry>>();

  constructor(
    private readonly copies: ExactCopies,
    private readonly views: SharedViews,
    private readonly totals: Int32Array,
    private readonly maxSharedWith: number,
    private readonly given: GivenDocument,
  ) {}

  /** The pairs have reached read document `read` (the first of the pair now coming): every view before it is final. */
  reach(read: number): void {
    if (read < this.reached) throw new Error(`passages: a pair of read document ${read} came after those of ${this.reached}: pairs must come in order`);
    this.reached = read;
    while (this.next < this.copies.ids.length && this.copies.firstReadOf(this.next) < read) this.give(this.next++);
  }

  /** No pairs are left: gives every document not given yet. */
  finish(): void {
    this.reach(this.totals.length);
  }

  private give(document: number): void {
    const read = this.copies.firstReadOf(document);
    const view = this.views.viewOf(read);
    const last = this.copies.isLastOfText(document);
    const passages = view && this.answerOf(document, read, view, last);
    if (last) {
      this.views.drop(read);
      this.made.delete(read);
    }
    this.given(document, passages);
  }

  /**
   * A document's answer from its text's view, each entry given for every
   * document it stands for: most shared words first, then by id; after the
   * first maxSharedWith, the near-copies only, without spans.
   */
  private answerOf(document: number, read: number, view: readonly Entry[], last: boolean): DocumentPassages {
    let made = this.made.get(read);
    if (!made) {
      made = new Map();
      if (!last) this.made.set(read, made);
    }
    const listed = view.flatMap((entry) => this.copies.membersFor(document, entry.other).map((id) => ({ entry, id })));
    listed.sort((x, y) => y.entry.sharedWords - x.entry.sharedWords || compareIds(x.id, y.id));
    const sharedWith: SharedWith[] = [];
    listed.forEach(({ entry, id }, rank) => {
      if (rank >= this.maxSharedWith && !entry.nearCopy) return;
      let given = made.get(entry);
      if (!given) made.set(entry, (given = { spans: null, withSpans: new Map(), withoutSpans: new Map() }));
      sharedWith.push(this.givenAs(entry, given, id, rank < this.maxSharedWith));
    });
    return { id: this.copies.ids[document]!, words: this.totals[read]!, sharedWith };
  }

  /** An entry as given for the document `id` it stands for, with its spans (read back once) or without. */
  private givenAs(entry: Entry, given: GivenEntry, id: string, withSpans: boolean): SharedWith {
    const byId = withSpans ? given.withSpans : given.withoutSpans;
    let shared = byId.get(id);
    if (!shared) {
      const spans = withSpans ? (given.spans ??= this.views.spansOf(entry)) : [];
      byId.set(id, (shared = { id, sharedWords: entry.sharedWords, nearCopy: entry.nearCopy, spans }));
    }
    return shared;
  }
}
