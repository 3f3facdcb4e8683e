/**
 * The documents one clause of a query matched, and how, as columns in
 * position order. A common word matches most of a corpus ("com": 207,626
 * of 250,000 e-mails), and an object and a map entry for each of them were
 * most of what its query cost; here a match is a row of typed arrays,
 * read in place, and an object only for the page of hits (`get`).
 */

/** How one clause matched one document. */
export interface ClauseMatch {
  /** BM25+ score of the clause's terms in the document; 0 for stop words. */
  score: number;
  /** The best way the clause matched: its own term, a completion of it, or a typo. */
  quality: MatchQuality;
  /** Matched in the title. */
  inTitle: boolean;
  /** The first place among the title's words where the clause's words stand; Infinity when not in the title. */
  titleWord: number;
  /**
   * The index terms that matched and how each was reached, to mark one by
   * one (a phrase is marked as a whole instead).
   */
  terms: ReadonlyMap<string, MatchQuality>;
}

export type MatchQuality = "exact" | "prefix" | "typo";

/** Qualities as stored, better first: the order ranking gives them. */
const QUALITIES: readonly MatchQuality[] = ["exact", "prefix", "typo"];
const CODE: Record<MatchQuality, number> = { exact: 0, prefix: 1, typo: 2 };

/** The better of two qualities. */
export function best(a: MatchQuality, b: MatchQuality): MatchQuality {
  return CODE[a] <= CODE[b] ? a : b;
}

/** Document position → how the clause matched it. */
export class ClauseMatches {
  static readonly none = new ClauseMatches(new Int32Array(0), new Float64Array(0), new Uint8Array(0), new Uint8Array(0), new Float64Array(0), []);

  /** Made by ClauseMatchesBuilder, which keeps the positions ascending. */
  constructor(
    /** Ascending, each once. */
    readonly positions: Int32Array,
    private readonly scores: Float64Array,
    private readonly qualities: Uint8Array,
    private readonly inTitles: Uint8Array,
    private readonly titleWords: Float64Array,
    /** Per row; rows matched by the same terms share one map. */
    private readonly termMaps: readonly ReadonlyMap<string, MatchQuality>[],
  ) {}

  get size(): number {
    return this.positions.length;
  }

  /** The row of a document, or -1 when the clause did not match it. */
  rowOf(position: number): number {
    return this.rowFrom(position, 0);
  }

  /** The first row from `from` on whose position is at least `position` (size when none): where a run below it ends. */
  lowerBound(position: number, from: number): number {
    const positions = this.positions;
    let [low, high] = [from, positions.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (positions[middle]! < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The columns themselves, for a builder copying rows in bulk. */
  columns(): [Int32Array, Float64Array, Uint8Array, Uint8Array, Float64Array, readonly ReadonlyMap<string, MatchQuality>[]] {
    return [this.positions, this.scores, this.qualities, this.inTitles, this.titleWords, this.termMaps];
  }

  /**
   * As rowOf, looking only at rows from `from` on: a merge that walks
   * positions upwards never looks back, and mostly finds its next row
   * near the last, so the search gallops from there (doubling steps), then
   * halves.
   */
  rowFrom(position: number, from: number): number {
    const positions = this.positions;
    const end = positions.length;
    if (from >= end || positions[from]! > position) return -1;
    if (positions[from] === position) return from;
    let step = 1;
    while (from + step < end && positions[from + step]! < position) {
      from += step;
      step *= 2;
    }
    let [low, high] = [from + 1, Math.min(from + step, end - 1)];
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = positions[middle]!;
      if (found === position) return middle;
      if (found < position) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  has(position: number): boolean {
    return this.rowOf(position) !== -1;
  }

  /** How the clause matched a document, as an object (for the page of hits, not for every match). */
  get(position: number): ClauseMatch | undefined {
    const row = this.rowOf(position);
    return row === -1 ? undefined : this.at(row);
  }

  at(row: number): ClauseMatch {
    return { score: this.score(row), quality: this.quality(row), inTitle: this.inTitle(row), titleWord: this.titleWord(row), terms: this.terms(row) };
  }

  score(row: number): number {
    return this.scores[row]!;
  }

  quality(row: number): MatchQuality {
    return QUALITIES[this.qualities[row]!]!;
  }

  inTitle(row: number): boolean {
    return this.inTitles[row] === 1;
  }

  titleWord(row: number): number {
    return this.titleWords[row]!;
  }

  terms(row: number): ReadonlyMap<string, MatchQuality> {
    return this.termMaps[row]!;
  }

  /** Whether some document matched other than only through a typo. */
  someNotTypo(): boolean {
    return this.qualities.some((quality) => quality !== CODE.typo);
  }

  /**
   * Membership as a bit per document of a corpus of `documentCount`: O(1)
   * where rowOf is a binary search, for a test run once per posting.
   */
  membership(documentCount: number): (position: number) => boolean {
    const bits = new Uint32Array((documentCount + 31) >>> 5);
    for (const position of this.positions) bits[position >>> 5]! |= 1 << (position & 31);
    return (position) => position < documentCount && (bits[position >>> 5]! & (1 << (position & 31))) !== 0;
  }

  static builder(capacity: number): ClauseMatchesBuilder {
    return new ClauseMatchesBuilder(capacity);
  }

  /**
   * Documents matched alike, exactly, with no score and not in the title
   * (a stop word's): the columns filled whole, not row by row.
   */
  static unscored(positions: Int32Array, terms: ReadonlyMap<string, MatchQuality>): ClauseMatches {
    const n = positions.length;
    for (let row = 1; row < n; row++) if (positions[row - 1]! >= positions[row]!) throw new Error("clause matches are added in ascending position");
    const qualities = new Uint8Array(n).fill(CODE.exact);
    return new ClauseMatches(positions, new Float64Array(n), qualities, new Uint8Array(n), new Float64Array(n).fill(Infinity), new Array<ReadonlyMap<string, MatchQuality>>(n).fill(terms));
  }
}

/** Rows added in ascending position, at most `capacity` of them. */
export class ClauseMatchesBuilder {
  private readonly positions: Int32Array;
  private readonly scores: Float64Array;
  private readonly qualities: Uint8Array;
  private readonly inTitles: Uint8Array;
  private readonly titleWords: Float64Array;
  private readonly termMaps: ReadonlyMap<string, MatchQuality>[] = [];
  private length = 0;

  constructor(capacity: number) {
    this.positions = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
    this.qualities = new Uint8Array(capacity);
    this.inTitles = new Uint8Array(capacity);
    this.titleWords = new Float64Array(capacity);
  }

  add(position: number, score: number, quality: MatchQuality, inTitle: boolean, titleWord: number, terms: ReadonlyMap<string, MatchQuality>): void {
    const row = this.length;
    if (row > 0 && this.positions[row - 1]! >= position) throw new Error("clause matches are added in ascending position");
    this.positions[row] = position;
    this.scores[row] = score;
    this.qualities[row] = CODE[quality];
    this.inTitles[row] = inTitle ? 1 : 0;
    this.titleWords[row] = titleWord;
    this.termMaps.push(terms);
    this.length++;
  }

  /** Rows `start` to `end` (exclusive) of another set, as they are, copied column by column. */
  copyRows(from: ClauseMatches, start: number, end: number): void {
    if (end <= start) return;
    const [positions, scores, qualities, inTitles, titleWords, termMaps] = from.columns();
    if (this.length > 0 && this.positions[this.length - 1]! >= positions[start]!) throw new Error("clause matches are added in ascending position");
    this.positions.set(positions.subarray(start, end), this.length);
    this.scores.set(scores.subarray(start, end), this.length);
    this.qualities.set(qualities.subarray(start, end), this.length);
    this.inTitles.set(inTitles.subarray(start, end), this.length);
    this.titleWords.set(titleWords.subarray(start, end), this.length);
    for (let row = start; row < end; row++) this.termMaps.push(termMaps[row]!);
    this.length += end - start;
  }

  finish(): ClauseMatches {
    const n = this.length;
    return new ClauseMatches(
      this.positions.subarray(0, n),
      this.scores.subarray(0, n),
      this.qualities.subarray(0, n),
      this.inTitles.subarray(0, n),
      this.titleWords.subarray(0, n),
      this.termMaps,
    );
  }
}

/**
 * Documents in either set. Where both matched, `both` says how (given the
 * two rows); the walk is a merge of the two position orders.
 */
export function unite(a: ClauseMatches, b: ClauseMatches, both: (a: ClauseMatch, b: ClauseMatch) => ClauseMatch): ClauseMatches {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  const result = ClauseMatches.builder(a.size + b.size);
  let [i, j] = [0, 0];
  // Runs of one set below the other's next position are copied whole: a
  // word's completions mostly fall between the documents of the word.
  while (i < a.size || j < b.size) {
    if (j === b.size) {
      result.copyRows(a, i, (i = a.size));
    } else if (i === a.size) {
      result.copyRows(b, j, (j = b.size));
    } else if (a.positions[i]! < b.positions[j]!) {
      result.copyRows(a, i, (i = a.lowerBound(b.positions[j]!, i)));
    } else if (b.positions[j]! < a.positions[i]!) {
      result.copyRows(b, j, (j = b.lowerBound(a.positions[i]!, j)));
    } else {
      const match = both(a.at(i++), b.at(j++));
      result.add(a.positions[i - 1]!, match.score, match.quality, match.inTitle, match.titleWord, match.terms);
    }
  }
  return result.finish();
}

/** Documents in either set; where in both, `a`'s match as it is. */
export function uniteKeepingFirst(a: ClauseMatches, b: ClauseMatches): ClauseMatches {
  return unite(a, b, (first) => first);
}
