/**
 * Documents whose texts are the same, character for character: an agency's
 * story republished as it is, an e-mail sent to several lists. Their words
 * and offsets are the same, so what one shares with any other document the
 * others share too, at the same places. Comparing k copies pair by pair
 * would make k² pairs of whole texts (on mail repeated to 250,000, 41
 * copies of each e-mail: 5 M pairs and about 90 maximal runs each, where
 * e-mails repeat lines), for nothing new: the passages stage reads the
 * first two copies of a text (the second stands for what copies share with
 * one another) and lends their answer to the others.
 */
import { createHash } from "node:crypto";

/** The copies of each text among the documents added, and which of them are read. */
export class ExactCopies {
  /** A text's digest → its number. */
  private readonly texts = new Map<string, number>();
  /** By text: the ids of the documents that have it, in the order added. */
  private readonly members: string[][] = [];
  /** By text: the last document added with it. */
  private readonly lastDocuments: number[] = [];
  /** By text: the read document standing for it (its first), and the one standing for its copies (its second; -1: none). */
  private readonly firsts: number[] = [];
  private readonly seconds: number[] = [];
  /** By read document: its text. */
  private readonly textOfRead: number[] = [];
  /** By document added: its id and its text. */
  readonly ids: string[] = [];
  private readonly textOfDocument: number[] = [];

  /**
   * Adds a document: `read` is called (and gives the number of the read
   * document) unless two documents with its text were read already.
   */
  add(id: string, text: string, read: () => number): void {
    // SHA-256: a collision would merge two texts' answers, so the digest must not collide by chance.
    // Over UTF-16 code units, as the text is: UTF-8 would make two lone surrogates the same U+FFFD.
    const digest = createHash("sha256").update(text, "utf16le").digest("base64");
    let number = this.texts.get(digest);
    if (number === undefined || this.seconds[number] === -1) {
      const document = read();
      this.textOfRead[document] = number ?? this.members.length;
      if (number === undefined) {
        number = this.members.length;
        this.texts.set(digest, number);
        this.members.push([]);
        this.firsts.push(document);
        this.seconds.push(-1);
      } else {
        this.seconds[number] = document;
      }
    }
    this.members[number]!.push(id);
    this.lastDocuments[number] = this.ids.length;
    this.ids.push(id);
    this.textOfDocument.push(number);
  }

  /** True when the read document stands for its text (the first read of it), false when for its copies. */
  isFirst(read: number): boolean {
    return this.firsts[this.textOfRead[read]!] === read;
  }

  /**
   * The documents the read document stands for, when the boilerplate cap
   * counts documents holding a shingle: the second copy read stands for
   * itself, the first for the rest of its text's documents.
   */
  weight(read: number): number {
    const text = this.textOfRead[read]!;
    if (this.seconds[text] === read) return 1;
    return this.members[text]!.length - (this.seconds[text] === -1 ? 0 : 1);
  }

  /** How many documents the read document `other` stands for in what the first read of `read`'s text shares (see membersFor). */
  stands(read: number, other: number): number {
    const text = this.textOfRead[other]!;
    if (text === this.textOfRead[read]) return this.members[text]!.length - 1;
    return this.weight(other);
  }

  /**
   * The ids of the documents `other` (a read document) stands for in what
   * `document` (any document added) shares:
   * the second copy of document's own text stands for all its other
   * copies, and of another text, the first read stands for all but the
   * second.
   */
  membersFor(document: number, other: number): string[] {
    const text = this.textOfRead[other]!;
    const members = this.members[text]!;
    if (text === this.textOfDocument[document]) return members.filter((id) => id !== this.ids[document]);
    const second = this.seconds[text]!;
    if (second === -1) return members;
    // The second read is the second member added with this text.
    return this.firsts[text] === other ? members.filter((_, k) => k !== 1) : [members[1]!];
  }

  /** The read document standing for a document's text: the first read of it. */
  firstReadOf(document: number): number {
    return this.firsts[this.textOfDocument[document]!]!;
  }

  /** True when no document added after `document` has its text: its text's answer is not given again after its. */
  isLastOfText(document: number): boolean {
    return this.lastDocuments[this.textOfDocument[document]!] === document;
  }
}
