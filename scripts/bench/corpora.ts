/**
 * The corpora the bench measures, and the folders it writes for them under
 * .build/bench/corpora (rewritten only when the generator changes, so a rerun
 * does not spend a minute writing 50,000 files again).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { writeCorpus as writeAddresses } from "../relevance/corpus";
import { DATASET_NAME as SOTU_NAME, DATASET_VERSION as SOTU_VERSION, readAddresses } from "../relevance/dataset";
import { MAIL_NAME, MAIL_VERSION, type Datasets } from "./datasets";
import { BenchError } from "./errors";
import { readMails, type Mail } from "./mail";
import { CORPORA_DIR, SEEDS_DIR } from "./paths";

export const CORPUS_NAMES = ["seeds", "mail", "sotu", "mail-10k", "mail-50k"] as const;
export type CorpusName = (typeof CORPUS_NAMES)[number];

export interface CorpusSpec {
  name: CorpusName;
  description: string;
  /** In the --quick run. */
  quick: boolean;
  /** Loaded over HTTP by autocannon (the larger sizes only grow the start and query tables). */
  http: boolean;
  /** Whose vocabulary the queries come from: a repeated corpus asks its original's, so sizes compare. */
  queriesFrom: CorpusName;
}

export const CORPORA: readonly CorpusSpec[] = [
  { name: "seeds", description: "seeds/: five news articles", quick: true, http: true, queriesFrom: "seeds" },
  {
    name: "mail",
    description: `${MAIL_NAME}@${MAIL_VERSION}: 6,046 e-mails in 5 folders (folder = source)`,
    quick: true,
    http: true,
    queriesFrom: "mail",
  },
  { name: "sotu", description: `${SOTU_NAME}@${SOTU_VERSION}: State of the Union addresses`, quick: false, http: true, queriesFrom: "sotu" },
  { name: "mail-10k", description: "the e-mails with text, repeated with distinct ids to 10,000", quick: false, http: false, queriesFrom: "mail" },
  { name: "mail-50k", description: "the e-mails with text, repeated with distinct ids to 50,000", quick: false, http: false, queriesFrom: "mail" },
];

export interface PreparedCorpus {
  name: CorpusName;
  dir: string;
  /** Document files written (the build may still skip some, e.g. empty ones). */
  files: number;
  /** How the corpus was made, where it departs from the dataset. */
  notes: string[];
}

/** Bump when the files written for a corpus change, so cached folders are rewritten. */
const GENERATOR_VERSION = 1;

/** The corpus folder for spec, writing it first when needed. */
export function prepareCorpus(spec: CorpusSpec, datasets: () => Datasets): PreparedCorpus {
  if (spec.name === "seeds") return { name: "seeds", dir: SEEDS_DIR, files: -1, notes: [] };
  const dir = path.join(CORPORA_DIR, spec.name);
  const stampPath = path.join(CORPORA_DIR, `${spec.name}.stamp.json`);
  const stamp = readStamp(stampPath);
  if (stamp && stamp.generator === GENERATOR_VERSION && existsSync(dir)) return { name: spec.name, dir, files: stamp.files, notes: stamp.notes };

  rmSync(stampPath, { force: true });
  let written: { files: number; notes: string[] };
  if (spec.name === "sotu") {
    const addresses = readAddresses(datasets().sotuDir);
    written = { files: writeAddresses(addresses, dir).length, notes: ["written as npm run relevance writes it (scripts/relevance/corpus.ts)"] };
  } else {
    const mails = readMails(datasets().mailDir);
    const target = spec.name === "mail-10k" ? 10_000 : spec.name === "mail-50k" ? 50_000 : null;
    written = target === null ? writeMails(mails, dir) : writeRepeated(mails, dir, target);
  }
  mkdirSync(CORPORA_DIR, { recursive: true });
  writeFileSync(stampPath, `${JSON.stringify({ generator: GENERATOR_VERSION, ...written }, null, 2)}\n`);
  return { name: spec.name, dir, ...written };
}

interface Stamp {
  generator: number;
  files: number;
  notes: string[];
}

function readStamp(stampPath: string): Stamp | null {
  if (!existsSync(stampPath)) return null;
  try {
    return JSON.parse(readFileSync(stampPath, "utf8")) as Stamp;
  } catch {
    return null;
  }
}

function writeMails(mails: readonly Mail[], dir: string): { files: number; notes: string[] } {
  resetDir(dir);
  for (const mail of mails) writeMail(dir, mail, "");
  const notes = [
    "headers split off at the first blank line: Subject (RFC 2047 decoded) → title, Date → date, body kept as is (HTML not stripped)",
  ];
  const sanitized = mails.filter((mail) => mail.sanitized).length;
  if (sanitized > 0) notes.push(`${sanitized} bodies had control characters replaced by spaces`);
  const untitled = mails.filter((mail) => mail.subject === null).length;
  if (untitled > 0) notes.push(`${untitled} e-mails have no Subject: the build titles them from their text`);
  return { files: mails.length, notes };
}

/** The e-mails that have text, over and over (ids get "-copyN") until there are `target` of them. */
function writeRepeated(mails: readonly Mail[], dir: string, target: number): { files: number; notes: string[] } {
  const withText = mails.filter((mail) => mail.body.trim() !== "");
  if (withText.length === 0) throw new BenchError("no e-mail has a body to repeat");
  resetDir(dir);
  for (let i = 0; i < target; i++) {
    const copy = Math.floor(i / withText.length);
    writeMail(dir, withText[i % withText.length]!, copy === 0 ? "" : `-copy${copy}`);
  }
  return {
    files: target,
    notes: [
      `${withText.length} e-mails with text, repeated ${(target / withText.length).toFixed(2)}×: the vocabulary stays the mail corpus's, postings and text grow`,
    ],
  };
}

function writeMail(dir: string, mail: Mail, suffix: string): void {
  const folder = path.join(dir, mail.folder);
  mkdirSync(folder, { recursive: true });
  // JSON strings are YAML double-quoted scalars: no subject can break the block.
  const fields: string[] = [];
  if (mail.subject !== null) fields.push(`title: ${JSON.stringify(mail.subject)}`);
  if (mail.date !== null) fields.push(`date: ${JSON.stringify(mail.date)}`);
  const frontMatter = fields.length > 0 ? `---\n${fields.join("\n")}\n---\n\n` : "";
  writeFileSync(path.join(folder, `${mail.name}${suffix}.txt`), `${frontMatter}${mail.body}`);
}

function resetDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}
