// CRC-32C (Castagnoli) and the snappy framing format's masked checksum
// (https://github.com/google/snappy/blob/main/framing_format.txt, section 3).

const POLY_REFLECTED = 0x82f63b78;

/** Slicing-by-4 tables: four bytes per step keeps a 64 KiB frame's checksum cheap next to decompression. */
const TABLES: Uint32Array[] = (() => {
  const t0 = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY_REFLECTED : c >>> 1;
    t0[i] = c >>> 0;
  }
  const tables = [t0];
  for (let t = 1; t < 4; t++) {
    const prev = tables[t - 1];
    const table = new Uint32Array(256);
    for (let i = 0; i < 256; i++) table[i] = ((prev[i] >>> 8) ^ t0[prev[i] & 0xff]) >>> 0;
    tables.push(table);
  }
  return tables;
})();

export function crc32c(data: Uint8Array): number {
  const [t0, t1, t2, t3] = TABLES;
  let crc = 0xffffffff;
  let i = 0;
  const end4 = data.length - (data.length % 4);
  for (; i < end4; i += 4) {
    crc ^= data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    crc = t3[crc & 0xff] ^ t2[(crc >>> 8) & 0xff] ^ t1[(crc >>> 16) & 0xff] ^ t0[crc >>> 24];
  }
  for (; i < data.length; i++) crc = t0[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The framing format stores the CRC rotated and offset, so data that embeds its own CRC still checks well. */
export function maskedCrc32c(data: Uint8Array): number {
  const crc = crc32c(data);
  return (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;
}
