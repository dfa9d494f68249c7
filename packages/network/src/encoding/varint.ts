// Unsigned protobuf varints (LEB128), the ssz_snappy length prefix (phase0 p2p-interface.md
// "Encoding-dependent header"): at most 10 bytes, enough for any uint64.

export const MAX_VARINT_BYTES = 10;

export function encodeVarint(value: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`varint value must be a non-negative safe integer, got ${value}`);
  const out: number[] = [];
  while (value >= 0x80) {
    out.push((value % 0x80) | 0x80);
    value = Math.floor(value / 0x80);
  }
  out.push(value);
  return Uint8Array.from(out);
}

export function varintLength(value: number): number {
  let n = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    n++;
  }
  return n;
}
