/**
 * The report's section on what queries fetch from static assets on a cold
 * isolate: the start-up files, then per class the median and the most a
 * query read, against the previous design's, and the 1 MiB target.
 */
import { PREVIOUS_BYTES_PER_CLASS, TYPICAL_QUERY_BYTES, TYPICAL_WORD_CLASSES, typicalWordBytes, type BytesResult, type ClassBytes } from "./bytes";
import { failedText, kib, ms, quoted, section } from "./format";
import { isFailed, type CorpusResult } from "./results";

/** One table per corpus measured; empty when none was. */
export function bytesTables(corpora: readonly CorpusResult[], perClass: number): string[] {
  return corpora.flatMap((corpus) => {
    const ours = corpus.bytes?.ours;
    if (!ours) return [];
    if (isFailed(ours)) return [`Bytes fetched per cold query on ${corpus.name}: ${failedText(ours.failed)}`];
    const previous = corpus.bytes?.previous && !isFailed(corpus.bytes.previous) ? corpus.bytes.previous : null;
    const build = corpus.ours?.build && !isFailed(corpus.ours.build) ? corpus.ours.build.assets : null;
    const title =
      `Bytes fetched from static assets by one query on a cold isolate, ${corpus.name} (Node: a fresh index per query, every file read after start-up counted; ` +
      `up to ${perClass} queries per class from its pool (previous: ${PREVIOUS_BYTES_PER_CLASS}); KiB; ! a non-adversarial class past 1 MiB; cold ms = the query with its reads, from disk; * adversarial)`;
    const lines = [
      `start-up: ${startupLine(ours)}${previous ? `; previous design: ${startupLine(previous)}` : ""}`,
      build ? `artifact: ${build.files.toLocaleString("en-US")} files, ${(build.bytes / 2 ** 20).toFixed(1)} MiB` : "",
    ].filter(Boolean);
    return [`${section(title, classRows(ours, previous))}\n${lines.join("\n")}`];
  });
}

function startupLine(bytes: BytesResult): string {
  const files = bytes.startup.files.map((file) => `${file.path.split("/").at(-1)} ${kib(file.bytes)}`).join(" + ");
  return `${kib(bytes.startup.bytes)} KiB (${files}), opened in ${ms(bytes.startup.openMs)} ms`;
}

function classRows(ours: BytesResult, previous: BytesResult | null): string[][] {
  const rows = [["class", "queries", "median KiB", "max KiB", "files med/max", "cold ms", "cold CPU ms", "the max read (KiB by kind)", "previous median KiB", "max"]];
  for (const entry of ours.classes) {
    const before = previous?.classes.find((other) => other.class === entry.class);
    const past = !entry.adversarial && entry.maxBytes > TYPICAL_QUERY_BYTES ? "!" : "";
    rows.push([
      `${entry.class}${entry.adversarial ? "*" : ""}`,
      String(entry.queries),
      kib(entry.medianBytes),
      `${kib(entry.maxBytes)}${past}`,
      `${entry.medianFiles}/${entry.maxFiles}`,
      ms(entry.medianWallMs),
      ms(entry.medianCpuMs),
      `${quoted(entry.max.q, 20)}: ${byKind(entry)}`,
      kib(before?.medianBytes),
      kib(before?.maxBytes),
    ]);
  }
  return rows;
}

/** The largest kinds of file the heaviest query read, largest first. */
function byKind(entry: ClassBytes): string {
  return Object.entries(entry.max.byKind)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([kind, bytes]) => `${kind} ${kib(bytes)}`)
    .join(", ");
}

/** The 1 MiB target, said for a corpus: null when its bytes were not measured. */
export function typicalWordLine(corpus: CorpusResult): string | null {
  const word = typicalWordBytes(corpus.bytes?.ours);
  if (!word) return null;
  const verdict = word.maxBytes < TYPICAL_QUERY_BYTES ? "under 1 MiB" : word.medianBytes < TYPICAL_QUERY_BYTES ? "median under 1 MiB, max over" : "over 1 MiB";
  return `a typical word (${TYPICAL_WORD_CLASSES.join(", ")}) reads ${kib(word.medianBytes)} KiB median, ${kib(word.maxBytes)} KiB max on a cold isolate: ${verdict}`;
}
