/**
 * The documents a query matched, with what ranking reads of each, as
 * columns: row i is the document at positions[i]. A common word's query
 * has a candidate for most of the corpus, and ranking, filters and facets
 * read them in place; an object (Candidate) is made for the page of hits
 * only.
 */
import type { ClauseMatch, ClauseMatches } from "./clause-matches";

/** A matching document and how each clause matched it. */
export interface Candidate {
  /** Position in the artifact's documents (browse order). */
  position: number;
  /** Sum of the matched clauses' scores. */
  score: number;
  /** Per searched clause (same order), its match, or undefined. */
  matches: (ClauseMatch | undefined)[];
  /** Clauses matched. */
  matched: number;
  /** Clauses matched only through a typo. */
  typos: number;
  /** Clauses matched only by completing the word being typed. */
  completions: number;
  /** Clauses matched in the title. */
  inTitle: number;
  /**
   * How far the title is from beginning with the query: over the clauses
   * matched in the title, how many words later than its place in the query
   * each first stands there. 0 when the title begins with the query's words.
   */
  titleDistance: number;
  /**
   * The title's name (what precedes its first separator, or all of it:
   * "esbuild" of "esbuild: An extremely fast bundler") is the query's
   * words: the thing the query names.
   */
  isNamed: boolean;
}

/** What ranking compares of a candidate: every field but its matches. */
export type RankedFields = Omit<Candidate, "matches">;

/** Candidates added one by one, at most `capacity` of them. */
export class CandidatesBuilder {
  readonly positions: Int32Array;
  readonly scores: Float64Array;
  readonly matched: Uint16Array;
  readonly typos: Uint16Array;
  readonly completions: Uint16Array;
  readonly inTitle: Uint16Array;
  readonly titleDistance: Float64Array;
  readonly isNamed: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.positions = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
    this.matched = new Uint16Array(capacity);
    this.typos = new Uint16Array(capacity);
    this.completions = new Uint16Array(capacity);
    this.inTitle = new Uint16Array(capacity);
    this.titleDistance = new Float64Array(capacity);
    this.isNamed = new Uint8Array(capacity);
  }

  add(position: number, score: number, matched: number, typos: number, completions: number, inTitle: number, titleDistance: number, isNamed: boolean): void {
    const row = this.length++;
    this.positions[row] = position;
    this.scores[row] = score;
    this.matched[row] = matched;
    this.typos[row] = typos;
    this.completions[row] = completions;
    this.inTitle[row] = inTitle;
    this.titleDistance[row] = titleDistance;
    this.isNamed[row] = isNamed ? 1 : 0;
  }

  /** A browsed document: matched by no clause. */
  addBrowsed(position: number): void {
    this.positions[this.length++] = position;
  }

  finish(perClause: readonly ClauseMatches[]): Candidates {
    return new Candidates(this, perClause);
  }
}

export class Candidates {
  readonly positions: Int32Array;
  readonly scores: Float64Array;
  readonly matched: Uint16Array;
  readonly typos: Uint16Array;
  readonly completions: Uint16Array;
  readonly inTitle: Uint16Array;
  readonly titleDistance: Float64Array;
  readonly isNamed: Uint8Array;

  /** Made by CandidatesBuilder.finish. */
  constructor(
    built: CandidatesBuilder,
    /** The clauses' matches, which each candidate's `matches` are read from. */
    private readonly perClause: readonly ClauseMatches[],
  ) {
    const n = built.length;
    this.positions = built.positions.subarray(0, n);
    this.scores = built.scores.subarray(0, n);
    this.matched = built.matched.subarray(0, n);
    this.typos = built.typos.subarray(0, n);
    this.completions = built.completions.subarray(0, n);
    this.inTitle = built.inTitle.subarray(0, n);
    this.titleDistance = built.titleDistance.subarray(0, n);
    this.isNamed = built.isNamed.subarray(0, n);
  }

  get length(): number {
    return this.positions.length;
  }

  /** Row `row` as a Candidate, with how each clause matched it. */
  at(row: number): Candidate {
    const position = this.positions[row]!;
    return { ...this.rankedAt(row), matches: this.perClause.map((matches) => matches.get(position)) };
  }

  rankedAt(row: number): RankedFields {
    return {
      position: this.positions[row]!,
      score: this.scores[row]!,
      matched: this.matched[row]!,
      typos: this.typos[row]!,
      completions: this.completions[row]!,
      inTitle: this.inTitle[row]!,
      titleDistance: this.titleDistance[row]!,
      isNamed: this.isNamed[row] === 1,
    };
  }

  /** The row of a document, or -1 when it is no candidate. */
  rowOf(position: number): number {
    return this.positions.indexOf(position);
  }

  /** Candidates given as objects, with no clause matches to read (tests, and ranking's reference). */
  static from(list: readonly RankedFields[]): Candidates {
    const built = new CandidatesBuilder(list.length);
    for (const { position, score, matched, typos, completions, inTitle, titleDistance, isNamed } of list) {
      built.add(position, score, matched, typos, completions, inTitle, titleDistance, isNamed);
    }
    return built.finish([]);
  }
}
