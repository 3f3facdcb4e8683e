/**
 * A corpus's documents as our build reads them (same files, same titles, same
 * text), for the naive baseline and for choosing queries. Taken before the
 * artifact, so neither depends on what the artifact holds.
 */
import { documentsFromFiles } from "../../src/corpus/build";
import { readCorpus } from "../../src/corpus/read";

export interface CorpusDocument {
  id: string;
  title: string;
  text: string;
}

/** Every document the build would index (files it would refuse are left out, as --skip-invalid does). */
export async function readDocuments(corpusDir: string): Promise<CorpusDocument[]> {
  const contents = await readCorpus(corpusDir);
  const { documents } = documentsFromFiles(contents.files, contents.manifest);
  return documents.map(({ id, title, text }) => ({ id, title, text }));
}
