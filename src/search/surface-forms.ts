/**
 * Index terms are stems ("presid", "zone"); people should never see them.
 * Suggestions and "did you mean" show, for each stem, the word the corpus
 * spells it with most often ("president"), in lower case but with its
 * accents ("café"). Counted at build time; only stems that differ from
 * their word are stored.
 */
import type { Token } from "./analysis/tokenize";
import { compareStrings } from "../strings";

/** Stem → the corpus's most frequent spelling of it, where they differ. */
export type SurfaceForms = Record<string, string>;

/** Counts words per stem at build time, one document at a time. */
/** A word as written, in lower case, without an English possessive ("Café’s" → "café"). */
function written(raw: string): string {
  return raw.normalize("NFC").toLowerCase().replace(POSSESSIVE, "");
}

const POSSESSIVE = /['\u2019\u02BC]s$/;

export class SurfaceFormsBuilder {
  private readonly counts = new Map<string, Map<string, number>>();

  /** Counts the spellings of one text's tokens. */
  add(text: string, tokens: Iterable<Token>): void {
    for (const { term, word, stop, start, end, span } of tokens) {
      if (term === null || stop) continue;
      // A compound's joined form is shown joined, as it would be typed ("ceasefire").
      const spelling = span > 1 ? word : written(text.slice(start, end));
      let spellings = this.counts.get(term);
      if (!spellings) this.counts.set(term, (spellings = new Map()));
      spellings.set(spelling, (spellings.get(spelling) ?? 0) + 1);
    }
  }

  build(): SurfaceForms {
    const forms: SurfaceForms = {};
    for (const term of [...this.counts.keys()].sort(compareStrings)) {
      const [word] = [...this.counts.get(term)!].sort(([a, countA], [b, countB]) => countB - countA || compareStrings(a, b))[0]!;
      if (word !== term) forms[term] = word;
    }
    return forms;
  }
}
