/**
 * The report's sections on capacity: the worst adversarial query against a
 * typical one (issue 6), and which corpora one isolate serves with margin,
 * on which plan, with the limits projected from the repeated mail sizes.
 */
import { CAPACITY_BUDGET, type CapacityProjection, type Line } from "./capacity";
import { fixed, kib, mib, MiB, ms, quoted, table, times } from "./format";
import type { BenchResults, CorpusResult } from "./results";

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

/** A line per corpus: the random-query class's CPU time per query, and its worst query. */
export function randomLines(corpora: readonly CorpusResult[]): string {
  const lines = corpora.flatMap((corpus) => {
    const random = corpus.random;
    if (!random) return [];
    const refused = random.refused > 0 ? `; ${random.refused} refused, e.g. ${quoted(random.refusedExample ?? "")}` : "";
    return [
      `${corpus.name}: ${random.count} queries, CPU p50 ${ms(random.cpu.median)} / p99 ${ms(random.cpu.p99)} / worst ${ms(random.worst.cpuMs)} ms (${quoted(random.worst.q)})${refused}`,
    ];
  });
  return `Random queries (ours in Node: words of one document, some misspelt, cut short, excluded, quoted or capitalised, up to the word limit, seed 7; each run once, then timed once: CPU per query)\n${lines.join("\n")}`;
}

/** The capacity table, the largest corpus that fits, and where the limits fall. */
export function capacityTable(results: BenchResults): string {
  const { rows, largestFitting, projection } = results.capacity;
  const lines = [["corpus", "docs", "start-up KiB", "files", "plan", "largest MiB", "heap 1st MiB", "heap after mix MiB", "first search ms", "beyond empty", "fits"]];
  for (const row of rows) {
    lines.push([
      row.corpus,
      String(row.documents),
      kib(row.startupBytes),
      String(row.files),
      row.plan === "free" ? "free" : row.plan === "paid" ? "paid only" : "over both",
      mib(row.largestFileBytes),
      mib(row.heapAfterFirstSearchBytes),
      row.heapAfterMixBytes === null ? "—" : `${mib(row.heapAfterMixBytes)} (${row.mixQueries} q)`,
      ms(row.firstSearchMs),
      ms(row.firstSearchBeyondEmptyMs),
      row.fits === null ? `unknown: ${row.why}` : row.fits ? (row.plan === "free" ? "yes" : "yes, on a paid plan") : `no: ${row.why}`,
    ]);
  }
  const largest = rows.find((row) => row.corpus === largestFitting);
  const verdict = largest
    ? `Largest corpus measured that fits: ${largest.corpus} (${largest.documents} documents, start-up ${kib(largest.startupBytes)} KiB, heap after the mix ${mib(largest.heapAfterMixBytes)} MiB, ${largest.files} files: ${largest.plan === "free" ? "any plan" : "paid plan"}).`
    : "No corpus measured fits.";
  const budget = CAPACITY_BUDGET;
  return [
    `Capacity: one isolate within 128 MB, with margin (workerd heap after the mixed run ≤ ${budget.heapBytes / MiB} MiB; start-up files ≤ ${budget.startupBytes / MiB} MiB, ` +
      `the build's own warning; first search ≤ ${budget.firstSearchBeyondEmptyMs} ms beyond the empty app's; every file ≤ 25 MiB), and the plan its file count needs ` +
      `(Workers Static Assets: ${budget.freeFiles.toLocaleString("en-US")} files per version free, ${budget.paidFiles.toLocaleString("en-US")} paid)`,
    table(lines),
    verdict,
    ...projectionLines(projection),
  ].join("\n");
}

/** Where the lines through the repeated mail sizes cross each limit. */
function projectionLines(projection: CapacityProjection | null): string[] {
  if (!projection) return ["No projection: it needs two sizes of the repeated mail measured (run without --quick, or --corpus mail --corpus mail-10k …)."];
  const per100k = (line: Line, unit: (value: number) => string) => `${unit(line.perDocument * 100_000)} per 100,000 documents (${unit(line.intercept)} at none)`;
  const documents = (value: number | null) => (value === null ? "never (it does not grow)" : `about ${Math.round(value).toLocaleString("en-US")} documents`);
  const { documentsAt } = projection;
  return [
    `Projected from ${projection.corpora.join(", ")} (a straight line through each, least squares; an estimate: the caches are bounded, so the heap's growth should slow past the sizes measured):`,
    `- start-up files: ${per100k(projection.startupBytes, (bytes) => `${mib(bytes)} MiB`)}; past ${budgetMiB(CAPACITY_BUDGET.startupBytes)} at ${documents(documentsAt.startupBudget)}`,
    projection.heapAfterMix
      ? `- heap after the mixed run: ${per100k(projection.heapAfterMix, (bytes) => `${mib(bytes)} MiB`)}; past ${budgetMiB(CAPACITY_BUDGET.heapBytes)} at ${documents(documentsAt.heapBudget)}, past 128 MB at ${documents(documentsAt.isolate)}`
      : "- heap after the mixed run: fewer than two sizes measured",
    `- files: ${per100k(projection.files, (files) => fixed(files, 0))}; past the free plan's ${CAPACITY_BUDGET.freeFiles.toLocaleString("en-US")} at ${documents(documentsAt.freeFiles)}, the paid plan's ${CAPACITY_BUDGET.paidFiles.toLocaleString("en-US")} at ${documents(documentsAt.paidFiles)}`,
  ];
}

function budgetMiB(bytes: number): string {
  return `${bytes / MiB} MiB`;
}
