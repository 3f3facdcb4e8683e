/** The results as the tables the bench prints (the JSON file has everything else). */
import type { QueryTiming } from "./children/probe-types";
import { failedText, fixed, mib, ms, quoted, section, times } from "./format";
import { adversarialLines, capacityTable, loadMethodsTable } from "./report-capacity";
import { isFailed, type BenchResults, type CorpusResult, type EngineResult, type Failed } from "./results";
import { ratio } from "./stats";

/** A Worker isolate's memory limit (128 MB); local workerd does not enforce it. */
const ISOLATE_LIMIT_BYTES = 128 * 1000 * 1000;

export function formatReport(results: BenchResults, resultsPath: string): string {
  const { environment: env, settings } = results;
  const sections = [
    [
      `npm run bench, ${env.date} at ${env.revision}`,
      `machine: ${env.machine.cpu}, ${env.machine.cores} cores, ${env.machine.memoryGiB} GiB, ${env.machine.os}`,
      `versions: node ${env.versions.node}, wrangler ${env.versions.wrangler}, workerd ${env.versions.workerd}, minisearch ${env.versions.minisearch}, hono ${env.versions.hono}, autocannon ${env.versions.autocannon}`,
      `naive = plain Hono + MiniSearch, title+text, text stored, JSON.stringify(miniSearch) loaded with loadJSON (scripts/bench/naive/)`,
    ].join("\n"),
    section(
      "Build (our build in a fresh Node process; artifact = every file, gzip = each file gzipped, added up; index = the index.json every isolate loads whole, gzip in brackets; largest = the largest file; upload = wrangler deploy --dry-run's Total Upload, the Worker script; deploy = the dry run's verdict with the assets in place)",
      buildTable(results.corpora),
    ),
    ...loadMethodsTable(results.corpora, settings.loadMethodRuns),
    section(
      `Start in workerd (wrangler dev on 127.0.0.1; first /search after a warm-up 404 that leaves the index alone, timed from the client; heap = Runtime.getHeapUsage after a GC, ! past the 128 MB isolate limit, which local workerd does not enforce; median of ${settings.workerdStarts} fresh starts)`,
      workerdTable(results.corpora),
    ),
    section(
      `Start split, measured in Node as a proxy for workerd (same artifact, median of ${settings.nodeLoadRuns} fresh processes; read = the files the load reads; heap = heapUsed after GC, after the load and after the first query too)`,
      nodeTable(results.corpora),
    ),
    ...results.corpora.flatMap((corpus) =>
      corpus.queries && !isFailed(corpus.queries)
        ? [
            section(
              `Queries on ${corpus.name}, in-process in Node, ms per query (median / p99 over repetitions after warm-up; ours = parse + await search() with snippets and facets, CPU = its process CPU time; floor = raw MiniSearch engine.search(q) on our index.json's index, default options; naive = its search(q).slice(0, 10)); * adversarial`,
              queryTable(corpus.queries, corpus),
            ),
          ]
        : [],
    ),
    adversarialLines(results.corpora),
    section(
      `HTTP (autocannon on 127.0.0.1, ${settings.http.connections} connections, ${settings.http.durationSeconds} s after 1 s of warm-up; the mixed list cycles the non-adversarial queries)`,
      httpTable(results.corpora),
    ),
    capacityTable(results),
    notes(results),
    `Full results: ${resultsPath} (${(results.milliseconds / 60000).toFixed(1)} min)`,
  ];
  return sections.join("\n\n");
}

function buildTable(corpora: readonly CorpusResult[]): string[][] {
  const rows = [
    ["corpus", "docs", "build s", "docs/s", "artifact MiB", "gzip MiB", "files", "index MiB (gzip)", "largest MiB", "naive MiB", "÷naive", "naive build s", "upload KiB (gzip)", "deploy"],
  ];
  for (const corpus of corpora) {
    const ours = corpus.ours?.build;
    const naive = corpus.naive?.build;
    if (corpus.failed || !ours || isFailed(ours)) {
      rows.push([corpus.name, "—", failedText(corpus.failed ?? (ours && isFailed(ours) ? ours.failed : "not run"))]);
      continue;
    }
    const naiveBytes = naive && !isFailed(naive) ? naive.assets.bytes : null;
    const { assets } = ours;
    rows.push([
      corpus.name,
      String(ours.outcome.documents),
      fixed(ours.outcome.milliseconds / 1000, 1),
      fixed(ours.documentsPerSecond, 0),
      mib(assets.bytes),
      mib(assets.gzipBytes),
      String(assets.files),
      `${mib(assets.index.bytes)} (${mib(assets.index.gzipBytes)})`,
      mib(assets.largestFile?.bytes ?? null),
      naiveBytes === null ? failedText(naive && isFailed(naive) ? naive.failed : "—") : mib(naiveBytes),
      times(ratio(assets.bytes, naiveBytes)),
      naive && !isFailed(naive) ? fixed(naive.outcome.milliseconds / 1000, 1) : "—",
      ours.dryRun.uploadKiB === null ? "—" : `${fixed(ours.dryRun.uploadKiB, 0)} (${fixed(ours.dryRun.uploadGzipKiB ?? NaN, 0)})`,
      ours.dryRun.refused ? `refused: ${ours.dryRun.refused}` : "ok",
    ]);
  }
  return rows;
}

function workerdTable(corpora: readonly CorpusResult[]): string[][] {
  const rows = [["corpus", "first search ms", "naive ms", "÷naive", "heap MiB", "naive MiB", "÷naive", "starts ok", "served"]];
  for (const corpus of corpora) {
    if (!corpus.ours) continue;
    const ours = corpus.ours.workerd;
    const naive = corpus.naive?.workerd;
    if (isFailed(ours)) {
      rows.push([corpus.name, failedText(ours.failed)]);
      continue;
    }
    const naiveOk = naive && !isFailed(naive) ? naive : null;
    const okStarts = (starts: typeof ours.starts) => `${starts.filter((start) => start.firstSearchMs !== null).length}/${starts.length}`;
    const errors = [...ours.starts, ...(naiveOk?.starts ?? [])].map((start) => start.error).filter((error): error is string => error !== null);
    rows.push([
      corpus.name,
      ms(ours.medianFirstSearchMs),
      ms(naiveOk?.medianFirstSearchMs ?? null),
      times(ratio(ours.medianFirstSearchMs, naiveOk?.medianFirstSearchMs)),
      isolateHeap(ours.medianHeapBytes),
      isolateHeap(naiveOk?.medianHeapBytes ?? null),
      times(ratio(ours.medianHeapBytes, naiveOk?.medianHeapBytes)),
      `${okStarts(ours.starts)}, ${naiveOk ? okStarts(naiveOk.starts) : "—"}`,
      [ours.servedFromParts ? "from parts (over 25 MiB: not deployable)" : "as deployed", errors[0] ? `error: ${errors[0].slice(0, 120)}` : ""].filter(Boolean).join("; "),
    ]);
  }
  return rows;
}

function nodeTable(corpora: readonly CorpusResult[]): string[][] {
  const rows = [
    [
      "corpus",
      "read",
      "parse",
      "rebuild",
      "rest",
      "1st query",
      "total ms",
      "naive read",
      "parse",
      "rebuild",
      "1st q",
      "total",
      "÷naive",
      "heap MiB",
      "+1st q",
      "naive MiB",
      "÷naive",
    ],
  ];
  for (const corpus of corpora) {
    if (!corpus.ours) continue;
    const ours = medians(corpus.ours);
    const naive = corpus.naive ? medians(corpus.naive) : null;
    if (!ours) {
      rows.push([corpus.name, failedText(isFailed(corpus.ours.nodeLoad) ? corpus.ours.nodeLoad.failed : "—")]);
      continue;
    }
    rows.push([
      corpus.name,
      ms(ours.readMs),
      ms(ours.parseMs),
      ms(ours.rebuildMs),
      ms(ours.restMs),
      ms(ours.firstQueryMs),
      ms(ours.loadAndFirstQueryMs),
      ms(naive?.readMs),
      ms(naive?.parseMs),
      ms(naive?.rebuildMs),
      ms(naive?.firstQueryMs),
      ms(naive?.loadAndFirstQueryMs),
      times(ratio(ours.loadAndFirstQueryMs, naive?.loadAndFirstQueryMs)),
      mib(ours.heapAfterLoadBytes),
      mib(ours.heapAfterFirstQueryBytes),
      mib(naive?.heapAfterFirstQueryBytes),
      times(ratio(ours.heapAfterFirstQueryBytes, naive?.heapAfterFirstQueryBytes)),
    ]);
  }
  return rows;
}

function medians(engine: EngineResult) {
  return isFailed(engine.nodeLoad) ? null : engine.nodeLoad.medians;
}

function queryTable(queries: readonly QueryTiming[], corpus: CorpusResult): string[][] {
  const rows = [["class", "query", "ours p50", "p99", "CPU p50", "floor p50", "p99", "÷floor", "naive p50", "p99", "÷naive", "hits ours/floor/naive"]];
  queries.forEach((query, i) => {
    const adversarial = corpus.queryCases?.[i]?.adversarial ? "*" : "";
    rows.push([
      `${query.class}${adversarial}`,
      quoted(query.q),
      query.error ? `error: ${query.error.slice(0, 60)}` : ms(query.ours?.median),
      ms(query.ours?.p99),
      ms(query.ours?.cpu?.median),
      ms(query.floor?.median),
      ms(query.floor?.p99),
      times(ratio(query.ours?.median, query.floor?.median)),
      ms(query.naive?.median),
      ms(query.naive?.p99),
      times(ratio(query.ours?.median, query.naive?.median)),
      [query.ours?.total, query.floor?.total, query.naive?.total].map((total) => (total === undefined ? "—" : String(total))).join("/"),
    ]);
  });
  return rows;
}

function httpTable(corpora: readonly CorpusResult[]): string[][] {
  const rows = [["corpus", "engine", "target", "req/s", "p50 ms", "p99 ms", "requests", "non-2xx", "errors", "÷/health"]];
  for (const corpus of corpora) {
    if (!corpus.http) continue;
    if (isFailed(corpus.http)) {
      rows.push([corpus.name, "", failedText(corpus.http.failed)]);
      continue;
    }
    const health = corpus.http.ours.find((result) => result.target === "/health")?.requestsPerSecond;
    for (const [engine, results] of [["ours", corpus.http.ours], ["naive", corpus.http.naive]] as const) {
      for (const result of results) {
        rows.push([
          corpus.name,
          engine,
          result.target,
          fixed(result.requestsPerSecond, 0),
          fixed(result.p50Ms, 0),
          fixed(result.p99Ms, 0),
          String(result.requests),
          String(result.non2xx),
          String(result.errors),
          result.target === "/health" ? "1" : times(ratio(result.requestsPerSecond, health)),
        ]);
      }
    }
  }
  return rows;
}

function notes(results: BenchResults): string {
  const lines = [...results.settings.notes];
  for (const corpus of results.corpora) {
    lines.push(`${corpus.name}: load average ${corpus.loadAverage.toFixed(2)} at the start`);
    if (corpus.sourceChanged) {
      lines.push(`${corpus.name}: WARNING: src/ changed during the run (by the end of this corpus): its Node numbers may come from newer code than workerd's bundle; rerun`);
    }
    for (const note of corpus.notes) lines.push(`${corpus.name}: ${note}`);
    if (corpus.failed) lines.push(`${corpus.name}: could not be prepared: ${corpus.failed}`);
    if (corpus.floorUnavailable) lines.push(`${corpus.name}: no floor: ${corpus.floorUnavailable}`);
    if (isFailed(corpus.loadMethods)) lines.push(`${corpus.name}: load methods: ${corpus.loadMethods.failed}`);
    const build = corpus.ours?.build;
    if (build && !isFailed(build) && "warnings" in build.outcome) {
      for (const warning of build.outcome.warnings) lines.push(`${corpus.name}: our build warned: ${warning}`);
    }
    for (const engine of ["ours", "naive"] as const) {
      const result = corpus[engine];
      if (!result) continue;
      for (const [step, value] of Object.entries(result) as [string, unknown][]) {
        if (isFailed(value)) lines.push(`${corpus.name}, ${engine}, ${step}: ${(value as Failed).failed}`);
      }
      if (!isFailed(result.build) && "problems" in result.build.outcome && result.build.outcome.problems > 0) {
        lines.push(`${corpus.name}: the build left out ${result.build.outcome.problems} file(s), e.g. ${result.build.outcome.firstProblems[0]}`);
      }
    }
  }
  return `Notes\n${lines.map((line) => `- ${line}`).join("\n")}`;
}

/** Heap in MiB, marked "!" past the isolate limit. */
function isolateHeap(bytes: number | null): string {
  return bytes !== null && bytes > ISOLATE_LIMIT_BYTES ? `${mib(bytes)}!` : mib(bytes);
}
