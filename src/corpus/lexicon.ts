/**
 * The inverted index, built document by document and written as blocks of
 * terms: each block a lexicon (its terms, how many documents hold each, their
 * spellings, where each one's postings are) and its postings. Blocks are
 * consecutive ranges of the sorted vocabulary, so a word, a prefix or a typo
 * range reads only the blocks its terms can fall in.
 *
 * It computes what MiniSearch's addAll would (unique terms per field as the
 * field's length, the running average of each field's length, a count per
 * term per document) in the same order, so that MiniSearch scores the
 * postings read back exactly as it scores its own index; the equivalence
 * test holds the two side by side.
 */
import type { LexiconEntry } from "../search/artifact";
import { ByteWriter } from "../search/index/bytes";
import { encodePostings, type FieldPostings } from "../search/index/postings";
import type { Spellings } from "../search/spellings";
import { compareStrings } from "../strings";

/** When a block of the vocabulary closes. */
export interface BlockSizes {
  /** Once its postings reach this many bytes: a common word is a block of its own. */
  postingsBytes: number;
  /** Or once it has this many terms, so a lexicon file stays small to read and parse. */
  terms: number;
}

export const BLOCK_SIZES: BlockSizes = { postingsBytes: 128 * 1024, terms: 1024 };

/** The fields MiniSearch indexes, by id (see options.ts). */
const FIELDS = 2;

export interface LexiconBlocks {
  /** The first term of each block. */
  firstTerms: string[];
  lexicons: LexiconEntry[][];
  postings: Uint8Array[];
}

export class LexiconBuilder {
  private readonly terms = new Map<string, (FieldPostings | undefined)[]>();
  private documents = 0;
  readonly averageFieldLength: [number, number] = [0, 0];
  /** Unique terms per field per document, in document order. */
  readonly fieldLengths: [number[], number[]] = [[], []];

  /** Adds the next document's terms per field (title, then text), as MiniSearch's tokenizer gives them. */
  add(fields: readonly [readonly string[], readonly string[]]): void {
    const position = this.documents++;
    for (let field = 0; field < FIELDS; field++) {
      const terms = fields[field]!;
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      // MiniSearch counts the field's unique terms, and averages as it goes.
      const length = counts.size;
      this.fieldLengths[field]!.push(length);
      this.averageFieldLength[field] = (this.averageFieldLength[field]! * position + length) / (position + 1);
      for (const [term, count] of counts) {
        let fields = this.terms.get(term);
        if (!fields) this.terms.set(term, (fields = []));
        let postings = fields[field];
        if (!postings) fields[field] = postings = { documents: [], counts: [] };
        postings.documents.push(position);
        postings.counts.push(count);
      }
    }
  }

  /** The blocks, with each term's spellings where it has any. */
  build(spellings: Spellings, sizes: BlockSizes = BLOCK_SIZES): LexiconBlocks {
    const blocks: LexiconBlocks = { firstTerms: [], lexicons: [], postings: [] };
    let lexicon: LexiconEntry[] = [];
    let out = new ByteWriter();
    const close = () => {
      if (lexicon.length === 0) return;
      blocks.firstTerms.push(lexicon[0]![0]);
      blocks.lexicons.push(lexicon);
      blocks.postings.push(out.finish());
      [lexicon, out] = [[], new ByteWriter()];
    };
    for (const term of [...this.terms.keys()].sort(compareStrings)) {
      const fields = this.terms.get(term)!;
      const offset = out.byteLength;
      encodePostings(fields, out);
      const entry: LexiconEntry = [term, documentFrequency(fields), offset, out.byteLength - offset];
      if (Object.hasOwn(spellings, term)) entry.push(spellings[term]!);
      lexicon.push(entry);
      if (out.byteLength >= sizes.postingsBytes || lexicon.length >= sizes.terms) close();
    }
    close();
    return blocks;
  }
}

/** Documents holding the term in any field: the union of the fields' ascending lists. */
function documentFrequency(fields: readonly (FieldPostings | undefined)[]): number {
  const [a = [], b = []] = fields.map((field) => field?.documents ?? []);
  let [i, j, count] = [0, 0, 0];
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) i++;
    else if (i >= a.length || b[j]! < a[i]!) j++;
    else (i++, j++);
    count++;
  }
  return count;
}
