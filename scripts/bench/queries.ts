/**
 * The queries timed on each corpus, one per class, chosen from the corpus's
 * own words by document frequency so that every corpus gets real ones: a
 * common word, a rare one, words that occur together, a phrase that occurs,
 * and the adversarial shapes (the most common words together, one letter, a
 * 3-letter prefix with the most completions, stop words only, long words
 * with typos, every document).
 *
 * Beside the one query per class, a pool per class: more queries chosen by
 * the same rule (the next most common words, other rare ones, other pairs
 * that go together …). One query repeated reads the same few blocks; a
 * paged index is judged on what many different queries read and leave in
 * its caches, so the bytes a cold query reads and the mixed run of 1,000
 * queries draw from the pools (an adversarial class has its one query).
 *
 * Words are counted crudely (runs of ASCII letters written as words are,
 * lower-cased): the point is to pick plausible queries, not to mirror the
 * analysis.
 */
import { STOP_WORDS } from "../../src/search/analysis/stop-words";
import type { CorpusDocument } from "./documents";

export interface QueryCase {
  /** The class, as the table names it. */
  class: string;
  /** The query as a user types it; "" browses every document. */
  q: string;
  /** Adversarial classes are outside the latency targets. */
  adversarial: boolean;
  /** How the query was chosen, with its words' document frequencies. */
  why: string;
}

/** More queries of one class, chosen as its case was; the case's own query comes first. */
export interface QueryPool {
  class: string;
  adversarial: boolean;
  queries: string[];
}

/** A corpus's queries: one case per class, and a pool per class. */
export interface QuerySet {
  cases: QueryCase[];
  pools: QueryPool[];
  /** The random-query class (random-queries.ts), timed one by one. */
  random?: string[];
}

/** One query of a mixed run, with the class it was drawn from. */
export interface MixedQuery {
  class: string;
  q: string;
}

interface WordStats {
  word: string;
  df: number;
}

const TOKEN = /[A-Za-z0-9]+/g;
/** Written as words are (lower case, Capitalized, CAPITALS) and without digits: not pieces of base64. */
const NATURAL_WORD = /^(?:[a-z]+|[A-Z][a-z]+|[A-Z]+)$/;
/** Queries are picked from words this long or longer (shorter ones are mostly noise). */
const MIN_WORD = 3;
/** Candidates for phrases: the most frequent words only, to bound the counting. */
const TOP_WORDS = 2000;
/** Candidates for words that go together (pairs are compared: keep it small). */
const MID_WORDS = 150;
/** Words in the "most common terms" query. */
const MOST_COMMON_TERMS = 5;
/** Queries per class in a pool, at most. */
const POOL_SIZE = 50;
/** Share of a mixed run drawn from the adversarial classes: real traffic has a few such queries, not a tenth. */
const ADVERSARIAL_SHARE = 0.05;

/** One query per class for these documents; a class with no fitting words is left out. */
export function chooseQueries(documents: readonly CorpusDocument[]): QueryCase[] {
  return chooseQuerySet(documents).cases;
}

/** One query per class and a pool per class, from one count of the words. */
export function chooseQuerySet(documents: readonly CorpusDocument[]): QuerySet {
  const n = documents.length;
  const docWords = documents.map((document) => wordsOf(`${document.title}\n${document.text}`));
  // Every natural word, and the candidates among them (not looking like pieces of encoded data).
  const naturalDf = new Map<string, number>();
  const df = new Map<string, number>();
  for (const words of docWords) {
    for (const word of new Set(words)) {
      if (word.length < MIN_WORD || STOP_WORDS.has(word)) continue;
      naturalDf.set(word, (naturalDf.get(word) ?? 0) + 1);
      if (looksLikeWord(word)) df.set(word, (df.get(word) ?? 0) + 1);
    }
  }
  const byDf = rankByDf(df);
  const dfOf = (word: string) => df.get(word) ?? 0;
  const cases: QueryCase[] = [];
  const pools: QueryPool[] = [];
  const add = (cls: string, q: string | null, adversarial: boolean, why: string, more: readonly string[] = []) => {
    if (q === null) return;
    cases.push({ class: cls, q, adversarial, why });
    pools.push({ class: cls, adversarial, queries: [...new Set([q, ...(adversarial ? [] : more)])].slice(0, POOL_SIZE) });
  };

  const common = byDf[0];
  add("common term", common?.word ?? null, false, `the most frequent word (df ${common?.df})`, byDf.slice(0, POOL_SIZE).map((s) => s.word));

  const rareWords = byDf.filter((s) => s.df === 1 && s.word.length >= 6 && s.word.length <= 12).map((s) => s.word).sort(compare);
  add("rare term", middle(rareWords), false, `a word in one document`, spread(rareWords, POOL_SIZE));

  // Mid-frequency words (in 2–20% of the documents, at least 2): the usual stuff of a query.
  const lo = Math.max(2, Math.ceil(n * 0.02));
  const hi = Math.max(lo, Math.floor(n * 0.2));
  const mid = byDf.filter((s) => s.df >= lo && s.df <= hi).slice(0, MID_WORDS);
  const postings = postingsOf(docWords, new Set(mid.map((s) => s.word)));
  const together = (words: string[]) => intersectAll(words.map((word) => postings.get(word) ?? new Set<number>())).size;
  const pairs = pairsTogether(mid, together);
  // The same three words in another order are one query to the index: kept once.
  const triples = new Map<string, string>();
  for (const [a, b] of pairs.slice(0, 2 * POOL_SIZE)) {
    const third = thirdWord(mid, a, b, together);
    const key = third ? [a, b, third].sort(compare).join(" ") : null;
    if (key && !triples.has(key)) triples.set(key, `${a} ${b} ${third}`);
  }
  // The case is the best pair, and the word found most often with both (when there is one).
  const [w1, w2] = pairs[0] ?? [];
  const w3 = w1 && w2 ? thirdWord(mid, w1, w2, together) : null;
  if (w1 && w2) {
    add("two terms", `${w1} ${w2}`, false, `mid-frequency words (df ${dfOf(w1)}, ${dfOf(w2)}) in ${together([w1, w2])} documents together`, pairs.map((pair) => pair.join(" ")));
  }
  if (w1 && w2 && w3) {
    add("three terms", `${w1} ${w2} ${w3}`, false, `df ${dfOf(w1)}, ${dfOf(w2)}, ${dfOf(w3)}; ${together([w1, w2, w3])} documents hold all three`, [...triples.values()]);
  }
  // The pool: each pair's second word, when long enough, cut as a user still typing it.
  const prefixes = pairs.flatMap(([a, b]) => (b.length >= 7 ? [`${a} ${b.slice(0, 4)}`] : []));
  const completed = w1 ? mid.find((s) => s.word !== w1 && s.word.length >= 7 && together([w1, s.word]) > 0)?.word : undefined;
  if (w1 && completed) {
    add("prefix", `${w1} ${completed.slice(0, 4)}`, false, `the last word cut from "${completed}" (df ${dfOf(completed)})`, prefixes);
  }
  const misspellings = mid
    .filter((s) => s.word.length >= 7 && s.word.length <= 12)
    .map((s) => ({ word: s.word, typo: dropLetter(s.word, s.word.length >> 1) }))
    .filter(({ typo }) => !df.has(typo));
  const misspelt = misspellings[0];
  if (misspelt) add("fuzzy", misspelt.typo, false, `"${misspelt.word}" (df ${dfOf(misspelt.word)}) missing a letter`, misspellings.map(({ typo }) => typo));
  const phrases = commonPhrases(documents, new Set(byDf.slice(0, TOP_WORDS).map((s) => s.word)), POOL_SIZE);
  const phrase = phrases[0];
  if (phrase) add("phrase", `"${phrase.words}"`, false, `the two words most often side by side (${phrase.documents} documents)`, phrases.map((p) => `"${p.words}"`));

  // The longest postings lists of the index, all at once ("http", "www": real words, if not English ones).
  const mostCommon = rankByDf(naturalDf).slice(0, MOST_COMMON_TERMS);
  if (mostCommon.length === MOST_COMMON_TERMS) {
    add("most common terms", mostCommon.map((s) => s.word).join(" "), true, `the ${MOST_COMMON_TERMS} most frequent words (df ${mostCommon.map((s) => s.df).join(", ")})`);
  }
  const letter = commonInitial(byDf);
  if (letter) add("one letter", letter, true, "the most common initial that is not a stop word");
  const prefix3 = widestPrefix(byDf, 3);
  if (prefix3) add("3-letter prefix", prefix3.prefix, true, `completes to ${prefix3.words} words: the widest prefix search`);
  add("stop words only", "to be or not to be", true, "every word a stop word");
  const long = byDf.filter((s) => s.df >= 2 && s.word.length >= 10 && s.word.length <= 20).sort((a, b) => b.word.length - a.word.length || compare(a.word, b.word));
  const longest = long[0];
  if (longest) {
    // Two edits, the most a long word is allowed: the widest fuzzy search.
    const typo = replaceLetter(dropLetter(longest.word, longest.word.length >> 1), 1);
    add("long fuzzy word", typo, true, `"${longest.word}" (df ${longest.df}) with two typos`);
  }
  if (long.length >= 3) {
    const words = long.slice(0, 3).map((s) => dropLetter(s.word, s.word.length >> 1));
    add("3 long fuzzy words", words.join(" "), true, `${long.slice(0, 3).map((s) => `"${s.word}"`).join(", ")}, a letter missing from each`);
  }
  add("every document", "", true, "an empty query browses every document");
  return { cases, pools };
}

/**
 * `count` queries drawn with a fixed seed (the same run on every engine and
 * every start): a class by weight (the non-adversarial ones alike, the
 * adversarial ones sharing ADVERSARIAL_SHARE), then a query of its pool.
 */
export function drawMix(pools: readonly QueryPool[], count: number, seed = 1): MixedQuery[] {
  const typical = pools.filter((pool) => !pool.adversarial && pool.queries.length > 0);
  const adversarial = pools.filter((pool) => pool.adversarial && pool.queries.length > 0);
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const mix: MixedQuery[] = [];
  for (let i = 0; i < count; i++) {
    const fromAdversarial = adversarial.length > 0 && (typical.length === 0 || random() < ADVERSARIAL_SHARE);
    const pool = pick(fromAdversarial ? adversarial : typical);
    mix.push({ class: pool.class, q: pick(pool.queries) });
  }
  return mix;
}

/** A small seeded generator (Mulberry32): the mix must not change between runs. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Up to `count` items spread evenly over a list (its first, its last, and between). */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.round((i * (items.length - 1)) / Math.max(1, count - 1))]!);
}

export function wordsOf(text: string): string[] {
  return (text.match(TOKEN) ?? []).filter((token) => NATURAL_WORD.test(token)).map((word) => word.toLowerCase());
}

function rankByDf(df: ReadonlyMap<string, number>): WordStats[] {
  return [...df].map(([word, count]) => ({ word, df: count })).sort((a, b) => b.df - a.df || compare(a.word, b.word));
}

/** Not base64 or hex runs (mail attachments are full of them): a vowel, no 5 consonants or 3 same letters in a row. */
function looksLikeWord(word: string): boolean {
  return /[aeiouy]/.test(word) && !/[^aeiouy]{5}/.test(word) && !/(.)\1\1/.test(word);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function middle<T>(items: readonly T[]): T | null {
  return items.length === 0 ? null : items[items.length >> 1]!;
}

function postingsOf(docWords: readonly string[][], words: ReadonlySet<string>): Map<string, Set<number>> {
  const postings = new Map<string, Set<number>>();
  docWords.forEach((list, position) => {
    for (const word of list) {
      if (!words.has(word)) continue;
      let set = postings.get(word);
      if (!set) postings.set(word, (set = new Set()));
      set.add(position);
    }
  });
  return postings;
}

function intersectAll(sets: readonly Set<number>[]): Set<number> {
  if (sets.length === 0) return new Set();
  const [first, ...rest] = [...sets].sort((a, b) => a.size - b.size);
  return new Set([...first!].filter((item) => rest.every((set) => set.has(item))));
}

/**
 * Pairs of mid-frequency words that go together, best first: found together
 * most often relative to the rarer one's frequency (a collocation, as "north
 * korea"). The first pair is the one chooseQueries has always taken.
 */
function pairsTogether(mid: readonly WordStats[], together: (words: string[]) => number): [string, string][] {
  const scored: { pair: [string, string]; score: number; order: number }[] = [];
  for (let i = 0; i < mid.length; i++) {
    for (let j = i + 1; j < mid.length; j++) {
      const a = mid[i]!;
      const b = mid[j]!;
      const score = together([a.word, b.word]) / Math.min(a.df, b.df);
      if (score > 0) scored.push({ pair: [a.word, b.word], score, order: scored.length });
    }
  }
  // Ties keep the order of the walk: the first best pair stays first.
  return scored.sort((x, y) => y.score - x.score || x.order - y.order).map((entry) => entry.pair);
}

/** The mid-frequency word found most often with both a and b, or null. */
function thirdWord(mid: readonly WordStats[], a: string, b: string, together: (words: string[]) => number): string | null {
  let third: { word: string; count: number } | null = null;
  for (const { word } of mid) {
    if (word === a || word === b) continue;
    const count = together([a, b, word]);
    if (count > 0 && (!third || count > third.count)) third = { word, count };
  }
  return third?.word ?? null;
}

function dropLetter(word: string, at: number): string {
  return word.slice(0, at) + word.slice(at + 1);
}

/** Replaces the letter at `at` with one that differs from it. */
function replaceLetter(word: string, at: number): string {
  const replacement = word[at] === "x" ? "q" : "x";
  return word.slice(0, at) + replacement + word.slice(at + 1);
}

/** The pairs of candidate words most often adjacent (whitespace between them only), by documents, at most `count`. */
function commonPhrases(documents: readonly CorpusDocument[], words: ReadonlySet<string>, count: number): { words: string; documents: number }[] {
  const counts = new Map<string, number>();
  const pair = /(?<![A-Za-z0-9])([A-Za-z]+)[ \t]+(?=([A-Za-z]+)(?![A-Za-z0-9]))/g;
  for (const document of documents) {
    const seen = new Set<string>();
    for (const match of document.text.matchAll(pair)) {
      if (!NATURAL_WORD.test(match[1]!) || !NATURAL_WORD.test(match[2]!)) continue;
      const a = match[1]!.toLowerCase();
      const b = match[2]!.toLowerCase();
      if (a !== b && words.has(a) && words.has(b)) seen.add(`${a} ${b}`);
    }
    for (const key of seen) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .filter(([, documents]) => documents >= 2)
    .map(([key, documents]) => ({ words: key, documents }))
    .sort((a, b) => b.documents - a.documents || compare(a.words, b.words))
    .slice(0, count);
}

function commonInitial(byDf: readonly WordStats[]): string | null {
  const counts = new Map<string, number>();
  for (const { word, df } of byDf) counts.set(word[0]!, (counts.get(word[0]!) ?? 0) + df);
  const ranked = [...counts].filter(([letter]) => !STOP_WORDS.has(letter)).sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
  return ranked[0]?.[0] ?? null;
}

function widestPrefix(byDf: readonly WordStats[], length: number): { prefix: string; words: number } | null {
  const counts = new Map<string, number>();
  for (const { word } of byDf) if (word.length > length) counts.set(word.slice(0, length), (counts.get(word.slice(0, length)) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
  const top = ranked[0];
  return top ? { prefix: top[0], words: top[1] } : null;
}
