/**
 * The SQLite FTS5 baseline: our query syntax translated to FTS5 MATCH
 * expressions, and the ranking done by fts5.py (python3's sqlite3) over
 * the same titles and texts our index holds.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { RelevanceError } from "./errors";
import type { Ranking } from "./ranking";

const HELPER = fileURLToPath(new URL("./fts5.py", import.meta.url));

/** fts5.py's exit status when sqlite3 or FTS5 is missing. */
const EXIT_NO_FTS5 = 3;

/** Which Python runs the helper; PYTHON overrides it. */
function pythonCommand(): string {
  return process.env.PYTHON || "python3";
}

/** What the FTS5 side ran with, for the report. */
export interface Fts5Facts {
  sqlite: string;
  python: string;
  tokenize: string;
  weights: number[];
}

export interface Fts5Document {
  id: string;
  title: string;
  text: string;
}

/**
 * Turns a query into an FTS5 MATCH expression with the meaning our syntax
 * gives it: bare words all required (FTS5's implicit AND), "quoted phrases"
 * kept as phrases, -word and -"phrase" excluded. Every token is quoted, so
 * FTS5's own syntax (AND, OR, NOT, NEAR, column:, *, ^, parentheses) is
 * always read as plain words. Returns null when nothing positive is left
 * (FTS5 cannot start with NOT): such a query needs an explicit `fts`.
 */
export function toFtsMatch(q: string): string | null {
  const required: string[] = [];
  const excluded: string[] = [];
  for (const part of queryParts(q)) {
    if (!/[\p{L}\p{N}]/u.test(part.text)) continue; // punctuation alone: no token on either side
    (part.negated ? excluded : required).push(quote(part.text));
  }
  if (required.length === 0) return null;
  const positive = required.join(" ");
  if (excluded.length === 0) return positive;
  // Parenthesized so precedence between NOT and implicit AND never matters.
  return `(${positive}) NOT (${excluded.join(" OR ")})`;
}

interface QueryPart {
  text: string;
  negated: boolean;
}

// -"a phrase", "a phrase", -word, word. A quote without its pair is
// punctuation, and "-" negates only when a word or quote follows it
// ("- x" and "--x" exclude nothing), as in the project's query syntax.
const PART = /(-(?=[^\s-]))?"([^"]*)"|(-(?=[^\s-]))?([^\s"]+)/g;

function queryParts(q: string): QueryPart[] {
  const parts: QueryPart[] = [];
  for (const match of q.matchAll(PART)) {
    if (match[2] !== undefined) parts.push({ text: match[2], negated: match[1] !== undefined });
    else if (match[4] !== undefined) parts.push({ text: match[4], negated: match[3] !== undefined });
  }
  return parts;
}

/** An FTS5 string: inside double quotes, a double quote is doubled. */
function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * Checks that Python, sqlite3 and FTS5 are there, before anything is built.
 * Throws RelevanceError naming what is missing.
 */
export function probeFts5(): Fts5Facts {
  return JSON.parse(runHelper(["--probe"], "")) as Fts5Facts;
}

/** Ranks every MATCH expression over the documents: top `limit` each, and totals. */
export function rankWithFts5(
  documents: readonly Fts5Document[],
  matches: readonly string[],
  limit: number,
): { facts: Fts5Facts; rankings: Ranking[] } {
  const request = JSON.stringify({ documents, queries: matches, limit });
  const answer = JSON.parse(runHelper([], request)) as Fts5Facts & { results: Ranking[] };
  const { results, ...facts } = answer;
  if (results.length !== matches.length) {
    throw new RelevanceError(`fts5.py answered ${results.length} queries of ${matches.length}`);
  }
  return { facts, rankings: results };
}

function runHelper(args: string[], input: string): string {
  const python = pythonCommand();
  const run = spawnSync(python, [HELPER, ...args], {
    input,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) {
    const missing = (run.error as NodeJS.ErrnoException).code === "ENOENT";
    throw new RelevanceError(
      missing
        ? `${python} was not found. The report ranks with SQLite FTS5 through Python 3's sqlite3 module: ` +
            "install python3 (Debian: apt-get install python3) or set PYTHON to a Python 3 interpreter."
        : `could not run ${python} ${HELPER}: ${run.error.message}`,
    );
  }
  if (run.status === EXIT_NO_FTS5) {
    throw new RelevanceError(
      `${run.stderr.trim()}. The report needs Python 3's sqlite3 module with the FTS5 extension ` +
        "(standard in python.org, Debian and Homebrew builds); set PYTHON to a Python that has it.",
    );
  }
  if (run.status !== 0) {
    throw new RelevanceError(`${python} ${HELPER} failed (exit ${run.status ?? run.signal}):\n${run.stderr.trim()}`);
  }
  return run.stdout;
}
