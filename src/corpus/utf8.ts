/**
 * The byte offset of the first sequence that is not well-formed UTF-8
 * (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF), or -1.
 * TextDecoder can reject such bytes but cannot say where they are.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let min: number; // smallest valid second byte
    let max = 0xbf; // largest valid second byte
    if (lead >= 0xc2 && lead <= 0xdf) [length, min] = [2, 0x80];
    else if (lead === 0xe0) [length, min] = [3, 0xa0];
    else if (lead === 0xed) [length, min, max] = [3, 0x80, 0x9f];
    else if (lead >= 0xe1 && lead <= 0xef) [length, min] = [3, 0x80];
    else if (lead === 0xf0) [length, min] = [4, 0x90];
    else if (lead === 0xf4) [length, min, max] = [4, 0x80, 0x8f];
    else if (lead >= 0xf1 && lead <= 0xf3) [length, min] = [4, 0x80];
    else return i;
    if (i + length > bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < min || second > max) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k]!;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}
