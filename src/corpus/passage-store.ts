/**
 * Where the passages stage keeps what it has read: lists of 32-bit
 * integers, appended to and read back, in memory or in a file. A build
 * keeps its words and its fingerprints in files, so that memory holds one
 * partition of them at a time (passages.ts); tests compare in memory too.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from "node:fs";

/**
 * A list of 32-bit integers that grows (doubling): a typed array's 4 bytes
 * a number, where a JS array takes 8, and 16 more for each one of 2^31 or
 * more (a boxed double: half of all hashes).
 */
export class IntList<A extends Int32Array | Uint32Array> {
  private values: A;
  length = 0;

  constructor(private readonly make: new (length: number) => A) {
    this.values = new make(1024);
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new this.make(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  clear(): void {
    this.length = 0;
  }

  /** Gives back the room doubling left unused (up to half the list). */
  trim(): void {
    if (this.values.length > this.length) this.values = this.values.slice(0, this.length) as A;
  }

  /** The values pushed so far (sharing the list's memory). */
  view(): A {
    return this.values.subarray(0, this.length) as A;
  }
}

/** An append-only list of 32-bit integers, read back by range. */
export interface IntStore {
  /** Integers pushed so far. */
  readonly length: number;
  push(value: number): void;
  /** Integers [from, to): a view of the store's own memory when in memory (not to be written to), a copy from a file. */
  slice(from: number, to: number): Int32Array;
  /** Frees what the store holds (its memory, or its file). No use after. */
  drop(): void;
}

/** A store in memory. */
export function memoryStore(): IntStore {
  const list = new IntList(Int32Array);
  return {
    get length() {
      return list.length;
    },
    push: (value) => list.push(value),
    slice: (from, to) => list.view().subarray(from, to),
    drop: () => {
      list.clear();
      list.trim();
    },
  };
}

/** Integers buffered before a file store writes them: 64 KiB (a build has 3 stores a partition open at once). */
const FILE_BUFFER = 16_384;

/**
 * A store in the file at `filePath` (created, or emptied): what is pushed
 * is buffered and written in blocks; a read takes what it holds of the
 * buffer from there.
 */
export function fileStore(filePath: string): IntStore {
  const fd = openSync(filePath, "w+");
  const buffer = new Int32Array(FILE_BUFFER);
  let buffered = 0;
  let written = 0;
  let open = true;
  const flush = () => {
    if (buffered === 0) return;
    writeFully(fd, new Uint8Array(buffer.buffer, 0, buffered * 4), written * 4);
    written += buffered;
    buffered = 0;
  };
  return {
    get length() {
      return written + buffered;
    },
    push(value) {
      buffer[buffered++] = value;
      if (buffered === FILE_BUFFER) flush();
    },
    slice(from, to) {
      const values = new Int32Array(Math.max(0, to - from));
      if (values.length === 0) return values;
      if (to > written + buffered) throw new Error(`passages: a store read to ${to}, past its end (${written + buffered})`);
      // What is still buffered is read from the buffer: the passages stage reads back spans just written, entry by entry.
      const inFile = Math.max(0, Math.min(to, written) - from);
      if (inFile > 0) readFully(fd, new Uint8Array(values.buffer, 0, inFile * 4), from * 4);
      if (to > written) values.set(buffer.subarray(Math.max(from, written) - written, to - written), inFile);
      return values;
    },
    drop() {
      if (!open) return;
      open = false;
      closeSync(fd);
      rmSync(filePath, { force: true });
    },
  };
}

/** At most 1 GiB a call: Node 20's readSync takes its length as an int32. */
const MAX_IO = 2 ** 30;

function writeFully(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, Math.min(MAX_IO, bytes.length - done), position + done);
}

function readFully(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.length; ) {
    const read = readSync(fd, bytes, done, Math.min(MAX_IO, bytes.length - done), position + done);
    if (read === 0) throw new Error(`passages: a store's file ended ${bytes.length - done} bytes early`);
    done += read;
  }
}
