/**
 * Files the build does not read, said so that a user can see what was left
 * out: the first few by name, the rest counted by extension.
 */
import { compareStrings } from "../strings";
import { DOCUMENT_FORMATS } from "./read";

/** Names shown before the rest are counted. */
const NAMED = 5;

/** "a.pdf, b.csv and 3 more (.pdf 2, no extension 1)"; "" for none. */
export function describeSkipped(paths: readonly string[]): string {
  const named = paths.slice(0, NAMED).join(", ");
  const rest = paths.slice(NAMED);
  if (rest.length === 0) return named;
  const byExtension = new Map<string, number>();
  for (const path of rest) byExtension.set(extensionOf(path), (byExtension.get(extensionOf(path)) ?? 0) + 1);
  const counts = [...byExtension]
    .sort(([a, countA], [b, countB]) => countB - countA || compareStrings(a, b))
    .map(([extension, count]) => `${extension} ${count}`)
    .join(", ");
  return `${named} and ${rest.length} more (${counts})`;
}

/** Why a corpus with no documents has none: what it holds, and what is read. */
export function emptyCorpusReason(skipped: readonly string[], unusable: number): string {
  const read = Object.keys(DOCUMENT_FORMATS).join(", ");
  const saw =
    skipped.length === 0 && unusable === 0
      ? "it holds no files"
      : [
          skipped.length > 0 && `${skipped.length} file(s) not read for their extension: ${describeSkipped(skipped)}`,
          unusable > 0 && `${unusable} document file(s) empty or unusable`,
        ]
          .filter(Boolean)
          .join("; ");
  return `empty corpus: no document with text in it (${saw}); the build reads ${read}`;
}

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "no extension" : name.slice(dot).toLowerCase();
}
