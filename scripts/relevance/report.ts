/**
 * The report: per-query outcomes, their means, and how they print — a table
 * for people, the whole thing as JSON for diffing runs.
 */
import { mean, ndcgAtK, overlapAtK, rankBiasedOverlap } from "./metrics";
import type { RelevanceQuery } from "./queries";
import { topIds, TOP_K, type Ranking } from "./ranking";

/** RBO's persistence: how steeply rank weights fall. */
export const RBO_P = 0.9;

/** Below this overlap@10 a query "disagrees badly" and its lists are printed. */
export const DISAGREE_BELOW = 0.5;

export interface QueryOutcome {
  q: string;
  kind: string;
  note: string | null;
  fts: string;
  topic: string | null;
  ours: Ranking;
  fts5: Ranking;
  overlap: number;
  rbo: number;
  /** overlap below DISAGREE_BELOW, or an engine's error: the lists get printed. */
  disagree: boolean;
  /** Only for judged queries. */
  ndcg: { ours: number; fts5: number } | null;
  /** Judged queries: the grade of every id either engine put in its top (0 = unlisted). */
  grades: Record<string, number> | null;
}

export interface Means {
  queries: number;
  /** Queries both engines found nothing for: left out of the agreement means, where they would count as full agreement. */
  bothEmpty: number;
  overlap: number | null;
  rbo: number | null;
  judged: number;
  ndcgOurs: number | null;
  ndcgFts5: number | null;
  disagree: number;
}

export interface RelevanceReport {
  generatedAt: string;
  versions: Record<string, string>;
  corpus: { package: string; documents: number; artifactBytes: number; buildWarnings: string[] };
  settings: {
    topK: number;
    rboP: number;
    disagreeBelow: number;
    overlap: string;
    rbo: string;
    ndcg: string;
    fts5: { tokenize: string; weights: number[] };
  };
  milliseconds: Record<string, number>;
  means: Means;
  queries: QueryOutcome[];
}

/** Scores one query's two rankings against each other and its judgments. */
export function scoreQuery(query: RelevanceQuery, ours: Ranking, fts5: Ranking): QueryOutcome {
  const oursIds = topIds(ours);
  const ftsIds = topIds(fts5);
  const overlap = overlapAtK(oursIds, ftsIds);
  return {
    q: query.q,
    kind: query.kind,
    note: query.note,
    fts: query.fts,
    topic: query.topic,
    ours,
    fts5,
    overlap,
    rbo: rankBiasedOverlap(oursIds, ftsIds, RBO_P),
    ndcg: query.grades ? { ours: ndcgAtK(oursIds, query.grades), fts5: ndcgAtK(ftsIds, query.grades) } : null,
    grades: query.grades ? gradesOf([...oursIds, ...ftsIds], query.grades) : null,
    // An engine that refused the query is listed too, with its error.
    disagree: overlap < DISAGREE_BELOW || ours.error !== undefined || fts5.error !== undefined,
  };
}

function gradesOf(ids: readonly string[], grades: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries(ids.map((id) => [id, grades.get(id) ?? 0]));
}

export function summarize(outcomes: readonly QueryOutcome[]): Means {
  const judged = outcomes.flatMap((outcome) => (outcome.ndcg ? [outcome.ndcg] : []));
  const compared = outcomes.filter((outcome) => topIds(outcome.ours).length > 0 || topIds(outcome.fts5).length > 0);
  return {
    queries: compared.length,
    bothEmpty: outcomes.length - compared.length,
    overlap: mean(compared.map((outcome) => outcome.overlap)),
    rbo: mean(compared.map((outcome) => outcome.rbo)),
    judged: judged.length,
    ndcgOurs: mean(judged.map((ndcg) => ndcg.ours)),
    ndcgFts5: mean(judged.map((ndcg) => ndcg.fts5)),
    disagree: outcomes.filter((outcome) => outcome.disagree).length,
  };
}

/** The whole printed report: header, table, means, then the bad disagreements. */
export function formatReport(report: RelevanceReport, jsonPath: string): string {
  return [
    formatHeader(report),
    "",
    formatTable(report.queries),
    "",
    formatMeans(report.means),
    ...report.queries.filter((outcome) => outcome.disagree).map((outcome) => `\n${formatDisagreement(outcome, report.queries)}`),
    "",
    `Full report: ${jsonPath}`,
  ].join("\n");
}

function formatHeader(report: RelevanceReport): string {
  const versions = Object.entries(report.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(", ");
  const { fts5 } = report.settings;
  return [
    `Relevance report, ${report.generatedAt}`,
    `  ${versions}`,
    `  corpus ${report.corpus.package}: ${report.corpus.documents} addresses; our artifact ${formatBytes(report.corpus.artifactBytes)}`,
    `  FTS5: tokenize '${fts5.tokenize}', bm25 weights title ${fts5.weights[0]}, text ${fts5.weights[1]}`,
    `  ours, fts5 = documents each engine matched; ov@${TOP_K}, RBO = agreement of the top ${report.settings.topK} ` +
      `(RBO p = ${report.settings.rboP}); nDCG@${TOP_K} on judged queries; "!!" = overlap@${TOP_K} < ${report.settings.disagreeBelow}`,
  ].join("\n");
}

const COLUMNS = ["#", "kind", "query", "ours", "fts5", `ov@${TOP_K}`, "RBO", "nDCG ours", "fts5", ""] as const;

function formatTable(outcomes: readonly QueryOutcome[]): string {
  const rows = outcomes.map((outcome, i) => [
    String(i + 1),
    outcome.kind,
    truncate(outcome.q, 30),
    totalCell(outcome.ours),
    totalCell(outcome.fts5),
    fixed(outcome.overlap),
    fixed(outcome.rbo),
    outcome.ndcg ? fixed(outcome.ndcg.ours) : "",
    outcome.ndcg ? fixed(outcome.ndcg.fts5) : "",
    outcome.disagree ? "!!" : "",
  ]);
  return alignColumns([[...COLUMNS], ...rows], new Set([0, 3, 4, 5, 6, 7, 8]));
}

function formatMeans(means: Means): string {
  return [
    `Means over ${means.queries} queries: overlap@${TOP_K} ${fixed(means.overlap)}, RBO@${TOP_K} ${fixed(means.rbo)}` +
      (means.bothEmpty > 0 ? ` (${means.bothEmpty} that both engines found nothing for left out)` : ""),
    `Means over ${means.judged} judged queries: nDCG@${TOP_K} ours ${fixed(means.ndcgOurs)}, FTS5 ${fixed(means.ndcgFts5)}`,
    `${means.disagree} of ${means.queries} queries disagree badly (overlap@${TOP_K} < ${DISAGREE_BELOW}); their top lists follow.`,
  ].join("\n");
}

/**
 * Both top lists side by side. "=" marks an id the other engine also
 * returned in its top; a judged query shows each id's grade in brackets.
 */
function formatDisagreement(outcome: QueryOutcome, all: readonly QueryOutcome[]): string {
  const number = all.indexOf(outcome) + 1;
  const oursIds = new Set(topIds(outcome.ours));
  const ftsIds = new Set(topIds(outcome.fts5));
  const cell = (ranking: Ranking, i: number, other: ReadonlySet<string>) => {
    const ranked = ranking.top[i];
    if (!ranked) return "";
    const grade = outcome.grades ? ` [${outcome.grades[ranked.id] ?? 0}]` : "";
    const score = ranked.score === undefined ? "" : ` ${formatScore(ranked.score)}`;
    return `${other.has(ranked.id) ? "=" : " "} ${ranked.id}${grade}${score}`;
  };
  const depth = Math.max(outcome.ours.top.length, outcome.fts5.top.length);
  const rows = Array.from({ length: depth }, (_, i) => [String(i + 1), cell(outcome.ours, i, ftsIds), cell(outcome.fts5, i, oursIds)]);
  const errors = [outcome.ours.error && `  our error: ${outcome.ours.error}`, outcome.fts5.error && `  FTS5 error: ${outcome.fts5.error}`];
  return [
    `!! #${number} ${JSON.stringify(outcome.q)} (${outcome.kind}): overlap@${TOP_K} ${fixed(outcome.overlap)}, RBO ${fixed(outcome.rbo)}, ` +
      `totals ours ${outcome.ours.total} / FTS5 ${outcome.fts5.total}`,
    `  FTS5 MATCH ${outcome.fts}`,
    ...(outcome.note ? [`  note: ${outcome.note}`] : []),
    ...errors.filter((line): line is string => Boolean(line)),
    indent(alignColumns([["rank", "ours (score)", "FTS5 (-bm25)"], ...rows], new Set([0])), "  "),
  ].join("\n");
}

/**
 * Two decimals, except near zero: FTS5's bm25 floors the IDF of a word in
 * over half the documents at 1e-6, so such scores are millionths and their
 * order would vanish behind "0.00".
 */
function formatScore(score: number): string {
  return Math.abs(score) >= 0.01 || score === 0 ? score.toFixed(2) : score.toExponential(2);
}

function totalCell(ranking: Ranking): string {
  return ranking.error ? "error" : String(ranking.total);
}

function fixed(value: number | null): string {
  return value === null ? "–" : value.toFixed(2);
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

function formatBytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Pads cells into columns; the columns in `right` are right-aligned (numbers). */
function alignColumns(rows: readonly (readonly string[])[], right: ReadonlySet<number>): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const pad = " ".repeat((widths[i] ?? 0) - [...cell].length);
          return right.has(i) ? pad + cell : cell + pad;
        })
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => prefix + line)
    .join("\n");
}
