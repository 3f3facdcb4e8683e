/**
 * Text → tokens: every word with its offsets, position and indexed term.
 *
 * One tokenizer serves the index, the query and the highlighter, which is
 * what makes highlighting exact: a word is marked precisely when the index
 * stored it under a term the query matched.
 */
import { APOSTROPHE } from "./fold";
import { needsSegmentation, segmentWords, splitUnspaced } from "./segment";
import { analyzeWord, MAX_TERM_LENGTH, stem } from "./terms";

/** A word of a text: where it stands and what the index makes of it. */
export interface Token {
  /** UTF-16 offset of the first character. */
  start: number;
  /** UTF-16 offset just past the last character. */
  end: number;
  /** The folded word before stemming. */
  word: string;
  /** The indexed term, or null when the word is dropped. */
  term: string | null;
  stop: boolean;
  /** Word position in the text, counted in parts; phrases need adjacency. */
  position: number;
  /** Positions covered: 1, or the number of parts for a compound's joined form. */
  span: number;
  /** Tokens cut from one run of text ("cease-fire", "杭州桑拿") share a group. */
  group: number;
}

// A word is a run of letters, marks and digits; an apostrophe between two
// runs keeps them one word ("don’t", "Russia's"). Initialisms with dots
// ("U.S.", "U.N.") are one word. Hyphens join words into a compound that is
// indexed whole and by its parts ("cease-fire", "U.S.-Russian"). Every
// other character separates words, so glued sentences ("Syria.The") split.
const LETTERS = "[\\p{L}\\p{M}\\p{N}]+";
const WORD = `${LETTERS}(?:[${APOSTROPHE}]${LETTERS})*`;
const INITIALISM = "(?:\\p{L}\\.){2,}";
const PART = `(?:${INITIALISM}|${WORD})`;
const HYPHEN = "[-\\u2010\\u2011]";
const RUN = new RegExp(`${PART}(?:${HYPHEN}${PART})*`, "gu");
const PARTS = new RegExp(PART, "gu");
const JOINERS = /[-.\u2010\u2011]/;
const DOTS = /\./g;

// Base64 and the like: a long stretch between spaces of nothing but letters
// of both cases, digits, "+", "/" and "=", with all three kinds in it. Its
// pieces ("xqzocreiadt") are not words, and would each be a term of their own.
const ENCODED_LENGTH = 24;
const SPACE = /\s/;

/**
 * Every word of `text`, in order. A compound yields its joined form first,
 * spanning its parts, then each part.
 *
 * @example
 * tokenize("cease-fire").map((token) => token.term) // => ["ceasefir", "ceas", "fire"]
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  let group = 0;
  const encoded = encodedStretches(text);
  let nextEncoded = 0;
  for (const run of text.matchAll(RUN)) {
    while (nextEncoded < encoded.length && encoded[nextEncoded]!.end <= run.index) nextEncoded++;
    const stretch = encoded[nextEncoded];
    if (stretch && stretch.start <= run.index) {
      // Skipped, but a phrase cannot run across it.
      if (run.index === stretch.start) position++;
      continue;
    }
    if (!needsSegmentation(run[0])) {
      position = pushRun(tokens, run[0], run.index, position, group++);
      continue;
    }
    // "Summit杭州G-20": the unspaced stretch is segmented, the rest read as usual.
    for (const piece of splitUnspaced(run[0])) {
      const pieceText = run[0].slice(piece.start, piece.end);
      const pieceStart = run.index + piece.start;
      if (!piece.unspaced) {
        // The stretch may have cut a compound, leaving a bare hyphen or dot at its edge.
        for (const inner of pieceText.matchAll(RUN)) position = pushRun(tokens, inner[0], pieceStart + inner.index, position, group++);
        continue;
      }
      for (const segment of segmentWords(pieceText)) {
        const raw = pieceText.slice(segment.start, segment.end);
        tokens.push(token(raw, pieceStart + segment.start, pieceStart + segment.end, position++, 1, group));
      }
      group++;
    }
  }
  return tokens;
}

/**
 * Where the text holds encoded data rather than words, in order: runs of
 * the encoded alphabet, as long as they go, with space or an end of the
 * text on both sides. Read a character at a time: a regular expression
 * (tried at every character, or with a lookbehind) was a tenth of what
 * tokenizing cost.
 */
export function encodedStretches(text: string): { start: number; end: number }[] {
  const stretches: { start: number; end: number }[] = [];
  let start = 0;
  // Kinds seen in the run so far: 1 lower case, 2 upper case, 4 digits.
  let kinds = 0;
  for (let i = 0; i <= text.length; i++) {
    const kind = i < text.length ? encodedKind(text.charCodeAt(i)) : -1;
    if (kind >= 0) {
      kinds |= kind;
      continue;
    }
    if (i - start >= ENCODED_LENGTH && kinds === 7 && isSpaceAt(text, start - 1) && isSpaceAt(text, i)) stretches.push({ start, end: i });
    start = i + 1;
    kinds = 0;
  }
  return stretches;
}

/** What an encoded character is (1 lower case, 2 upper case, 4 digit, 0 "+", "/" or "="); -1 for any other. */
function encodedKind(code: number): number {
  if (code >= 0x61 && code <= 0x7a) return 1;
  if (code >= 0x41 && code <= 0x5a) return 2;
  if (code >= 0x30 && code <= 0x39) return 4;
  return code === 0x2b || code === 0x2f || code === 0x3d ? 0 : -1;
}

/** Whitespace, or outside the text. */
function isSpaceAt(text: string, index: number): boolean {
  return index < 0 || index >= text.length || SPACE.test(text[index]!);
}

/** A word or a compound; returns the next free position. */
function pushRun(tokens: Token[], runText: string, runStart: number, position: number, group: number): number {
  if (!JOINERS.test(runText)) {
    tokens.push(token(runText, runStart, runStart + runText.length, position, 1, group));
    return position + 1;
  }
  return pushCompound(tokens, runText, runStart, position, group);
}

/** The terms a text contributes to the index: no stop words, no dropped words. */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  for (const { term, stop } of tokenize(text)) if (term !== null && !stop) terms.push(term);
  return terms;
}

function pushCompound(tokens: Token[], runText: string, runStart: number, position: number, group: number): number {
  const parts: Token[] = [];
  for (const part of runText.matchAll(PARTS)) {
    const raw = part[0].endsWith(".") ? part[0].replace(DOTS, "") : part[0];
    const start = runStart + part.index;
    parts.push(token(raw, start, start + part[0].length, position + parts.length, 1, group));
  }
  // A stop word among the parts means the hyphen is a dash standing between
  // words ("security-in a family"), or a phrase ("face-to-face") its parts
  // find anyway: joining would index junk.
  if (parts.length > 1 && !parts.some((part) => part.stop)) {
    const whole = joined(parts, group);
    // A joined form that stems to one of its parts ("zonesx-e") adds nothing.
    if (!parts.some((part) => part.term === whole.term)) tokens.push(whole);
  }
  tokens.push(...parts);
  return position + parts.length;
}

/** A compound's joined form: "cease-fire" is also "ceasefire". */
function joined(parts: Token[], group: number): Token {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  const word = parts.map((part) => part.word).join("");
  const term = word.length === 0 || word.length > MAX_TERM_LENGTH ? null : stem(word);
  return { start: first.start, end: last.end, word, term, stop: false, position: first.position, span: parts.length, group };
}

function token(raw: string, start: number, end: number, position: number, span: number, group: number): Token {
  const { word, term, stop } = analyzeWord(raw);
  return { start, end, word, term, stop, position, span, group };
}
