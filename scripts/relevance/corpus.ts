/**
 * Addresses → a corpus folder our build reads: one Markdown file per address
 * with front matter (title, source = party, date = year) and the speech as
 * the body. Returns the same titles and texts for the FTS5 side, so both
 * engines index the same words.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Address } from "./dataset";
import { RelevanceError } from "./errors";
import type { Fts5Document } from "./fts5";

// The dataset splits one name; everything else it spells as usual.
const NAME_FIXES: Record<string, string> = { "William Mc Kinley": "William McKinley" };

// Washington had no party; "none" would read as a party's name in a facet.
const PARTY_NAMES: Record<string, string> = { none: "No party" };

/** Writes the corpus, replacing any earlier one; returns its documents. */
export function writeCorpus(addresses: readonly Address[], corpusDir: string): Fts5Document[] {
  rmSync(corpusDir, { recursive: true, force: true });
  mkdirSync(corpusDir, { recursive: true });
  const documents: Fts5Document[] = [];
  const files = new Map<string, string>();
  for (const address of addresses) {
    const document = toDocument(address);
    const earlier = files.get(document.id);
    if (earlier) throw new RelevanceError(`${address.file} and ${earlier} would both be ${document.id}.md`);
    files.set(document.id, address.file);
    writeFileSync(path.join(corpusDir, `${document.id}.md`), toMarkdown(document, address));
    documents.push(document);
  }
  return documents;
}

function toDocument(address: Address): Fts5Document {
  const name = presidentName(address);
  return {
    id: documentId(address.year, name),
    title: `${address.year} State of the Union: ${name}`,
    // As our build will read the body: line ends as "\n", trimmed.
    text: address.text.replace(/\r\n?/g, "\n").trim(),
  };
}

function presidentName(address: Address): string {
  return NAME_FIXES[address.name] ?? address.name;
}

/**
 * "<year>-<name>", e.g. 1803-thomas-jefferson: our build's id for the file
 * (its path without extension), and stable, so judgments can name it. Year
 * and name are unique: in 1953 and 1961 both the outgoing and the incoming
 * President gave one.
 */
function documentId(year: number, name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `${year}-${slug}`;
}

function toMarkdown(document: Fts5Document, address: Address): string {
  const party = PARTY_NAMES[address.party] ?? address.party;
  // JSON strings are YAML double-quoted scalars: "&" or ":" cannot break them,
  // and the year stays text rather than a YAML number.
  return [
    "---",
    `title: ${JSON.stringify(document.title)}`,
    `source: ${JSON.stringify(party)}`,
    `date: ${JSON.stringify(String(address.year))}`,
    "---",
    "",
    document.text,
    "",
  ].join("\n");
}
