/**
 * records/<n>.json and related/<n>.json, written a file at a time as the
 * passages stage gives each document's answer, in position order: a
 * document's record lists its carriers (what a hit's "also in" reads), so
 * records wait for the passages, and neither file waits for the rest of the
 * corpus. What the stage found is then never held whole (the related
 * entries of 250,000 e-mails, eight relatives of 32 spans each, would be).
 */
import type { RecordEntry, RelatedEntry } from "../search/artifact";
import { encodeCopies } from "../search/index/copies";
import { recordEntry, type DocumentEntry } from "./assemble";
import type { ArtifactSink } from "./merge";
import type { DocumentPassages } from "./passages";
import { carriersOf, CopyGroups, RelatedEntries } from "./related";

export class RecordFiles {
  private readonly entries: RelatedEntries;
  private readonly groups: CopyGroups;
  /** The current file's related entries, by place. */
  private related: (RelatedEntry[] | null)[] = [];
  private next = 0;

  constructor(
    private readonly documents: readonly DocumentEntry[],
    private readonly recordsPerFile: number,
    private readonly sink: ArtifactSink,
  ) {
    this.entries = new RelatedEntries(documents);
    this.groups = new CopyGroups(documents.length);
  }

  /** The next document's answer (null: it shares nothing), in position order. */
  add(found: DocumentPassages | null): void {
    const position = this.next++;
    if (position >= this.documents.length) throw new Error(`records: an answer for document ${position} of ${this.documents.length}`);
    if (found && found.id !== this.documents[position]!.id) throw new Error(`records: the answer for "${found.id}" came at the place of "${this.documents[position]!.id}"`);
    this.groups.add(position, found, this.entries);
    this.related.push(this.entries.of(found));
    if (this.related.length === this.recordsPerFile || this.next === this.documents.length) this.flush();
  }

  /** Writes copies.bin, once every document's answer came; gives how many documents have a copy group. */
  finish(): number {
    if (this.next !== this.documents.length) throw new Error(`records: ${this.next} answers for ${this.documents.length} documents`);
    const { copies, inGroups } = this.groups.finish();
    this.sink.write("copies.bin", encodeCopies(copies));
    return inGroups;
  }

  private flush(): void {
    const first = this.next - this.related.length;
    const file = first / this.recordsPerFile;
    const records = this.related.map((related, i): RecordEntry => {
      const entry = recordEntry(this.documents[first + i]!);
      if (!related) return entry;
      const [id, title, date, url, fields = {}] = entry;
      return [id, title, date, url, fields, carriersOf(related)];
    });
    this.sink.write(`records/${file}.json`, json(records));
    this.sink.write(`related/${file}.json`, json(this.related));
    this.related = [];
  }
}

function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}
