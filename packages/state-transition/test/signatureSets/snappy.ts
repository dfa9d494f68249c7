// Raw (unframed) snappy decompression, as the spec vectors' .ssz_snappy files use, so that this
// package's tests read vectors without a snappy dependency. Format: google/snappy format_description.txt.

export function uncompressSnappy(input: Uint8Array): Uint8Array {
  let pos = 0;
  // The uncompressed length, a little-endian base-128 varint.
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    const b = input[pos++];
    length += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) break;
  }
  const out = new Uint8Array(length);
  let o = 0;
  while (pos < input.length) {
    const tag = input[pos++];
    const kind = tag & 3;
    if (kind === 0) {
      // Literal: length - 1 in the tag's upper 6 bits, or in the next 1-4 bytes.
      let len = tag >>> 2;
      if (len >= 60) {
        const bytes = len - 59;
        len = 0;
        for (let i = 0; i < bytes; i++) len += input[pos++] * 2 ** (8 * i);
      }
      len += 1;
      out.set(input.subarray(pos, pos + len), o);
      pos += len;
      o += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (kind === 1) {
      len = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | input[pos++];
    } else if (kind === 2) {
      len = (tag >>> 2) + 1;
      offset = input[pos] | (input[pos + 1] << 8);
      pos += 2;
    } else {
      len = (tag >>> 2) + 1;
      offset = (input[pos] | (input[pos + 1] << 8) | (input[pos + 2] << 16)) + input[pos + 3] * 2 ** 24;
      pos += 4;
    }
    if (offset === 0 || offset > o) throw new Error(`snappy: bad copy offset ${offset} at output ${o}`);
    // Byte by byte: a copy may overlap the bytes it is producing.
    for (let i = 0; i < len; i++, o++) out[o] = out[o - offset];
  }
  if (o !== length) throw new Error(`snappy: produced ${o} bytes, header says ${length}`);
  return out;
}
