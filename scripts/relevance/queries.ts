/**
 * The query set (queries.json): the queries, what kind each is, and graded
 * judgments for some. Checked on load, ids against the corpus, so a typo in
 * a judgment fails loudly instead of silently counting as a miss.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { RelevanceError } from "./errors";
import { toFtsMatch } from "./fts5";

export const QUERIES_FILE = new URL("./queries.json", import.meta.url);

export interface RelevanceQuery {
  q: string;
  /** "rare word", "phrase", "exclusion", … — for reading the table. */
  kind: string;
  note: string | null;
  /** The FTS5 MATCH expression: the query's `fts`, else translated from q. */
  fts: string;
  /** The judged topic's name, when the query is judged. */
  topic: string | null;
  /** Document id → grade (1–3); unlisted ids are 0. */
  grades: ReadonlyMap<string, number> | null;
}

const ids = z.array(z.string().min(1));

const topicSchema = z.strictObject({
  /** The information need a judge graded against. */
  need: z.string().min(1),
  /** How the grades were decided: what was read or grepped. */
  notes: z.string().min(1),
  "3": ids.optional(),
  "2": ids.optional(),
  "1": ids.optional(),
});

const querySetSchema = z.strictObject({
  about: z.string().optional(),
  queries: z
    .array(
      z.strictObject({
        q: z.string().trim().min(1),
        kind: z.string().min(1),
        judged: z.string().optional(),
        fts: z.string().min(1).optional(),
        note: z.string().optional(),
      }),
    )
    .min(1),
  judgments: z.record(z.string(), topicSchema),
});

type Topic = z.infer<typeof topicSchema>;

/** Reads and checks the query set; `knownIds` are the corpus's document ids. */
export function loadQuerySet(knownIds: ReadonlySet<string>, file: URL = QUERIES_FILE): RelevanceQuery[] {
  const parsed = querySetSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RelevanceError(`${file.pathname}: ${issue.path.join(".")}: ${issue.message}`);
  }
  const { queries, judgments } = parsed.data;
  const grades = new Map(Object.entries(judgments).map(([name, topic]) => [name, toGrades(name, topic, knownIds)]));
  return queries.map((query) => {
    const fts = query.fts ?? toFtsMatch(query.q);
    if (fts === null) throw new RelevanceError(`query "${query.q}" has nothing FTS5 can start from; give it an "fts" expression`);
    if (query.judged !== undefined && !grades.has(query.judged)) {
      throw new RelevanceError(`query "${query.q}" is judged by "${query.judged}", which "judgments" does not define`);
    }
    return {
      q: query.q,
      kind: query.kind,
      note: query.note ?? null,
      fts,
      topic: query.judged ?? null,
      grades: query.judged === undefined ? null : grades.get(query.judged)!,
    };
  });
}

function toGrades(name: string, topic: Topic, knownIds: ReadonlySet<string>): Map<string, number> {
  const grades = new Map<string, number>();
  for (const grade of [3, 2, 1] as const) {
    for (const id of topic[grade] ?? []) {
      if (!knownIds.has(id)) throw new RelevanceError(`judgments.${name}: "${id}" is not a document of the corpus`);
      if (grades.has(id)) throw new RelevanceError(`judgments.${name}: "${id}" is graded twice`);
      grades.set(id, grade);
    }
  }
  if (grades.size === 0) throw new RelevanceError(`judgments.${name} grades no document above 0`);
  return grades;
}
