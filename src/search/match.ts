/**
 * One clause of a query → the documents it matches, with what ranking and
 * highlighting need to know about each match. MiniSearch answers single
 * terms (with prefix and typo expansion); phrases and compounds are checked
 * against the text; stop words come from their bitsets.
 */
import type { Query, SearchOptions } from "minisearch";
import { tokenize } from "./analysis/tokenize";
import type { SearchIndex } from "./load";
import { hasPhrase } from "./phrase";
import type { Clause, QueryWord } from "./syntax";

/** How one clause matched one document. */
export interface ClauseMatch {
  /** BM25+ score of the clause's terms in the document; 0 for stop words. */
  score: number;
  /** Matched by its own term, not only by a prefix completion or a typo. */
  exact: boolean;
  /** Matched in the title. */
  inTitle: boolean;
  /** The index terms that matched, to mark one by one (a phrase is marked as a whole instead). */
  terms: readonly string[];
}

/** Document position → how the clause matched it. */
export type ClauseMatches = Map<number, ClauseMatch>;

/** Prefix completion starts at this many characters, so "a" never expands to every word. */
export const MIN_PREFIX_LENGTH = 3;

// The query words are analysed already; MiniSearch must take them as they are.
const ANALYSED: SearchOptions = { tokenize: (term) => [term], processTerm: (term) => term };

/**
 * Typos tolerated in a word, bounded by its length as Meilisearch does: none
 * under 5 characters, one from 5, two from 9. Numbers are never fuzzy:
 * "2016" is not a typo of "2017".
 */
export function typoBudget(word: QueryWord): number {
  if (/^\p{N}+$/u.test(word.word)) return 0;
  if (word.word.length >= 9) return 2;
  if (word.word.length >= 5) return 1;
  return 0;
}

/**
 * The documents matching a clause. `exactOnly` turns prefix and typo
 * expansion off, as for excluded clauses: `-korea` removes "korea", not "korean".
 */
export function matchClause(index: SearchIndex, clause: Clause, exactOnly = false): ClauseMatches {
  if (clause.phrase) return matchPhrase(index, clause.words);
  if (clause.joined) {
    // "cease-fire" matches "ceasefire", or "cease" right before "fire".
    const joined = matchWord(index, clause.joined, clause.prefix && !exactOnly, exactOnly);
    return union(joined, matchPhrase(index, clause.words));
  }
  return matchWord(index, clause.words[0]!, clause.prefix && !exactOnly, exactOnly);
}

function matchWord(index: SearchIndex, word: QueryWord, prefix: boolean, exactOnly: boolean): ClauseMatches {
  if (word.stop) return matchStopWord(index, word);
  return lookUpWord(index, word, prefix, exactOnly);
}

/**
 * A word looked up in the index: its stem, with typo tolerance unless
 * `exactOnly`, and when `prefix`, every term starting with the word as typed.
 * The typed word, not its stem, is completed: "pres" stems to "pre", but
 * the user is on the way to "president", not "previous".
 */
export function lookUpWord(index: SearchIndex, word: QueryWord, prefix: boolean, exactOnly = false): ClauseMatches {
  const stem: Query = { queries: [word.term], combineWith: "OR", prefix: false, fuzzy: exactOnly ? false : typoBudget(word) || false };
  let query = stem;
  if (prefix && word.word.length >= MIN_PREFIX_LENGTH) {
    query =
      word.word === word.term
        ? { ...stem, prefix: true }
        : { combineWith: "OR", queries: [stem, { queries: [word.word], prefix: true, fuzzy: false }] };
  }
  const matches: ClauseMatches = new Map();
  for (const result of index.engine.search(query, ANALYSED)) {
    const inTitle = result.terms.some((term) => result.match[term]!.includes("title"));
    matches.set(result.id as number, { score: result.score, exact: result.terms.includes(word.term), inTitle, terms: result.terms });
  }
  return matches;
}

function matchStopWord(index: SearchIndex, word: QueryWord): ClauseMatches {
  const matches: ClauseMatches = new Map();
  const terms = [word.term];
  for (const position of index.documentsWithStopWord(word.term)) {
    matches.set(position, { score: 0, exact: true, inTitle: false, terms });
  }
  return matches;
}

/**
 * Documents holding every word exactly, then checked for the words side by
 * side in the title or the text.
 */
function matchPhrase(index: SearchIndex, words: readonly QueryWord[]): ClauseMatches {
  // Stop words are checked in the text; only a phrase of nothing else looks them up.
  const lookups = words.some((word) => !word.stop) ? words.filter((word) => !word.stop) : words;
  const candidates = intersect(lookups.map((word) => matchWord(index, word, false, true)));
  if (words.length === 1) return candidates;
  const terms = words.map((word) => word.term);
  const matches: ClauseMatches = new Map();
  for (const [position, match] of candidates) {
    const document = index.documents[position]!;
    const inTitle = hasPhrase(tokenize(document.title), terms);
    // No terms to mark one by one: the highlighter marks the phrase where it stands.
    if (inTitle || hasPhrase(tokenize(document.text), terms)) {
      matches.set(position, { score: match.score, exact: true, inTitle, terms: [] });
    }
  }
  return matches;
}

/** Documents in every map, scores summed; the smallest map drives the loop. */
function intersect(maps: readonly ClauseMatches[]): ClauseMatches {
  if (maps.length === 0) return new Map();
  const [smallest, ...others] = [...maps].sort((a, b) => a.size - b.size);
  const result: ClauseMatches = new Map();
  outer: for (const [position, match] of smallest!) {
    let { score, exact, inTitle } = match;
    const terms = [...match.terms];
    for (const other of others) {
      const more = other.get(position);
      if (!more) continue outer;
      score += more.score;
      exact &&= more.exact;
      inTitle ||= more.inTitle;
      terms.push(...more.terms);
    }
    result.set(position, { score, exact, inTitle, terms });
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
      exact: other.exact || match.exact,
      inTitle: other.inTitle || match.inTitle,
      terms: [...new Set([...other.terms, ...match.terms])],
    });
  }
  return result;
}
