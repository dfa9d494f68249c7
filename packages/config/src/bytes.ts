// Hex <-> bytes for config values. Config files and the Beacon API spell bytes as 0x-prefixed hex.

/** Bytes of a 0x-prefixed hex string; throws on anything else (odd length, stray characters). */
export function fromHex(hex: string): Uint8Array {
  if (!/^0x([0-9a-fA-F]{2})*$/.test(hex)) {
    throw new Error(`not 0x-prefixed hex with an even number of digits: "${hex}"`);
  }
  return Uint8Array.from(Buffer.from(hex.slice(2), "hex"));
}

/** 0x-prefixed lowercase hex, the form the Beacon API serves. */
export function toHex(bytes: Uint8Array): string {
  return "0x" + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
