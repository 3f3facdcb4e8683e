/**
 * A built artifact → N shard artifacts, each holding the documents whose id
 * hashes to it (shardOf), as Elasticsearch routes a document to a shard by
 * a hash of its id, but for near-copies, which go with the first document
 * of their copy group (as Elasticsearch's custom routing keeps related
 * documents together), so that each shard folds copies (collapse=copies)
 * exactly as the whole corpus does. Each shard is a complete artifact of its own (its
 * documents, texts, records, postings and positions, numbered from 0 in
 * browse order), and keeps the whole corpus's vocabulary and statistics:
 * every term with its corpus-wide document count and spellings, the
 * corpus's document count and average field lengths, and in each posting
 * the documents of the other shards holding the term (`elsewhere`). So a
 * shard scores, expands, completes and corrects words exactly as one index
 * of the whole corpus does, for its own documents; a router then merges
 * the shards' answers into the one index's (src/shards/merge.ts).
 *
 * The split reads the whole artifact once, a file at a time (a lexicon
 * block and its postings, a positions block, a text chunk), and writes each
 * shard's files as it goes: memory holds per-document columns and the
 * shards' id maps, not the texts or the postings.
 */
import type { ArtifactManifest, IndexMeta, LexiconEntry, RecordEntry, RelatedEntry, ShardPlace } from "../search/artifact";
import { decodeCopies, encodeCopies } from "../search/index/copies";
import { artifactPaths } from "../search/artifact";
import { STOP_WORDS } from "../search/analysis/stop-words";
import { decodeDates, decodeDocumentTable, encodeDocumentTable, type DocumentTable } from "../search/index/document-table";
import { encodeFieldTable, FieldTable } from "../search/index/field-table";
import { bucketOf, shardOf } from "../search/index/hash";
import { ByteWriter } from "../search/index/bytes";
import { encodePostings, readPostings, type FieldPostings } from "../search/index/postings";
import type { ArtifactReader } from "../search/load";
import { encodePositionsShard, PositionsShard, splitPositionsPosting } from "../search/positions";
import { bitsetBytes, decodeBitset } from "../search/stop-words-index";
import { memoryReader } from "./artifact-files";
import { layoutScale, MemorySink, recordFiles, textChunkFile, type ArtifactLayout } from "./assemble";
import { builtArtifact, LAYOUT, type BuiltArtifact } from "./build";
import type { ArtifactSink } from "./merge";

/** The artifact to split: how to read its files, and its texts' total size in bytes (which sizes the shards' text chunks). */
export interface SplitSource {
  read: ArtifactReader;
  textBytes: number;
}

/** A corpus split: each shard's meta.json contents, and where documents went that are not in the shard their id hashes to. */
export interface Split {
  metas: IndexMeta[];
  /** Id → shard, for each document placed with its copy group rather than by its id's hash: the router looks these up. */
  placed: Map<string, number>;
}

/** Splits the artifact `source` names in its manifest into `sinks.length` shards. */
export async function splitArtifact(source: SplitSource, sinks: readonly ArtifactSink[], layout: Pick<ArtifactLayout, "textChunkChars">): Promise<Split> {
  const { read } = source;
  const shards = sinks.length;
  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  const parse = async <T>(path: string) => JSON.parse(new TextDecoder().decode(await read(path))) as T;
  const { build } = await parse<ArtifactManifest>(artifactPaths.manifest);
  const whole = await parse<IndexMeta>(artifactPaths.meta(build));
  if (whole.shard !== null) throw new Error("the artifact is a shard already");
  const count = whole.meta.documents;
  const table = decodeDocumentTable((await read(artifactPaths.documents(build))).slice(), count, whole.widths);

  // Which shard holds each document, and its position there: browse order is kept within a shard.
  // A copy group lives in the shard of its first document (which comes first
  // in browse order, so its shard is known by then): a shard folds its
  // copies as the whole corpus does, and the shards' folded counts add up.
  const copies = decodeCopies(await read(artifactPaths.copies(build)), count);
  const recordFilesOf = (documents: number) => Math.ceil(documents / whole.recordsPerFile);
  const shardOfDocument = new Uint16Array(count);
  const localOf = new Uint32Array(count);
  const counts = new Array<number>(shards).fill(0);
  const placed = new Map<string, number>();
  for (let file = 0; file < recordFilesOf(count); file++) {
    const entries = await parse<RecordEntry[]>(artifactPaths.records(build, file));
    entries.forEach(([id], i) => {
      const position = file * whole.recordsPerFile + i;
      const group = copies[position]!;
      const hashed = shardOf(id, shards);
      const shard = group === -1 || group === position ? hashed : shardOfDocument[group]!;
      if (shard !== hashed) placed.set(id, shard);
      shardOfDocument[position] = shard;
      localOf[position] = counts[shard]!++;
    });
  }
  // The global positions of each shard's documents, ascending.
  const members = counts.map((documents) => new Uint32Array(documents));
  for (let position = 0; position < count; position++) members[shardOfDocument[position]!]![localOf[position]!] = position;

  const metas = members.map((positions, shard) => shardMeta(whole, table, positions, { shard, shards, corpusDocuments: count, corpusBuild: build }));
  const dates = decodeDates((await read(artifactPaths.dates(build))).slice(), count);
  members.forEach((positions, shard) => {
    const sink = sinks[shard]!;
    sink.write("documents.bin", encodeDocumentTable(subsetColumns(table, positions), whole.widths));
    const spans = new Float64Array(positions.length * 2);
    positions.forEach((position, local) => spans.set(dates.subarray(2 * position, 2 * position + 2), 2 * local));
    sink.write("dates.bin", new Uint8Array(spans.buffer));
  });
  // Copy groups keep their whole-corpus numbers: a shard only compares them.
  members.forEach((positions, shard) => {
    const groups = Int32Array.from(positions, (position) => copies[position]!);
    metas[shard]!.copies = groups.reduce((inGroups, group) => inGroups + (group === -1 ? 0 : 1), 0);
    sinks[shard]!.write("copies.bin", encodeCopies(groups));
  });

  for (const word of [...STOP_WORDS].sort()) {
    const bits = sinks.map((_, shard) => new Uint8Array(bitsetBytes(counts[shard]!)));
    for (const position of decodeBitset(await read(artifactPaths.stopWord(build, word)), count)) {
      const local = localOf[position]!;
      bits[shardOfDocument[position]!]![local >> 3]! |= 1 << (local & 7);
    }
    sinks.forEach((sink, shard) => sink.write(`stop-words/${word}.bin`, bits[shard]!));
  }

  for (const { table: number } of whole.fields) {
    if (number === null) continue;
    const dictionary = await parse<string[]>(artifactPaths.fieldDictionary(build, number));
    const values = new FieldTable(dictionary, await read(artifactPaths.fieldTable(build, number)), count);
    members.forEach((positions, shard) => {
      const { dictionary: local, table: bytes } = encodeFieldTable(Array.from(positions, (position) => Array.from(values.valuesOf(position), (value) => dictionary[value]!)));
      sinks[shard]!.write(`fields/${number}.json`, json(local));
      sinks[shard]!.write(`fields/${number}.bin`, bytes);
    });
  }

  await splitRecords(read, build, whole, shardOfDocument, localOf, metas, sinks);
  await splitTexts(source, build, whole, shardOfDocument, metas, sinks, layout);
  await splitPostings(read, build, whole, shardOfDocument, localOf, sinks);
  await splitPositions(read, build, whole, shardOfDocument, localOf, sinks);
  for (let block = 0; block < whole.spelledBlocks.length; block++) {
    const bytes = await read(artifactPaths.spelled(build, block));
    for (const sink of sinks) sink.write(`spelled/${block}.json`, bytes);
  }
  metas.forEach((meta, shard) => sinks[shard]!.write("meta.json", json(meta)));
  return { metas, placed };
}

/** A shard's meta.json: the whole corpus's, with its own documents' counts and files. */
function shardMeta(whole: IndexMeta, table: DocumentTable, positions: Uint32Array, place: ShardPlace): IndexMeta {
  // Every source keeps its number (documents.bin's source column is copied as it is), with this shard's count.
  const perSource = new Array<number>(whole.sources.length).fill(0);
  for (const position of positions) perSource[table.source[position]!]!++;
  return {
    ...whole,
    meta: { ...whole.meta, documents: positions.length, sources: Object.fromEntries(whole.sources.map((source, n) => [source, perSource[n]!])) },
    ...recordFiles(positions.length),
    // Filled in as the texts are split.
    textChunks: [],
    shard: place,
  };
}

function subsetColumns(table: DocumentTable, positions: Uint32Array): Record<keyof DocumentTable, ArrayLike<number>> {
  const pick = (column: ArrayLike<number>) => Uint32Array.from(positions, (position) => column[position]!);
  return {
    titleLength: pick(table.titleLength),
    textLength: pick(table.textLength),
    fieldsLength: pick(table.fieldsLength),
    source: pick(table.source),
    year: pick(table.year),
    nameLength: pick(table.nameLength),
  };
}

/** Records files, their related files and id buckets, written as the whole corpus's records files are read in order. */
async function splitRecords(
  read: ArtifactReader,
  build: string,
  whole: IndexMeta,
  shardOfDocument: Uint16Array,
  localOf: Uint32Array,
  metas: readonly IndexMeta[],
  sinks: readonly ArtifactSink[],
): Promise<void> {
  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  const pending: RecordEntry[][] = sinks.map(() => []);
  const pendingRelated: (RelatedEntry[] | null)[][] = sinks.map(() => []);
  const written = sinks.map(() => 0);
  const ids = metas.map((meta) => Array.from({ length: meta.idBuckets }, (): Record<string, number> => ({})));
  const flush = (shard: number) => {
    sinks[shard]!.write(`related/${written[shard]!}.json`, json(pendingRelated[shard]));
    sinks[shard]!.write(`records/${written[shard]!++}.json`, json(pending[shard]));
    pending[shard] = [];
    pendingRelated[shard] = [];
  };
  for (let file = 0; file * whole.recordsPerFile < whole.meta.documents; file++) {
    const entries = JSON.parse(new TextDecoder().decode(await read(artifactPaths.records(build, file)))) as RecordEntry[];
    const related = JSON.parse(new TextDecoder().decode(await read(artifactPaths.related(build, file)))) as (RelatedEntry[] | null)[];
    entries.forEach((entry, i) => {
      const position = file * whole.recordsPerFile + i;
      const shard = shardOfDocument[position]!;
      pending[shard]!.push(entry);
      pendingRelated[shard]!.push(related[i]!);
      ids[shard]![bucketOf(entry[0], metas[shard]!.idBuckets)]![entry[0]] = localOf[position]!;
      if (pending[shard]!.length === metas[shard]!.recordsPerFile) flush(shard);
    });
  }
  pending.forEach((entries, shard) => entries.length > 0 && flush(shard));
  ids.forEach((buckets, shard) => buckets.forEach((bucket, n) => sinks[shard]!.write(`ids/${n}.json`, json(bucket))));
}

/**
 * Text chunks, cut as the build cuts them (a chunk closes once it holds the
 * layout's characters, scaled to the shard's share of the text), as the
 * whole corpus's chunks are read in order; each shard's meta gets its
 * chunks' first documents.
 */
async function splitTexts(
  { read, textBytes }: SplitSource,
  build: string,
  whole: IndexMeta,
  shardOfDocument: Uint16Array,
  metas: IndexMeta[],
  sinks: readonly ArtifactSink[],
  layout: Pick<ArtifactLayout, "textChunkChars">,
): Promise<void> {
  const chunkChars = Math.round(layout.textChunkChars * layoutScale(textBytes / sinks.length));
  const open = sinks.map(() => ({ texts: [] as string[], chars: 0, first: 0, documents: 0 }));
  const flush = (shard: number) => {
    const chunk = open[shard]!;
    if (chunk.texts.length === 0) return;
    const number = metas[shard]!.textChunks.length;
    metas[shard]!.textChunks.push(chunk.first);
    sinks[shard]!.write(`text/${number}.json`, textChunkFile(chunk.texts));
    Object.assign(chunk, { texts: [], chars: 0, first: chunk.documents });
  };
  for (let chunk = 0; chunk < whole.textChunks.length; chunk++) {
    const texts = JSON.parse(new TextDecoder().decode(await read(artifactPaths.textChunk(build, chunk)))) as string[];
    texts.forEach((text, i) => {
      const shard = shardOfDocument[whole.textChunks[chunk]! + i]!;
      const open_ = open[shard]!;
      if (open_.chars >= chunkChars) flush(shard);
      open_.texts.push(text);
      open_.chars += text.length;
      open_.documents++;
    });
  }
  open.forEach((_, shard) => flush(shard));
}

/**
 * Lexicon and postings blocks, block for block: each shard's block holds
 * every term of the whole block, with its corpus-wide document count and
 * spellings, and a posting of the shard's documents only, whose fields say
 * how many documents of the other shards hold the term there.
 */
async function splitPostings(
  read: ArtifactReader,
  build: string,
  whole: IndexMeta,
  shardOfDocument: Uint16Array,
  localOf: Uint32Array,
  sinks: readonly ArtifactSink[],
): Promise<void> {
  for (let block = 0; block < whole.termBlocks.length; block++) {
    const entries = JSON.parse(new TextDecoder().decode(await read(artifactPaths.lexicon(build, block)))) as LexiconEntry[];
    const postings = await read(artifactPaths.postings(build, block));
    const outs = sinks.map(() => new ByteWriter());
    const lexicons: LexiconEntry[][] = sinks.map(() => []);
    for (const [term, documents, offset, length, spellings] of entries) {
      const fields = readPostings(postings.subarray(offset, offset + length));
      const perShard = sinks.map(() => [undefined, undefined, undefined] as (FieldPostings | undefined)[]);
      for (const { field, documents: positions, counts, firstWords, elsewhere = 0 } of fields) {
        const parts = sinks.map((): FieldPostings => ({ documents: [], counts: [], firstWords: firstWords && [] }));
        positions.forEach((position, i) => {
          const part = parts[shardOfDocument[position]!]!;
          part.documents.push(localOf[position]!);
          part.counts.push(counts[i]!);
          part.firstWords?.push(firstWords![i]!);
        });
        parts.forEach((part, shard) => (perShard[shard]![field] = { ...part, elsewhere: elsewhere + positions.length - part.documents.length }));
      }
      sinks.forEach((_, shard) => {
        const out = outs[shard]!;
        const start = out.byteLength;
        encodePostings(perShard[shard]!, out);
        const entry: LexiconEntry = [term, documents, start, out.byteLength - start];
        if (spellings) entry.push(spellings);
        lexicons[shard]!.push(entry);
      });
    }
    sinks.forEach((sink, shard) => {
      sink.write(`lexicon/${block}.json`, new TextEncoder().encode(JSON.stringify(lexicons[shard])));
      sink.write(`postings/${block}.bin`, outs[shard]!.finish());
    });
  }
}

/** Positions blocks, block for block: each shard's block holds the terms found in its documents. */
async function splitPositions(
  read: ArtifactReader,
  build: string,
  whole: IndexMeta,
  shardOfDocument: Uint16Array,
  localOf: Uint32Array,
  sinks: readonly ArtifactSink[],
): Promise<void> {
  for (let block = 0; block < whole.positionBlocks.length; block++) {
    const shardEntries: [string, Uint8Array][][] = sinks.map(() => []);
    for (const [term, posting] of new PositionsShard(await read(artifactPaths.positionShard(build, block))).entries()) {
      splitPositionsPosting(posting, sinks.length, shardOfDocument, localOf).forEach((part, shard) => part && shardEntries[shard]!.push([term, part]));
    }
    sinks.forEach((sink, shard) => sink.write(`positions/${block}.bin`, encodePositionsShard(shardEntries[shard]!)));
  }
}

/** Splits an artifact built in memory (buildArtifact) into shards, in memory; with the documents placed with their copy group (see Split). */
export async function splitBuiltArtifact(
  artifact: BuiltArtifact,
  shards: number,
  layout: Pick<ArtifactLayout, "textChunkChars"> = LAYOUT,
): Promise<{ shards: BuiltArtifact[]; placed: Map<string, number> }> {
  const files = new Map([...artifact.files, [artifactPaths.manifest, artifact.manifest]]);
  let textBytes = 0;
  for (const [name, bytes] of artifact.files) if (name.includes("/text/")) textBytes += bytes.length;
  const sinks = Array.from({ length: shards }, () => new MemorySink());
  const { metas, placed } = await splitArtifact({ read: memoryReader(files), textBytes }, sinks, layout);
  return { shards: sinks.map((sink, shard) => builtArtifact(sink, metas[shard]!)), placed };
}
