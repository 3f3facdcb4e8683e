/** A document as /documents/:id gives it, and two of them compared, from one index. */
import type { StoredDocument } from "./artifact";
import type { SearchIndex } from "./load";
import type { Related, SharedSpan } from "./related";

/** A document with the documents it shares passages with. */
export interface DocumentWithRelated extends StoredDocument {
  related: Related[];
}

/** The document with this id in the index, or undefined. */
export async function documentById(index: SearchIndex, id: string): Promise<DocumentWithRelated | undefined> {
  const position = await index.positionOf(id);
  if (position === undefined) return undefined;
  const [records, texts, related] = await Promise.all([index.records([position]), index.texts([position]), index.related([position])]);
  return { ...records.get(position)!, text: texts.get(position)!, related: related.get(position)! };
}

/** What two documents share, seen from the first. */
export interface Comparison {
  nearCopy: boolean;
  /** start/end in the first's text, otherStart/otherEnd in the second's; by start. */
  spans: SharedSpan[];
}

/**
 * The passages `document` and `other` share, from what the build recorded
 * on either side (each keeps its MAX_RELATED most shared documents, so a
 * pair may be listed by one only); nothing when neither lists the other.
 */
export function comparison(document: DocumentWithRelated, other: DocumentWithRelated): Comparison {
  const own = document.related.find((related) => related.id === other.id);
  if (own) return { nearCopy: own.nearCopy, spans: own.spans };
  const theirs = other.related.find((related) => related.id === document.id);
  if (!theirs) return { nearCopy: false, spans: [] };
  const spans = theirs.spans
    .map(({ start, end, otherStart, otherEnd, words }): SharedSpan => ({ start: otherStart, end: otherEnd, otherStart: start, otherEnd: end, words }))
    .sort((a, b) => a.start - b.start || a.otherStart - b.otherStart);
  return { nearCopy: theirs.nearCopy, spans };
}
