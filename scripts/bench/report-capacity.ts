/**
 * The report's sections on capacity: ways of loading the index compared
 * (issue 4), the worst adversarial query against a typical one (issue 6),
 * and which corpora one isolate serves with margin.
 */
import { CAPACITY_BUDGET } from "./capacity";
import { failedText, mib, MiB, ms, quoted, section, table, times } from "./format";
import { isFailed, type BenchResults, type CorpusResult } from "./results";
import { LOAD_METHODS, LOAD_METHOD_NAMES } from "./load-methods";
import { ratio } from "./stats";

/** One table for every corpus, each method against what src/search/load.ts does; empty when none ran. */
export function loadMethodsTable(corpora: readonly CorpusResult[], runs: number): string[] {
  const rows = [["corpus", "method", "input MiB", "wall ms", "CPU ms", "heap MiB", "÷parse+loadJS (wall)"]];
  for (const corpus of corpora) {
    const methods = corpus.loadMethods;
    if (!methods) continue;
    if (isFailed(methods)) {
      rows.push([corpus.name, "", failedText(methods.failed)]);
      continue;
    }
    const baseline = methods.find((result) => result.method === "parse+loadJS");
    const baselineMs = baseline && !isFailed(baseline) ? baseline.wallMs : null;
    for (const result of methods) {
      if (isFailed(result)) {
        rows.push([corpus.name, result.method, failedText(result.failed)]);
        continue;
      }
      rows.push([corpus.name, result.method, mib(result.inputBytes), ms(result.wallMs), ms(result.cpuMs), mib(result.heapOfIndexBytes), times(ratio(result.wallMs, baselineMs))]);
    }
  }
  if (rows.length === 1) return [];
  const legend = LOAD_METHOD_NAMES.map((method) => `  ${method}: ${LOAD_METHODS[method]}`).join("\n");
  return [
    section(
      `Load methods: index.json into a searchable MiniSearch, in Node (median of ${runs} fresh processes each; from bytes, as the assets binding gives them; heap = used heap after GC less before, the input dropped)`,
      rows,
    ) + `\n${legend}`,
  ];
}

/** A line per corpus: the worst adversarial query's CPU time ÷ the median non-adversarial one's. */
export function adversarialLines(corpora: readonly CorpusResult[]): string {
  const lines = corpora.flatMap((corpus) => {
    const cost = corpus.adversarial;
    if (!cost) return corpus.queries ? [`${corpus.name}: no adversarial or typical timings to compare`] : [];
    const { worst } = cost;
    return [
      `${corpus.name}: worst adversarial "${worst.class}" (${quoted(worst.q)}) ${ms(worst.cpuMs)} ms CPU per query ` +
        `(p99 ${ms(worst.cpuP99Ms)}, wall ${ms(worst.wallMs)}) ÷ median non-adversarial ${ms(cost.typicalCpuMs)} ms = ${times(cost.ratio)}`,
    ];
  });
  return `Adversarial cost (ours in Node, CPU time per query: process.cpuUsage around each search; the median over the ${
    corpora.find((corpus) => corpus.adversarial)?.adversarial?.typicalClasses.length ?? 0
  } non-adversarial classes of their medians)\n${lines.join("\n")}`;
}

/** The capacity table, and the largest corpus that fits. */
export function capacityTable(results: BenchResults): string {
  const { rows, largestFitting } = results.capacity;
  const lines = [["corpus", "docs", "index.json MiB", "artifact MiB", "files", "workerd heap MiB", "first search ms", "worst typical p99 ms", "fits"]];
  for (const row of rows) {
    lines.push([
      row.corpus,
      String(row.documents),
      mib(row.indexBytes),
      mib(row.artifactBytes),
      String(row.files),
      mib(row.workerdHeapBytes),
      ms(row.workerdFirstSearchMs),
      row.worstTypicalP99 ? `${ms(row.worstTypicalP99.ms)} (${row.worstTypicalP99.class})` : "—",
      row.fits === null ? `unknown: ${row.why}` : row.fits ? "yes" : `no: ${row.why}`,
    ]);
  }
  const largest = rows.find((row) => row.corpus === largestFitting);
  const verdict = largest
    ? `Largest corpus that fits: ${largest.corpus} (${largest.documents} documents, index.json ${mib(largest.indexBytes)} MiB, artifact ${mib(largest.artifactBytes)} MiB).`
    : "No corpus measured fits.";
  return `Capacity: one isolate within 128 MB and a 1 s start, with margin (workerd heap ≤ ${CAPACITY_BUDGET.heapBytes / MiB} MiB and first search ≤ ${
    CAPACITY_BUDGET.firstSearchMs
  } ms; medians of the workerd starts; worst typical p99 = the slowest non-adversarial class's p99, ours in Node)\n${table(lines)}\n${verdict}`;
}
