/**
 * Index terms are stems ("presid", "zone"); people should never see them.
 * Suggestions and "did you mean" show, for each stem, the word the corpus
 * spells it with most often ("president"). Counted at build time; only
 * stems that differ from their word are stored.
 */
import type { Token } from "./analysis/tokenize";
import { compareStrings } from "../strings";

/** Stem → the corpus's most frequent (folded) word for it, where they differ. */
export type SurfaceForms = Record<string, string>;

/** Counts words per stem at build time, one document at a time. */
export class SurfaceFormsBuilder {
  private readonly counts = new Map<string, Map<string, number>>();

  add(tokens: Iterable<Token>): void {
    for (const { term, word, stop } of tokens) {
      if (term === null || stop) continue;
      let words = this.counts.get(term);
      if (!words) this.counts.set(term, (words = new Map()));
      words.set(word, (words.get(word) ?? 0) + 1);
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
