import {SecretKey} from "../../src/index.js";

/** Deterministic keys, so that a failure reproduces: ikm = 32 bytes of (i + 1). */
export function testKey(i: number): SecretKey {
  return SecretKey.fromKeygen(new Uint8Array(32).fill(i + 1));
}

/** A distinct 32-byte signing root per index. */
export function testRoot(i: number): Uint8Array {
  const root = new Uint8Array(32);
  root[0] = 0xaa;
  root[31] = i;
  return root;
}

/** The order r of the BLS12-381 subgroups: the secret key for -sk is r - sk. */
export const CURVE_ORDER = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;

export function scalarBytes(value: bigint): Uint8Array {
  return Uint8Array.from(Buffer.from(value.toString(16).padStart(64, "0"), "hex"));
}

export function bytesToBigint(bytes: Uint8Array): bigint {
  return BigInt("0x" + Buffer.from(bytes).toString("hex"));
}
