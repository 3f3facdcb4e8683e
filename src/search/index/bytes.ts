/**
 * Unsigned LEB128 varints, the number encoding of every binary file of the
 * artifact (postings, positions): small numbers (gaps between document
 * positions, term counts) take one byte.
 */

/** Appends varints and raw bytes; `finish` returns them as one array. */
export class ByteWriter {
  private buffer: Uint8Array;
  private length = 0;

  /** `capacity`: bytes to start with; a build makes one writer per term, so small by default. */
  constructor(capacity = 64) {
    this.buffer = new Uint8Array(capacity);
  }

  varint(value: number): void {
    let rest = value;
    while (rest >= 0x80) {
      this.push((rest & 0x7f) | 0x80);
      rest = Math.floor(rest / 128);
    }
    this.push(rest);
  }

  bytes(values: Uint8Array): void {
    this.reserve(values.length);
    this.buffer.set(values, this.length);
    this.length += values.length;
  }

  get byteLength(): number {
    return this.length;
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private push(byte: number): void {
    this.reserve(1);
    this.buffer[this.length++] = byte;
  }

  private reserve(more: number): void {
    if (this.length + more <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + more) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}

/** Reads what ByteWriter wrote; throws RangeError when the bytes end early. */
export class ByteReader {
  offset = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly what: string,
  ) {}

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.offset >= this.bytes.length) throw new RangeError(`${this.what} ends early`);
      const byte = this.bytes[this.offset++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  }

  take(length: number): Uint8Array {
    if (this.offset + length > this.bytes.length) throw new RangeError(`${this.what} ends early`);
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }
}
