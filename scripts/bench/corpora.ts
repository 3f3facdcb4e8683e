/**
 * The corpora the bench measures, and the folders it writes for them under
 * .build/bench/corpora (rewritten only when the generator changes, so a rerun
 * does not spend minutes writing a million files again; a repeated corpus
 * cut short, by Ctrl-C or a full disk, is taken up where it stopped).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { writeCorpus as writeAddresses } from "../relevance/corpus";
import { DATASET_NAME as SOTU_NAME, DATASET_VERSION as SOTU_VERSION, readAddresses } from "../relevance/dataset";
import { MAIL_NAME, MAIL_VERSION, type Datasets } from "./datasets";
import { BenchError } from "./errors";
import { readMails, type Mail } from "./mail";
import { CORPORA_DIR, SEEDS_DIR } from "./paths";

export const CORPUS_NAMES = ["seeds", "mail", "sotu", "mail-10k", "mail-50k", "mail-250k", "mail-1m"] as const;
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
  /** Each build (ours, naive, previous) gets this long before it is stopped and recorded as failed. */
  buildBudgetMinutes: number;
  /** Why the previous (index.json) design is not built for this corpus; absent: it is. */
  previousTooLarge?: string;
}

/** Documents in each repeated corpus: the e-mails with text over and over, with distinct ids. */
const REPEATED: Partial<Record<CorpusName, number>> = { "mail-10k": 10_000, "mail-50k": 50_000, "mail-250k": 250_000, "mail-1m": 1_000_000 };

export const CORPORA: readonly CorpusSpec[] = [
  { name: "seeds", description: "seeds/: five news articles", quick: true, http: true, queriesFrom: "seeds", buildBudgetMinutes: 5 },
  {
    name: "mail",
    description: `${MAIL_NAME}@${MAIL_VERSION}: 6,046 e-mails in 5 folders (folder = source)`,
    quick: true,
    http: true,
    queriesFrom: "mail",
    buildBudgetMinutes: 15,
  },
  {
    name: "sotu",
    description: `${SOTU_NAME}@${SOTU_VERSION}: State of the Union addresses`,
    quick: false,
    http: true,
    queriesFrom: "sotu",
    buildBudgetMinutes: 15,
  },
  // The larger sizes: the same queries as mail's, so the tables show growth with size alone.
  ...(["mail-10k", "mail-50k", "mail-250k", "mail-1m"] as const).map((name) => ({
    name,
    description: `the e-mails with text, repeated with distinct ids to ${REPEATED[name]!.toLocaleString("en-US")}`,
    quick: false,
    http: false,
    queriesFrom: "mail" as const,
    // Our build ran at about 300 documents/s on 2 cores (mail, 50k); past the budget a size is recorded as failed.
    buildBudgetMinutes: name === "mail-1m" ? 90 : name === "mail-250k" ? 40 : 15,
    ...(REPEATED[name]! > 50_000
      ? {
          previousTooLarge:
            "the index.json design already took 187.5 MiB of isolate heap (past 128 MB) and an 85.7 MiB index.json (past 25 MiB) at 50,000 e-mails (README); larger sizes would only fail slower",
        }
      : {}),
  })),
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

/** A repeated corpus notes how far it got every this many files, so that an interrupted one resumes. */
const PROGRESS_EVERY = 10_000;

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
    const target = REPEATED[spec.name];
    written = target === undefined ? writeMails(mails, dir) : writeRepeated(mails, dir, target, path.join(CORPORA_DIR, `${spec.name}.progress.json`));
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

/**
 * The e-mails that have text, over and over (ids get "-copyN") until there
 * are `target` of them. File i is always the same file, so a run cut short
 * resumes from the last count noted in progressPath instead of starting over.
 */
function writeRepeated(mails: readonly Mail[], dir: string, target: number, progressPath: string): { files: number; notes: string[] } {
  const withText = mails.filter((mail) => mail.body.trim() !== "");
  if (withText.length === 0) throw new BenchError("no e-mail has a body to repeat");
  const progress = readProgress(progressPath);
  const from = progress && progress.generator === GENERATOR_VERSION && progress.target === target && existsSync(dir) ? progress.written : 0;
  if (from === 0) {
    checkDiskSpace(withText, target, dir);
    resetDir(dir);
  } else {
    console.error(`bench: resuming ${path.basename(dir)} at file ${from.toLocaleString("en-US")} of ${target.toLocaleString("en-US")}`);
  }
  const folders = new Set<string>();
  for (let i = from; i < target; i++) {
    const copy = Math.floor(i / withText.length);
    writeMail(dir, withText[i % withText.length]!, copy === 0 ? "" : `-copy${copy}`, folders);
    if ((i + 1) % PROGRESS_EVERY === 0) writeFileSync(progressPath, JSON.stringify({ generator: GENERATOR_VERSION, target, written: i + 1 }));
  }
  rmSync(progressPath, { force: true });
  return {
    files: target,
    notes: [
      `${withText.length} e-mails with text, repeated ${(target / withText.length).toFixed(2)}×: the vocabulary stays the mail corpus's, postings and text grow`,
    ],
  };
}

interface Progress {
  generator: number;
  target: number;
  written: number;
}

function readProgress(progressPath: string): Progress | null {
  if (!existsSync(progressPath)) return null;
  try {
    return JSON.parse(readFileSync(progressPath, "utf8")) as Progress;
  } catch {
    return null;
  }
}

/**
 * Refuses, before writing a file, a corpus the disk cannot hold twice over
 * (the corpus, then our artifact of about the same size): a full disk
 * halfway through a million files would fail everything after it.
 */
function checkDiskSpace(withText: readonly Mail[], target: number, dir: string): void {
  const average = withText.reduce((sum, mail) => sum + Buffer.byteLength(mail.body) + 200, 0) / withText.length;
  // Each file takes at least one 4 KiB block.
  const needed = 2 * target * Math.max(4096, Math.ceil(average / 4096) * 4096);
  mkdirSync(CORPORA_DIR, { recursive: true });
  const disk = statfsSync(CORPORA_DIR);
  const free = disk.bavail * disk.bsize;
  const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  if (free < needed) throw new BenchError(`${path.basename(dir)} needs about ${gib(needed)} of disk (the corpus and an artifact as large), ${gib(free)} is free`);
}

/** Writes one e-mail; `made` remembers the folders already made, so a million files cost no million mkdirs. */
function writeMail(dir: string, mail: Mail, suffix: string, made?: Set<string>): void {
  const folder = path.join(dir, mail.folder);
  if (!made?.has(folder)) {
    mkdirSync(folder, { recursive: true });
    made?.add(folder);
  }
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
