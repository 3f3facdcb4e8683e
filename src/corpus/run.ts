/** The whole build: read the corpus, make documents, index, publish. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { ARTIFACT_DIR } from "../search/artifact";
import { buildArtifact, contentHash, documentId, documentsFromFiles, type BuiltArtifact } from "./build";
import { readCorpus, type CorpusProblem } from "./read";
import { publishArtifact } from "./write";
import { capacityWarnings } from "./capacity";

export interface BuildOptions {
  corpusDir: string;
  /** Folder served as the Worker's static assets (wrangler.toml `assets.directory`). */
  assetsDir: string;
  /** Skip bad files with a warning instead of failing the build. */
  skipInvalid?: boolean;
  maxFileBytes?: number;
}

export interface BuildReport {
  ok: boolean;
  /** The build folder the artifact was written to (only when ok). */
  artifactPath: string;
  documents: number;
  sources: Record<string, number>;
  bytesIn: number;
  bytesOut: number;
  milliseconds: number;
  /** Files that failed the build (or were skipped, with skipInvalid). */
  problems: CorpusProblem[];
  warnings: string[];
  /** Files ignored for their extension. */
  ignored: number;
}

/** Runs the build; on any problem (unless skipInvalid) nothing is written. */
export async function buildCorpus(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const contents = await readCorpus(options.corpusDir, { maxFileBytes: options.maxFileBytes });
  const { documents, problems, warnings } = documentsFromFiles(contents.files, contents.manifest);
  problems.unshift(...contents.problems);
  const used = new Set(documents.map((document) => document.id));
  const usedFiles = contents.files.filter((file) => used.has(documentId(file.path)));
  const report: BuildReport = {
    ok: false,
    artifactPath: "",
    documents: documents.length,
    sources: {},
    bytesIn: usedFiles.reduce((sum, file) => sum + file.bytes.length, 0),
    bytesOut: 0,
    milliseconds: 0,
    problems,
    warnings,
    ignored: contents.ignored.length,
  };
  if (documents.length === 0 && contents.exists) {
    problems.push({ path: options.corpusDir, reason: "empty corpus: no .txt or .md document with text in it" });
  }
  if (documents.length > 0 && (problems.length === 0 || options.skipInvalid)) {
    const artifact = buildArtifact(documents, {
      contentHash: contentHash(usedFiles, contents.manifest),
      buildVersion: packageVersion(),
    });
    await publishArtifact(options.assetsDir, artifact);
    report.ok = true;
    report.artifactPath = path.join(options.assetsDir, ARTIFACT_DIR, artifact.build);
    report.sources = artifact.index.meta.sources;
    report.bytesOut = artifactBytes(artifact);
    warnings.push(...capacityWarnings(artifact));
  }
  report.milliseconds = Math.round(performance.now() - started);
  return report;
}

function artifactBytes(artifact: BuiltArtifact): number {
  let bytes = artifact.manifest.length;
  for (const file of artifact.files.values()) bytes += file.length;
  return bytes;
}

function packageVersion(): string {
  const packageJson = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
}
