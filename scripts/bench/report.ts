/** The results as the tables the bench prints (the JSON file has everything else). */
import type { QueryTiming } from "./children/probe-types";
import { SAMPLE_MS } from "./build-stages";
import { typicalWordBytes } from "./bytes";
import { failedText, fixed, kib, mib, ms, quoted, seconds, section, times } from "./format";
import { bytesTables, typicalWordLine } from "./report-bytes";
import { adversarialLines, capacityTable, randomLines } from "./report-capacity";
import { shardsNotes, shardsTables } from "./report-shards";
import { README_PREVIOUS } from "./readme-previous";
import { isFailed, type BenchResults, type CorpusResult, type Engine, type EngineResult, type Failed, type WorkerdResult } from "./results";
import { ISOLATE_BYTES } from "./capacity";
import { median, ratio } from "./stats";

const ENGINES: readonly Engine[] = ["ours", "naive", "previous"];

export function formatReport(results: BenchResults, resultsPath: string): string {
  const { environment: env, settings } = results;
  const previous = isFailed(settings.previous) ? `previous: ${settings.previous.skipped ? settings.previous.failed : `not measured (${settings.previous.failed})`}` : `previous = the index.json design at ${settings.previous.revision} (${settings.previous.commit.slice(0, 12)}), run from its own tree`;
  const sections = [
    [
      `npm run bench, ${env.date} at ${env.revision}`,
      `machine: ${env.machine.cpu}, ${env.machine.cores} cores, ${env.machine.memoryGiB} GiB, ${env.machine.os}`,
      `versions: node ${env.versions.node}, wrangler ${env.versions.wrangler}, workerd ${env.versions.workerd}, minisearch ${env.versions.minisearch}, hono ${env.versions.hono}, autocannon ${env.versions.autocannon}`,
      `ours = this tree's Worker (artifact format 5: pages in); naive = plain Hono + MiniSearch, title+text, text stored, JSON.stringify(miniSearch) loaded with loadJSON (scripts/bench/naive/); empty = Hono answering /search with {ok:true} (scripts/bench/empty/)`,
      `${previous}; README = the figures the README published for it (${README_PREVIOUS.revision}, ${README_PREVIOUS.date})`,
    ].join("\n"),
    section(
      "Summary, ours (as the README's table: first search and heap in workerd, medians of the starts; beyond = less the empty Hono app's; heap after the first search / after the mixed run; typical = the median of the non-adversarial classes' medians, p99 the slowest of them, warm, in Node; worst adversarial in CPU ms; a word = what a common or rare word fetches on a cold isolate, median / max KiB; naive and previous: the same run's, README: the published index.json figures)",
      summaryTable(results.corpora),
    ),
    section(
      "Build (each build in a fresh Node process; artifact = every file, gzip = each file gzipped, added up; plan = the file count against Workers Static Assets' 20,000 (free) and 100,000 (paid) files per version; start-up = the files an isolate reads whole before its first query; largest = the largest file (25 MiB at most); deploy = `wrangler deploy --dry-run` with the assets in place, which checks every file's size)",
      buildTable(results.corpora),
    ),
    section(
      `Build stages, ours (the same builds, as buildCorpus reports its stages: each from its start to the next one's, listing the corpus's files before scan in none; s (peak MiB) = wall time, and the build process's largest RSS during the stage, sampled every ${SAMPLE_MS} ms by a worker thread and at each report; passages share = the passages stage's time ÷ the whole build's)`,
      stagesTable(results.corpora),
    ),
    section(
      `First search in workerd (wrangler dev on 127.0.0.1; the first /search after a warm-up 404 that leaves the index alone, timed from the client; beyond empty = less the empty Hono app's; of which search = the Worker's own tookMs, the query after the index is open (the rest: opening it, routing, HTTP); median of ${settings.workerdStarts} fresh starts each)`,
      firstSearchTable(results.corpora),
    ),
    section(
      `Heap in workerd (Runtime.getHeapUsage after a GC, MiB; ours at start = after the warm-up 404, before the first search; after the first search: median of the starts; after the mix: the first start, after ${settings.mixQueries} mixed queries one at a time; ! past the 128 MB isolate limit, which local workerd does not enforce)`,
      heapTable(results.corpora, settings.mixQueries),
    ),
    section(
      `Mixed run over HTTP (the same ${settings.mixQueries} queries for every Worker, one at a time, each answer read whole; ms from the client; at most ${Math.round(settings.mixBudgetMs / 1000)} s)`,
      mixTable(results.corpora),
    ),
    ...bytesTables(results.corpora, settings.bytesPerClass),
    ...results.corpora.flatMap((corpus) =>
      corpus.queries && !isFailed(corpus.queries)
        ? [
            section(
              `Queries on ${corpus.name}, in-process in Node, ms per query (median / p99 over repetitions after warm-up, so warm caches; ours and previous = parse + await search() with snippets and facets, CPU = its process CPU time; floor = raw MiniSearch engine.search(q) over the same texts, default options; naive = its search(q).slice(0, 10)); * adversarial`,
              queryTable(corpus.queries, corpus),
            ),
          ]
        : [],
    ),
    section("Query times by corpus size (ours in Node, ms: median / p99 wall, median CPU; the repeated mail sizes ask mail's queries)", sizeTable(results.corpora)),
    adversarialLines(results.corpora),
    randomLines(results.corpora),
    section(
      `Start split, measured in Node as a proxy for workerd (same artifact, median of ${settings.nodeLoadRuns} fresh processes; read = the start-up files; parse = JSON.parse; rebuild = MiniSearch.loadJS; rest = the load's other work; heap = heapUsed after GC, after the load and after the first query too)`,
      nodeTable(results.corpora),
    ),
    section(
      `HTTP (autocannon on 127.0.0.1, ${settings.http.connections} connections, ${settings.http.durationSeconds} s after 1 s of warm-up; the mixed list cycles the non-adversarial queries)`,
      httpTable(results.corpora),
    ),
    ...shardsTables(results),
    capacityTable(results),
    notes(results),
    `Full results: ${resultsPath} (${(results.milliseconds / 60000).toFixed(1)} min)`,
  ];
  return sections.join("\n\n");
}

function summaryTable(corpora: readonly CorpusResult[]): string[][] {
  const rows = [
    [
      "corpus",
      "docs",
      "start-up KiB (all MiB, files)",
      "first search ms (beyond)",
      "naive",
      "previous",
      "README",
      "heap MiB 1st / mix",
      "naive",
      "previous",
      "README",
      "typical p50 / p99 ms",
      "README",
      "worst adversarial",
      "a word KiB",
      "deploy",
    ],
  ];
  for (const corpus of corpora) {
    const build = corpus.ours?.build;
    if (!build || isFailed(build)) {
      rows.push([corpus.name, failedText(corpus.failed ?? (build && isFailed(build) ? build.failed : "not run"))]);
      continue;
    }
    const empty = okWorkerd(corpus.emptyApp);
    const [ours, naive, previous] = (["ours", "naive", "previous"] as const).map((engine) => okWorkerd(corpus[engine]?.workerd));
    const readme = README_PREVIOUS.rows[corpus.name];
    const beyond = ours?.medianFirstSearchMs != null && empty?.medianFirstSearchMs != null ? ours.medianFirstSearchMs - empty.medianFirstSearchMs : null;
    const heaps = (workerd: WorkerdResult | null | undefined) => (workerd ? `${isolateHeap(workerd.medianHeapBytes)} / ${isolateHeap(workerd.heapAfterMixBytes)}` : "—");
    const typical = typicalTimes(corpus);
    const word = typicalWordBytes(corpus.bytes?.ours);
    const { assets, dryRun } = build;
    rows.push([
      corpus.name,
      String(build.outcome.documents),
      `${kib(assets.startup.bytes)} (${mib(assets.bytes)}, ${assets.files})`,
      `${ms(ours?.medianFirstSearchMs)} (${ms(beyond)})`,
      ms(naive?.medianFirstSearchMs),
      ms(previous?.medianFirstSearchMs),
      ms(readme?.firstSearchMs),
      heaps(ours),
      heaps(naive),
      heaps(previous),
      readme ? fixed(readme.heapMiB, 1) : "—",
      typical ? `${ms(typical.p50)} / ${ms(typical.p99)}` : "—",
      readme ? `${ms(readme.typicalP50Ms)} / ${ms(readme.typicalP99Ms)}` : "—",
      corpus.adversarial ? `${ms(corpus.adversarial.worst.cpuMs)} (${corpus.adversarial.worst.class})` : "—",
      word ? `${kib(word.medianBytes)} / ${kib(word.maxBytes)}` : "—",
      `${dryRun.refused ? "refused" : "passes"}, ${assets.plan === "free" ? "free plan" : assets.plan === "paid" ? "paid plan" : "no plan"}`,
    ]);
  }
  return rows;
}

/** The README's "typical": the median of the non-adversarial classes' medians; p99 the slowest of their p99s. */
function typicalTimes(corpus: CorpusResult): { p50: number; p99: number } | null {
  if (!corpus.queries || isFailed(corpus.queries)) return null;
  const typical = corpus.queries.flatMap((query, i) => (query.ours && corpus.queryCases?.[i]?.adversarial === false ? [query.ours] : []));
  if (typical.length === 0) return null;
  return { p50: median(typical.map((times) => times.median)), p99: Math.max(...typical.map((times) => times.p99)) };
}

function buildTable(corpora: readonly CorpusResult[]): string[][] {
  const rows = [["corpus", "engine", "docs", "build s", "docs/s", "peak RSS MiB", "artifact MiB", "gzip MiB", "files", "plan", "start-up KiB", "largest MiB", "deploy"]];
  for (const corpus of corpora) {
    if (corpus.failed) {
      rows.push([corpus.name, "", failedText(corpus.failed)]);
      continue;
    }
    for (const engine of ENGINES) {
      const build = corpus[engine]?.build;
      if (!build) continue;
      if (isFailed(build)) {
        rows.push([corpus.name, engine, failedText(build.failed, build.skipped)]);
        continue;
      }
      const { assets, outcome, dryRun } = build;
      rows.push([
        corpus.name,
        engine,
        String(outcome.documents),
        fixed(outcome.milliseconds / 1000, 1),
        fixed(build.documentsPerSecond, 0),
        fixed(outcome.peakRssMiB, 0),
        mib(assets.bytes),
        mib(assets.gzipBytes),
        String(assets.files),
        assets.plan === "free" ? "free" : assets.plan === "paid" ? "paid only" : "over both",
        `${kib(assets.startup.bytes)} (${assets.startup.files.length} file${assets.startup.files.length === 1 ? "" : "s"})`,
        mib(assets.largestFile?.bytes ?? null),
        dryRun.refused ? `refused: ${dryRun.refused}` : "passes",
      ]);
    }
  }
  return rows;
}

/** One row per corpus whose build timed its stages (results from before they were have none). */
function stagesTable(corpora: readonly CorpusResult[]): string[][] {
  const timed = corpora.flatMap((corpus) => {
    const build = corpus.ours?.build;
    // Typed as either build's outcome: ours is the one with warnings.
    const outcome = build && !isFailed(build) && "warnings" in build.outcome ? build.outcome : null;
    return outcome?.stages ? [{ corpus: corpus.name, milliseconds: outcome.milliseconds, stages: outcome.stages }] : [];
  });
  const names = [...new Set(timed.flatMap(({ stages }) => stages.map((stage) => stage.name)))];
  const rows = [["corpus", "build s", ...names.map((name) => `${name} s (peak MiB)`), "passages share"]];
  for (const { corpus, milliseconds, stages } of timed) {
    const stage = (name: string) => stages.find((cost) => cost.name === name);
    rows.push([
      corpus,
      seconds(milliseconds),
      ...names.map((name) => {
        const cost = stage(name);
        return cost ? `${seconds(cost.milliseconds)} (${fixed(cost.peakRssMiB, 0)})` : "—";
      }),
      percent(ratio(stage("passages")?.milliseconds, milliseconds)),
    ]);
  }
  return rows;
}

function percent(share: number | null): string {
  return share === null ? "—" : `${fixed(100 * share, share < 0.1 ? 1 : 0)}%`;
}

function okWorkerd(workerd: WorkerdResult | Failed | undefined): WorkerdResult | null {
  return workerd && !isFailed(workerd) ? workerd : null;
}

function firstSearchTable(corpora: readonly CorpusResult[]): string[][] {
  const rows = [
    [
      "corpus",
      "empty ms",
      "ours ms",
      "beyond empty",
      "of which search",
      "naive ms",
      "beyond empty",
      "÷naive",
      "previous ms",
      "beyond empty",
      "of which search",
      "÷previous",
      "README previous",
      "starts ok (empty, ours, naive, previous)",
      "served",
    ],
  ];
  for (const corpus of corpora) {
    if (!corpus.ours) continue;
    const empty = okWorkerd(corpus.emptyApp);
    const of = (engine: Engine) => okWorkerd(corpus[engine]?.workerd);
    const ours = of("ours");
    const naive = of("naive");
    const previous = of("previous");
    if (!ours) {
      const why = corpus.ours.workerd;
      rows.push([corpus.name, failedText(isFailed(why) ? why.failed : "—", isFailed(why) && why.skipped)]);
      continue;
    }
    const beyond = (workerd: WorkerdResult | null) => (workerd?.medianFirstSearchMs != null && empty?.medianFirstSearchMs != null ? workerd.medianFirstSearchMs - empty.medianFirstSearchMs : null);
    const okStarts = (workerd: WorkerdResult | null) => (workerd ? `${workerd.starts.filter((start) => start.firstSearchMs !== null).length}/${workerd.starts.length}` : "—");
    const errors = [ours, naive, previous, empty].flatMap((workerd) => workerd?.starts.map((start) => start.error) ?? []).filter((error): error is string => error !== null);
    const fromParts = (["ours", "naive", "previous"] as const).filter((engine) => of(engine)?.servedFromParts);
    rows.push([
      corpus.name,
      ms(empty?.medianFirstSearchMs),
      ms(ours.medianFirstSearchMs),
      ms(beyond(ours)),
      ms(ours.medianFirstSearchTookMs),
      ms(naive?.medianFirstSearchMs),
      ms(beyond(naive)),
      times(ratio(ours.medianFirstSearchMs, naive?.medianFirstSearchMs)),
      ms(previous?.medianFirstSearchMs),
      ms(beyond(previous)),
      ms(previous?.medianFirstSearchTookMs),
      times(ratio(ours.medianFirstSearchMs, previous?.medianFirstSearchMs)),
      ms(README_PREVIOUS.rows[corpus.name]?.firstSearchMs),
      [empty, ours, naive, previous].map(okStarts).join(", "),
      [
        fromParts.length > 0 ? `${fromParts.join(", ")} from parts (a file over 25 MiB: not deployable)` : "as deployed",
        errors[0] ? `error: ${errors[0].slice(0, 120)}` : "",
      ]
        .filter(Boolean)
        .join("; "),
    ]);
  }
  return rows;
}

function heapTable(corpora: readonly CorpusResult[], mixQueries: number): string[][] {
  const rows = [
    [
      "corpus",
      "empty",
      "ours at start",
      "ours",
      "naive",
      "÷naive",
      "previous",
      "÷previous",
      "README previous",
      `empty +${mixQueries}`,
      `ours +${mixQueries}`,
      `naive +${mixQueries}`,
      "÷naive",
      `previous +${mixQueries}`,
      "÷previous",
    ],
  ];
  for (const corpus of corpora) {
    if (!corpus.ours) continue;
    const empty = okWorkerd(corpus.emptyApp);
    const ours = okWorkerd(corpus.ours.workerd);
    const naive = okWorkerd(corpus.naive?.workerd);
    const previous = okWorkerd(corpus.previous?.workerd);
    if (!ours) continue;
    const readme = README_PREVIOUS.rows[corpus.name];
    rows.push([
      corpus.name,
      isolateHeap(empty?.medianHeapBytes),
      isolateHeap(ours.medianHeapAtStartBytes),
      isolateHeap(ours.medianHeapBytes),
      isolateHeap(naive?.medianHeapBytes),
      times(ratio(ours.medianHeapBytes, naive?.medianHeapBytes)),
      isolateHeap(previous?.medianHeapBytes),
      times(ratio(ours.medianHeapBytes, previous?.medianHeapBytes)),
      readme ? fixed(readme.heapMiB, 1) : "—",
      isolateHeap(empty?.heapAfterMixBytes),
      isolateHeap(ours.heapAfterMixBytes),
      isolateHeap(naive?.heapAfterMixBytes),
      times(ratio(ours.heapAfterMixBytes, naive?.heapAfterMixBytes)),
      isolateHeap(previous?.heapAfterMixBytes),
      times(ratio(ours.heapAfterMixBytes, previous?.heapAfterMixBytes)),
    ]);
  }
  return rows;
}

function mixTable(corpora: readonly CorpusResult[]): string[][] {
  const rows = [["corpus", "worker", "done", "s", "p50 ms", "p99 ms", "max ms", "non-2xx", "errors", "first problem"]];
  for (const corpus of corpora) {
    const workers = [
      ["empty", corpus.emptyApp],
      ...ENGINES.map((engine) => [engine, corpus[engine]?.workerd] as const),
    ] as const;
    for (const [worker, workerd] of workers) {
      const mix = okWorkerd(workerd)?.starts.find((start) => start.mix)?.mix;
      if (!mix) continue;
      rows.push([
        corpus.name,
        worker,
        `${mix.done}/${mix.planned}`,
        fixed(mix.seconds, 1),
        ms(mix.p50Ms),
        ms(mix.p99Ms),
        ms(mix.maxMs),
        String(mix.non2xx),
        String(mix.errors),
        (mix.firstProblem ?? (mix.heapError ? `heap: ${mix.heapError}` : "")).slice(0, 100),
      ]);
    }
  }
  return rows;
}

function nodeTable(corpora: readonly CorpusResult[]): string[][] {
  const rows = [["corpus", "engine", "read", "parse", "rebuild", "rest", "load ms", "1st query", "total ms", "÷naive", "heap MiB", "+1st q", "÷naive"]];
  for (const corpus of corpora) {
    const naive = corpus.naive ? medians(corpus.naive) : null;
    for (const engine of ENGINES) {
      const result = corpus[engine];
      if (!result || isFailed(result.build)) continue;
      const of = medians(result);
      if (!of) {
        rows.push([corpus.name, engine, failedText(isFailed(result.nodeLoad) ? result.nodeLoad.failed : "—")]);
        continue;
      }
      rows.push([
        corpus.name,
        engine,
        ms(of.readMs),
        ms(of.parseMs),
        ms(of.rebuildMs),
        ms(of.restMs),
        ms(of.loadMs),
        ms(of.firstQueryMs),
        ms(of.loadAndFirstQueryMs),
        engine === "naive" ? "1" : times(ratio(of.loadAndFirstQueryMs, naive?.loadAndFirstQueryMs)),
        mib(of.heapAfterLoadBytes),
        mib(of.heapAfterFirstQueryBytes),
        engine === "naive" ? "1" : times(ratio(of.heapAfterFirstQueryBytes, naive?.heapAfterFirstQueryBytes)),
      ]);
    }
  }
  return rows;
}

function medians(engine: EngineResult) {
  return isFailed(engine.nodeLoad) ? null : engine.nodeLoad.medians;
}

function queryTable(queries: readonly QueryTiming[], corpus: CorpusResult): string[][] {
  const rows = [
    [
      "class",
      "query",
      "ours p50",
      "p99",
      "CPU p50",
      "CPU p99",
      "previous p50",
      "p99",
      "÷previous",
      "floor p50",
      "p99",
      "÷floor",
      "naive p50",
      "p99",
      "÷naive",
      "hits ours/previous/floor/naive",
    ],
  ];
  queries.forEach((query, i) => {
    const adversarial = corpus.queryCases?.[i]?.adversarial ? "*" : "";
    rows.push([
      `${query.class}${adversarial}`,
      quoted(query.q),
      query.error ? `error: ${query.error.slice(0, 60)}` : ms(query.ours?.median),
      ms(query.ours?.p99),
      ms(query.ours?.cpu?.median),
      ms(query.ours?.cpu?.p99),
      ms(query.previous?.median),
      ms(query.previous?.p99),
      times(ratio(query.ours?.median, query.previous?.median)),
      ms(query.floor?.median),
      ms(query.floor?.p99),
      times(ratio(query.ours?.median, query.floor?.median)),
      ms(query.naive?.median),
      ms(query.naive?.p99),
      times(ratio(query.ours?.median, query.naive?.median)),
      [query.ours?.total, query.previous?.total, query.floor?.total, query.naive?.total].map((total) => (total === undefined ? "—" : String(total))).join("/"),
    ]);
  });
  return rows;
}

/** Every class down, every corpus across: how our times grow with the corpus. */
function sizeTable(corpora: readonly CorpusResult[]): string[][] {
  const measured = corpora.filter((corpus) => corpus.queries && !isFailed(corpus.queries));
  const classes = [...new Set(measured.flatMap((corpus) => (corpus.queries as QueryTiming[]).map((query) => query.class)))];
  const rows = [["class", ...measured.map((corpus) => `${corpus.name} (${corpus.documents ?? "?"})`)]];
  for (const cls of classes) {
    const adversarial = measured.some((corpus) => corpus.queryCases?.find((queryCase) => queryCase.class === cls)?.adversarial);
    rows.push([
      `${cls}${adversarial ? "*" : ""}`,
      ...measured.map((corpus) => {
        const ours = (corpus.queries as QueryTiming[]).find((query) => query.class === cls)?.ours;
        return ours ? `${ms(ours.median)} / ${ms(ours.p99)}, CPU ${ms(ours.cpu.median)}` : "—";
      }),
    ]);
  }
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
    const minutes = corpus.milliseconds === undefined ? "" : `, ${(corpus.milliseconds / 60000).toFixed(1)} min`;
    lines.push(`${corpus.name}: load average ${corpus.loadAverage.toFixed(2)} at the start${minutes}`);
    if (corpus.sourceChanged) {
      lines.push(`${corpus.name}: WARNING: src/ changed during the run (by the end of this corpus): its Node numbers may come from newer code than workerd's bundle; rerun`);
    }
    for (const note of corpus.notes) lines.push(`${corpus.name}: ${note}`);
    if (corpus.failed) lines.push(`${corpus.name}: could not be prepared: ${corpus.failed}`);
    if (corpus.floorUnavailable) lines.push(`${corpus.name}: no floor: ${corpus.floorUnavailable}`);
    if (corpus.mixClasses) {
      lines.push(`${corpus.name}: mixed run: ${Object.entries(corpus.mixClasses).map(([cls, count]) => `${cls} ${count}`).join(", ")}`);
    }
    const build = corpus.ours?.build;
    if (build && !isFailed(build) && "warnings" in build.outcome) {
      for (const warning of build.outcome.warnings) lines.push(`${corpus.name}: our build warned: ${warning}`);
    }
    for (const engine of ENGINES) {
      const result = corpus[engine];
      if (!result) continue;
      for (const [step, value] of Object.entries(result) as [string, unknown][]) {
        if (isFailed(value) && !value.skipped) lines.push(`${corpus.name}, ${engine}, ${step}: ${value.failed}`);
      }
      if (!isFailed(result.build) && "problems" in result.build.outcome && result.build.outcome.problems > 0) {
        lines.push(`${corpus.name}: ${engine}'s build left out ${result.build.outcome.problems} file(s), e.g. ${result.build.outcome.firstProblems[0]}`);
      }
    }
    if (isFailed(corpus.emptyApp) && !corpus.emptyApp.skipped) lines.push(`${corpus.name}, empty app: ${corpus.emptyApp.failed}`);
    const line = typicalWordLine(corpus);
    if (line) lines.push(`${corpus.name}: ${line}`);
    lines.push(...shardsNotes(corpus));
  }
  return `Notes\n${lines.map((line) => `- ${line}`).join("\n")}`;
}

/** Heap in MiB, marked "!" past the isolate limit. */
export function isolateHeap(bytes: number | null | undefined): string {
  return bytes != null && bytes > ISOLATE_BYTES ? `${mib(bytes)}!` : mib(bytes);
}
