/**
 * One clause of a query → the documents it matches, with what ranking and
 * highlighting need to know about each match. Single terms (with prefix
 * and typo expansion) are scored as MiniSearch scores them (index/score.ts);
 * phrases and compounds are checked
 * by the positions of their words (positions.ts); stop words come from
 * their bitsets.
 */
import type { TermGroup } from "./index/score";
import type { IndexView, Within } from "./index/view";
import type { PhrasePositions } from "./load";
import { MATCH_WEIGHTS } from "./options";
import { fieldHasPhrase } from "./positions";
import { typoBudget, typoNeighbours } from "./typos";
import { LIMITS } from "../limits";
import { codePointLength } from "../strings";
import type { Clause, QueryWord } from "./syntax";

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

const RANK: Record<MatchQuality, number> = { exact: 0, prefix: 1, typo: 2 };

/** The better of two qualities. */
function best(a: MatchQuality, b: MatchQuality): MatchQuality {
  return RANK[a] <= RANK[b] ? a : b;
}

/** Document position → how the clause matched it. */
export type ClauseMatches = Map<number, ClauseMatch>;

/**
 * The documents matching a clause.
 */
export function matchClause(index: IndexView, clause: Clause, { exactOnly = false, only, positions, within }: MatchScope = {}): ClauseMatches {
  if (clause.phrase) return clause.variants.map((words) => matchPhrase(index, words, { only, positions, within })).reduce(union);
  const prefix = clause.prefix && !exactOnly;
  if (clause.joined) {
    // "cease-fire" matches "ceasefire", or "cease" right before "fire". The
    // joined form tolerates no typo: "usrussian" is not a misspelling of "russian".
    const joined = lookUpWord(index, clause.joined, { prefix, typos: false }, within);
    return union(joined, matchPhrase(index, clause.words, { only, positions, within }));
  }
  return matchWord(index, clause.words[0]!, { prefix, typos: !exactOnly }, within);
}

export interface MatchScope {
  /** No prefix or typo expansion, as for excluded clauses: `-korea` removes "korea", not "korean". */
  exactOnly?: boolean;
  /**
   * Only this document's phrases need checking in its text (the reading
   * view marks one document); other documents may still be returned.
   */
  only?: number;
  /** Positions of the terms of the clause's phrases and compounds (see termsToPlace). */
  positions?: PhrasePositions;
  /**
   * Only these documents are needed (others may still be returned): the
   * clauses matched before this one narrowed the answer to them.
   */
  within?: Within;
}

/** The terms whose positions matching these clauses needs: those of phrases and compounds. */
export function termsToPlace(clauses: readonly Clause[]): Set<string> {
  const terms = new Set<string>();
  for (const clause of clauses) {
    const sequences = clause.phrase ? clause.variants : clause.joined ? [clause.words] : [];
    for (const words of sequences) if (words.length > 1) for (const word of words) terms.add(word.term);
  }
  return terms;
}

interface Expansion {
  /** Complete the word as typed. */
  prefix: boolean;
  /** Accept words a typo or two away. */
  typos: boolean;
}

function matchWord(index: IndexView, word: QueryWord, expansion: Expansion, within?: Within): ClauseMatches {
  if (word.stop) return matchStopWord(index, word, within);
  return lookUpWord(index, word, expansion, within);
}

/**
 * A word looked up in the index: its stem; then, for the documents without
 * it, the words a typo away (when `typos` and the word looks misspelt) and,
 * when `prefix`, the completions of the word as typed. A document
 * holding the word itself is scored on it alone: the neighbours a typo or
 * a completion reaches would otherwise add up ("depress" would gain from
 * "repress"; "secur" from a rare "securityin") and outrank documents about
 * the word.
 */
function lookUpWord(index: IndexView, word: QueryWord, { prefix, typos }: Expansion, within?: Within): ClauseMatches {
  const matches: ClauseMatches = new Map();
  const add = (groups: TermGroup[], kindOf: (term: string) => MatchQuality) => {
    // Documents matching the same terms share one description of them: a
    // common word matches thousands of documents, and a map for each was
    // most of the garbage a query made.
    const shared = new Map<string, { terms: ReadonlyMap<string, MatchQuality>; quality: MatchQuality }>();
    for (const { position, score, terms: matched, inTitle, titleWord } of index.scoreTerms(groups, within)) {
      if (matches.has(position)) continue;
      const key = matched.length === 1 ? matched[0]! : matched.join("\0");
      let described = shared.get(key);
      if (!described) {
        const terms = new Map(matched.map((term) => [term, kindOf(term)] as const));
        shared.set(key, (described = { terms, quality: [...terms.values()].reduce(best) }));
      }
      matches.set(position, { score, quality: described.quality, inTitle, titleWord, terms: described.terms });
    }
  };
  add([{ terms: [word.term], boost: () => 1 }], () => "exact");
  const expansions: TermGroup[] = [];
  const neighbours = typos && looksMisspelt(index, word) ? [...typoNeighbours(index, word, typoBudget(word.word.length)).keys()] : [];
  if (neighbours.length > 0) expansions.push({ terms: neighbours, boost: () => MATCH_WEIGHTS.fuzzy });
  const completing = prefix && codePointLength(word.word) >= LIMITS.prefixLength;
  if (completing) {
    // The typed word, not its stem, is completed: "pres" stems to "pre",
    // but the user is on the way to "president", not "previous". Stems the
    // word cannot begin ("dure" for "durin", on the way to "during") come
    // from their spellings.
    const completions = completionsOf(index, word.word);
    const stems = index.spellings.stemsSpelledFrom(word.word, LIMITS.completedStems);
    if (completions.length > 0) expansions.push({ terms: completions, boost: completionWeight(word.word) });
    if (stems.length > 0) expansions.push({ terms: stems, boost: () => MATCH_WEIGHTS.prefix });
  }
  if (expansions.length === 0) return matches;
  const completes = (term: string) => term.startsWith(word.word) || index.spellings.folded(term).some((spelling) => spelling.startsWith(word.word));
  add(expansions, (term) => (term === word.term ? "exact" : completing && completes(term) ? "prefix" : "typo"));
  return matches;
}

/**
 * Whether a word is looked up with typos: only when its stem is in fewer
 * than LIMITS.typoThreshold documents. A word the corpus writes is no typo,
 * as Typesense and Algolia's typoTolerance "min" judge, and looking for its
 * neighbours was a fifth of a typical query's time. Counted in the whole
 * index, not only where other words matched: whether a word is a typo does
 * not depend on them. Not known yet (its block is being read, and the step
 * runs again): no, so a cold isolate fetches no blocks for a walk it may not need.
 */
export function looksMisspelt(index: IndexView, word: QueryWord): boolean {
  const frequency = index.documentFrequency(word.term);
  return frequency !== null && frequency < LIMITS.typoThreshold;
}

/**
 * The index terms that begin with the typed word, the most common first,
 * at most LIMITS.completions of them: a counter bounds what a short prefix
 * costs ("con" begins thousands of terms in a mail archive), and the rare
 * completions it drops would rank below the common ones anyway.
 */
export function completionsOf(index: IndexView, typed: string): string[] {
  const found = index.vocabulary.withPrefix(typed);
  // Always in one order, so scores are summed in one order however the vocabulary is read.
  found.sort(([termA, a], [termB, b]) => b - a || (termA < termB ? -1 : 1));
  return found.slice(0, LIMITS.completions).map(([term]) => term);
}

/** MiniSearch's weight for a prefix match: less the more the term adds to what was typed. */
function completionWeight(typed: string): (term: string) => number {
  return (term) => (MATCH_WEIGHTS.prefix * term.length) / (term.length + 0.3 * (term.length - typed.length));
}

function matchStopWord(index: IndexView, word: QueryWord, within?: Within): ClauseMatches {
  const matches: ClauseMatches = new Map();
  const terms = new Map<string, MatchQuality>([[word.term, "exact"]]);
  for (const position of index.documentsWithStopWord(word.term)) {
    if (within && !within(position)) continue;
    matches.set(position, { score: 0, quality: "exact", inTitle: false, titleWord: Infinity, terms });
  }
  return matches;
}

/**
 * Documents holding every word exactly, then checked for the words side by
 * side in the title or the text, by their positions.
 */
function matchPhrase(index: IndexView, words: readonly QueryWord[], { only, positions, within }: MatchScope): ClauseMatches {
  // Stop words are checked by position; only a phrase of nothing else looks them up.
  const lookups = words.some((word) => !word.stop) ? words.filter((word) => !word.stop) : words;
  // The rarest word first; each next one only where the words before it all are.
  const rarity = (word: QueryWord) => index.documentFrequency(word.term) ?? Infinity;
  const byRarity = [...lookups].sort((a, b) => rarity(a) - rarity(b));
  const found = new Map<QueryWord, ClauseMatches>();
  for (const word of byRarity) {
    const before = [...found.values()];
    const narrowed = before.length === 0 ? within : (position: number) => before.every((matches) => matches.has(position));
    found.set(word, matchWord(index, word, { prefix: false, typos: false }, narrowed));
  }
  // Summed in the phrase's order, whatever order they were looked up in: a sum's last bit depends on it.
  const candidates = intersect(lookups.map((word) => found.get(word)!));
  if (words.length === 1) return candidates;
  if (!positions) throw new Error("a phrase needs the positions of its terms (termsToPlace)");
  const inScope = (position: number) => only === undefined || position === only;
  const placed = words.map((word) => positions.of(word.term, (position) => candidates.has(position) && inScope(position)));
  const matches: ClauseMatches = new Map();
  for (const [position, match] of candidates) {
    if (!inScope(position)) continue;
    const fields = placed.map((term) => term.get(position));
    if (!fields.every((field) => field !== undefined)) continue;
    const inTitle = fieldHasPhrase(fields.map((field) => field.title));
    // No terms to mark one by one: the highlighter marks the phrase where it stands.
    if (inTitle || fieldHasPhrase(fields.map((field) => field.text))) {
      matches.set(position, { score: match.score, quality: "exact", inTitle, titleWord: inTitle ? match.titleWord : Infinity, terms: new Map() });
    }
  }
  return matches;
}

/** Documents in every map, scores summed in the maps' order; the smallest map drives the loop. */
function intersect(maps: readonly ClauseMatches[]): ClauseMatches {
  if (maps.length === 0) return new Map();
  const smallest = maps.reduce((a, b) => (b.size < a.size ? b : a));
  const [first, ...others] = maps;
  const result: ClauseMatches = new Map();
  outer: for (const position of smallest.keys()) {
    const match = first!.get(position);
    if (!match) continue;
    let { score, quality, inTitle, titleWord } = match;
    const terms = new Map(match.terms);
    for (const other of others) {
      const more = other.get(position);
      if (!more) continue outer;
      score += more.score;
      quality = RANK[more.quality] > RANK[quality] ? more.quality : quality;
      inTitle ||= more.inTitle;
      titleWord = Math.min(titleWord, more.titleWord);
      for (const [term, kind] of more.terms) terms.set(term, best(kind, terms.get(term) ?? kind));
    }
    result.set(position, { score, quality, inTitle, titleWord, terms });
  }
  return result;
}

/** Documents in either map; where in both, the better match counts. */
function union(a: ClauseMatches, b: ClauseMatches): ClauseMatches {
  const result: ClauseMatches = new Map(a);
  for (const [position, match] of b) {
    const other = result.get(position);
    if (!other) {
      result.set(position, match);
      continue;
    }
    result.set(position, {
      score: Math.max(other.score, match.score),
      quality: best(other.quality, match.quality),
      inTitle: other.inTitle || match.inTitle,
      titleWord: Math.min(other.titleWord, match.titleWord),
      terms: new Map([...match.terms, ...other.terms].map(([term]) => [term, best(other.terms.get(term) ?? "typo", match.terms.get(term) ?? "typo")])),
    });
  }
  return result;
}
