/**
 * The previous sharedPassages (issue 17's, before PassageCorpus), kept as
 * the tests' reference for what the brute force cannot say: which seeds
 * the boilerplate cap skips. Words as objects, a Map of fingerprints, every
 * pair's seeds at once: simple, and too large for a big corpus (1.3 GB on
 * 3 M words), which is why src/corpus/passages.ts no longer works this way.
 * The shingle hash, the winnowing and the cap are the same there, so the
 * two must answer alike, whatever the cap.
 */
import {
  DEFAULT_MAX_DOCUMENTS_PER_FINGERPRINT,
  K,
  MIN_PASSAGE_WORDS,
  NEAR_COPY_SHARE,
  passageWords,
  sameWord,
  W,
  wordCount,
  type DocumentPassages,
  type PassageDocument,
  type PassageWord,
  type SharedPassagesOptions,
  type SharedSpan,
  type SharedWith,
} from "../../src/corpus/passages";
import { fmix32, fnv1a, FNV_OFFSET } from "../../src/search/index/hash";

export function previousSharedPassages(documents: readonly PassageDocument[], options: SharedPassagesOptions = {}): DocumentPassages[] {
  const cap = options.maxDocumentsPerFingerprint ?? DEFAULT_MAX_DOCUMENTS_PER_FINGERPRINT;
  const sorted = [...documents].sort((a, b) => compareIds(a.id, b.id));
  const words = sorted.map((document) => passageWords(document.text));
  const seeds = seedsByPair(fingerprintTable(words.map(shingleHashes)), cap, sorted.length);
  const runs = new Map<number, Run[]>();
  for (const [pair, pairSeeds] of seeds) {
    const found = maximalRuns(words[Math.floor(pair / sorted.length)]!, words[pair % sorted.length]!, pairSeeds);
    if (found.length > 0) runs.set(pair, found);
  }
  return readout(sorted, words, runs);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function shingleHash(words: readonly PassageWord[], from: number): number | null {
  let hash = FNV_OFFSET;
  for (let i = from; i < from + K; i++) {
    const key = words[i]!.key;
    if (key === null) return null;
    hash = fnv1a("\0", fnv1a(key, hash));
  }
  return fmix32(hash);
}

function shingleHashes(words: readonly PassageWord[]): (number | null)[] {
  const hashes: (number | null)[] = [];
  for (let from = 0; from + K <= words.length; from++) hashes.push(shingleHash(words, from));
  return hashes;
}

function winnow(hashes: readonly (number | null)[]): { hash: number; at: number }[] {
  const selected: { hash: number; at: number }[] = [];
  for (let window = 0; window + W <= hashes.length; window++) {
    let at: number | null = null;
    for (let i = window; i < window + W; i++) if (hashes[i] !== null && (at === null || hashes[i]! <= hashes[at]!)) at = i;
    if (at === null || (selected.length > 0 && selected[selected.length - 1]!.at === at)) continue;
    selected.push({ hash: hashes[at]!, at });
  }
  return selected;
}

interface Fingerprint {
  occurrences: number[];
  documents: number;
  lastDocument: number;
}

function fingerprintTable(hashes: readonly (number | null)[][]): Map<number, Fingerprint> {
  const table = new Map<number, Fingerprint>();
  hashes.forEach((documentHashes, document) => {
    for (const { hash, at } of winnow(documentHashes)) {
      const fingerprint = table.get(hash);
      if (fingerprint) fingerprint.occurrences.push(document, at);
      else table.set(hash, { occurrences: [document, at], documents: 0, lastDocument: -1 });
    }
  });
  hashes.forEach((documentHashes, document) => {
    for (const hash of documentHashes) {
      const fingerprint = hash === null ? undefined : table.get(hash);
      if (fingerprint === undefined || fingerprint.lastDocument === document) continue;
      fingerprint.documents++;
      fingerprint.lastDocument = document;
    }
  });
  return table;
}

function seedsByPair(table: Map<number, Fingerprint>, cap: number, count: number): Map<number, number[]> {
  const seeds = new Map<number, number[]>();
  for (const { occurrences: list, documents } of table.values()) {
    if (list.length < 4 || documents > cap) continue;
    for (let x = 0; x < list.length; x += 2) {
      for (let y = x + 2; y < list.length; y += 2) {
        if (list[x] === list[y]) continue;
        const pair = list[x]! * count + list[y]!;
        const pairSeeds = seeds.get(pair);
        if (pairSeeds) pairSeeds.push(list[x + 1]!, list[y + 1]!);
        else seeds.set(pair, [list[x + 1]!, list[y + 1]!]);
      }
    }
  }
  return seeds;
}

interface Run {
  from: number;
  to: number;
  otherFrom: number;
}

function maximalRuns(a: readonly PassageWord[], b: readonly PassageWord[], seeds: readonly number[]): Run[] {
  const order: { i: number; j: number }[] = [];
  for (let s = 0; s < seeds.length; s += 2) order.push({ i: seeds[s]!, j: seeds[s + 1]! });
  order.sort((x, y) => x.j - x.i - (y.j - y.i) || x.i - y.i);
  const runs: Run[] = [];
  let diagonal = Number.NaN;
  let diagonalEnd = -1;
  for (const { i, j } of order) {
    if (j - i === diagonal && i < diagonalEnd) continue;
    let same = true;
    for (let k = 0; k < K; k++) if (!sameWord(a[i + k], b[j + k])) same = false;
    if (!same) continue;
    const run = extend(a, b, i, j);
    diagonal = j - i;
    diagonalEnd = run.to;
    if (run.to - run.from >= MIN_PASSAGE_WORDS) runs.push(run);
  }
  return runs;
}

function extend(a: readonly PassageWord[], b: readonly PassageWord[], i: number, j: number): Run {
  let from = i;
  let otherFrom = j;
  while (sameWord(a[from - 1], b[otherFrom - 1])) {
    from--;
    otherFrom--;
  }
  let to = i;
  while (sameWord(a[to], b[to - i + j])) to++;
  return { from, to, otherFrom };
}

function readout(documents: readonly PassageDocument[], words: readonly PassageWord[][], runs: Map<number, Run[]>): DocumentPassages[] {
  const count = documents.length;
  const views = documents.map(() => [] as SharedWith[]);
  const totals = words.map(wordCount);
  for (const [pair, pairRuns] of runs) {
    const a = Math.floor(pair / count);
    const b = pair % count;
    const fromA = sharedWith(documents[b]!.id, pairRuns, words[a]!, words[b]!);
    const mirrored = pairRuns.map((run) => ({ from: run.otherFrom, to: run.otherFrom + run.to - run.from, otherFrom: run.from }));
    const fromB = sharedWith(documents[a]!.id, mirrored, words[b]!, words[a]!);
    const nearCopy = fromA.sharedWords >= NEAR_COPY_SHARE * totals[a]! || fromB.sharedWords >= NEAR_COPY_SHARE * totals[b]!;
    views[a]!.push({ ...fromA, nearCopy });
    views[b]!.push({ ...fromB, nearCopy });
  }
  const result: DocumentPassages[] = [];
  documents.forEach((document, index) => {
    const others = views[index]!;
    if (others.length === 0) return;
    others.sort((x, y) => y.sharedWords - x.sharedWords || compareIds(x.id, y.id));
    result.push({ id: document.id, words: totals[index]!, sharedWith: others });
  });
  return result;
}

function sharedWith(otherId: string, runs: readonly Run[], own: readonly PassageWord[], other: readonly PassageWord[]): Omit<SharedWith, "nearCopy"> {
  const ordered = [...runs].sort((x, y) => x.from - y.from || x.otherFrom - y.otherFrom);
  const spans = ordered.map((run): SharedSpan => {
    const words = run.to - run.from;
    return { start: own[run.from]!.start, end: own[run.to - 1]!.end, otherStart: other[run.otherFrom]!.start, otherEnd: other[run.otherFrom + words - 1]!.end, words };
  });
  let covered = 0;
  let reached = 0;
  for (const { from, to } of ordered) {
    if (to > reached) covered += to - Math.max(from, reached);
    reached = Math.max(reached, to);
  }
  return { id: otherId, sharedWords: covered, spans };
}
