/**
 * Folding: the spellings of one word that a reader treats as the same word
 * become one string. Applied to every word of the index, of the query and of
 * the text being highlighted, so all three agree.
 */

/**
 * Apostrophes as typed and as typeset: straight, right and left single
 * quotation marks, and the modifier letter (a regular-expression class body).
 */
export const APOSTROPHE = "'\u2019\u2018\u02BC";
const APOSTROPHES = new RegExp(`[${APOSTROPHE}]`, "g");

// Combining diacritical marks (U+0300–U+036F) only: they carry accents on
// Latin, Greek and Cyrillic letters. Marks of other scripts (Thai vowels,
// Devanagari signs, kana voicing) are part of the letter and must stay.
const DIACRITICS = /[\u0300-\u036F]/g;

// Letters that are not a base letter plus a mark, so NFD cannot split them.
const LETTERS: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", ı: "i", ħ: "h", þ: "th" };
const SPECIAL_LETTERS = new RegExp(`[${Object.keys(LETTERS).join("")}]`, "g");

const ASCII = /^[\x00-\x7F]*$/;

/**
 * One word → its folded form: NFKC, lower case, accents dropped, every
 * apostrophe removed after an English possessive is dropped.
 *
 * @example
 * foldWord("Café") // => "cafe"
 * foldWord("Russia’s") // => "russia"
 * foldWord("ＫＲＥＭＬＩＮ") // => "kremlin"
 */
export function foldWord(word: string): string {
  let folded = ASCII.test(word) ? word.toLowerCase() : foldUnicode(word);
  folded = folded.replace(APOSTROPHES, "'");
  if (folded.endsWith("'s")) folded = folded.slice(0, -2);
  return folded.replace(APOSTROPHES, "");
}

function foldUnicode(word: string): string {
  return word
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(DIACRITICS, "")
    .replace(SPECIAL_LETTERS, (letter) => LETTERS[letter]!)
    .normalize("NFC");
}
