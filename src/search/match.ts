/**
 * One clause of a query → the documents it matches, with what ranking and
 * highlighting need to know about each match. Single terms (with prefix
 * and typo expansion) are scored as MiniSearch scores them (index/score.ts);
 * phrases and compounds are checked
 * by the positions of their words (positions.ts); stop words come from
 * their bitsets.
 */
import { best, ClauseMatches, unite, uniteKeepingFirst, type MatchQuality } from "./clause-matches";
import type { ScoredDocuments, TermGroup } from "./index/score";
import type { IndexView, Within } from "./index/view";
import type { PhrasePositions } from "./load";
import { MATCH_WEIGHTS } from "./options";
import { fieldHasPhrase } from "./positions";
import { typoBudget, typoNeighbours } from "./typos";
import { LIMITS } from "../limits";
import { codePointLength } from "../strings";
import type { Clause, QueryWord } from "./syntax";

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
  const exact = described(index.scoreTerms([{ terms: [word.term], boost: () => 1 }], within), () => "exact");
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
  if (expansions.length === 0) return exact;
  const completes = (term: string) => term.startsWith(word.word) || index.spellings.folded(term).some((spelling) => spelling.startsWith(word.word));
  // A document holding the word itself keeps that match, so its completions
  // and typos are read past, not scored: "com" is in most e-mails, and so
  // are its completions.
  const matched = exact.membership(index.documentCount);
  const unmatched = (position: number) => !matched(position) && (!within || within(position));
  const expanded = described(index.scoreTerms(expansions, unmatched), (term) =>
    term === word.term ? "exact" : completing && completes(term) ? "prefix" : "typo",
  );
  return uniteKeepingFirst(exact, expanded);
}

/**
 * Scored documents as clause matches. Documents matching the same terms
 * share one description of them: a common word matches thousands of
 * documents, and a map for each was most of the garbage a query made.
 */
function described(scored: ScoredDocuments, kindOf: (term: string) => MatchQuality): ClauseMatches {
  const shared = new Map<readonly string[], { terms: ReadonlyMap<string, MatchQuality>; quality: MatchQuality }>();
  const byKey = new Map<string, { terms: ReadonlyMap<string, MatchQuality>; quality: MatchQuality }>();
  const matches = ClauseMatches.builder(scored.positions.length);
  scored.positions.forEach((position, row) => {
    const matched = scored.terms[row]!;
    let description = shared.get(matched);
    if (!description) {
      const key = matched.length === 1 ? matched[0]! : matched.join("\0");
      description = byKey.get(key);
      if (!description) {
        const terms = new Map(matched.map((term) => [term, kindOf(term)] as const));
        byKey.set(key, (description = { terms, quality: [...terms.values()].reduce(best) }));
      }
      shared.set(matched, description);
    }
    const titleWord = scored.titleWords[row]!;
    matches.add(position, scored.scores[row]!, description.quality, titleWord !== Infinity, titleWord, description.terms);
  });
  return matches.finish();
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
  const documents = index.documentsWithStopWord(word.term);
  const terms = new Map<string, MatchQuality>([[word.term, "exact"]]);
  return ClauseMatches.unscored(within ? documents.filter((position) => within(position)) : documents, terms);
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
    const before = [...found.values()].map((matches) => matches.membership(index.documentCount));
    const narrowed = before.length === 0 ? within : (position: number) => before.every((has) => has(position));
    found.set(word, matchWord(index, word, { prefix: false, typos: false }, narrowed));
  }
  // Summed in the phrase's order, whatever order they were looked up in: a sum's last bit depends on it.
  const candidates = intersect(lookups.map((word) => found.get(word)!));
  if (words.length === 1) return candidates;
  if (!positions) throw new Error("a phrase needs the positions of its terms (termsToPlace)");
  // Each term's positions, walked upwards with the candidates (once for a term the phrase repeats: "to be or not to be").
  const byTerm = new Map([...new Set(words.map((word) => word.term))].map((term) => [term, positions.cursor(term)]));
  const cursors = words.map((word) => byTerm.get(word.term)!);
  const matches = ClauseMatches.builder(candidates.size);
  // No terms to mark one by one: the highlighter marks the phrase where it stands.
  const noTerms = new Map<string, MatchQuality>();
  const titles = cursors.map((cursor) => cursor.title);
  const texts = cursors.map((cursor) => cursor.text);
  candidates.positions.forEach((position, row) => {
    if (only !== undefined && position !== only) return;
    // Every word's cursor must reach the document (a stop word may not be in it).
    for (const cursor of byTerm.values()) if (!cursor.seek(position)) return;
    const inTitle = fieldHasPhrase(titles);
    if (inTitle || fieldHasPhrase(texts)) {
      matches.add(position, candidates.score(row), "exact", inTitle, inTitle ? candidates.titleWord(row) : Infinity, noTerms);
    }
  });
  return matches.finish();
}

/**
 * Documents in every set, scores summed in the sets' order, the nearest
 * title word kept (the smallest set drives the walk). Only what a phrase
 * reads of it is kept: the words' own terms and qualities are not.
 */
function intersect(sets: readonly ClauseMatches[]): ClauseMatches {
  if (sets.length === 0) return ClauseMatches.none;
  if (sets.length === 1) return sets[0]!;
  const smallest = sets.reduce((a, b) => (b.size < a.size ? b : a));
  const result = ClauseMatches.builder(smallest.size);
  const noTerms = new Map<string, MatchQuality>();
  // Each set's row for the last position looked up: positions only grow.
  const from = sets.map(() => 0);
  const rows = new Int32Array(sets.length);
  outer: for (const position of smallest.positions) {
    for (let i = 0; i < sets.length; i++) {
      const row = sets[i]!.rowFrom(position, from[i]!);
      if (row === -1) continue outer;
      rows[i] = from[i] = row;
    }
    let [score, titleWord] = [sets[0]!.score(rows[0]!), sets[0]!.titleWord(rows[0]!)];
    for (let i = 1; i < sets.length; i++) {
      score += sets[i]!.score(rows[i]!);
      titleWord = Math.min(titleWord, sets[i]!.titleWord(rows[i]!));
    }
    result.add(position, score, "exact", titleWord !== Infinity, titleWord, noTerms);
  }
  return result.finish();
}

/** Documents in either set; where in both, the better match counts. */
function union(a: ClauseMatches, b: ClauseMatches): ClauseMatches {
  return unite(a, b, (other, match) => ({
    score: Math.max(other.score, match.score),
    quality: best(other.quality, match.quality),
    inTitle: other.inTitle || match.inTitle,
    titleWord: Math.min(other.titleWord, match.titleWord),
    terms: new Map([...match.terms, ...other.terms].map(([term]) => [term, best(other.terms.get(term) ?? "typo", match.terms.get(term) ?? "typo")])),
  }));
}
