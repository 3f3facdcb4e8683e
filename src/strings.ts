/** String order and length that do not depend on locale or UTF-16. */

/** Code-unit order: the same on every machine, whatever its locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Length in code points: an emoji is one character, not two UTF-16 units. */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** True when the text holds a letter or digit of any script (not just punctuation, rules, emoji). */
export function hasWord(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
