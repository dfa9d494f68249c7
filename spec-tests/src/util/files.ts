import {readFileSync, existsSync} from "node:fs";
import path from "node:path";
import {parse} from "yaml";
import snappy from "snappyjs";

/** The bytes of a `<name>.ssz_snappy` file, snappy-decompressed (raw block format, as the vectors use). */
export function readSszSnappy(dir: string, name: string): Uint8Array {
  const compressed = readFileSync(path.join(dir, `${name}.ssz_snappy`));
  return snappy.uncompress(new Uint8Array(compressed.buffer, compressed.byteOffset, compressed.byteLength));
}

/** A `<name>.ssz_snappy` file's bytes, or null when the case has no such file. */
export function readSszSnappyIfExists(dir: string, name: string): Uint8Array | null {
  return existsSync(path.join(dir, `${name}.ssz_snappy`)) ? readSszSnappy(dir, name) : null;
}

/**
 * A yaml file of the vectors, parsed with integers as bigint so that uint64 values keep every bit.
 * Use `toNumber` where a value is known to be small.
 */
export function readYaml<T = unknown>(dir: string, name: string): T {
  const file = name.endsWith(".yaml") || name.endsWith(".yml") ? name : `${name}.yaml`;
  return parse(readFileSync(path.join(dir, file), "utf8"), {intAsBigInt: true}) as T;
}

export function hasFile(dir: string, name: string): boolean {
  return existsSync(path.join(dir, name));
}

export function toNumber(value: unknown): number {
  if (typeof value === "bigint") {
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`value ${value} does not fit a number`);
    return Number(value);
  }
  if (typeof value === "number") return value;
  if (typeof value === "string") return Number(value);
  throw new Error(`not a number: ${String(value)}`);
}

export function toHex(bytes: Uint8Array): string {
  return "0x" + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

export function fromHex(hex: string): Uint8Array {
  const s = hex.startsWith("0x") ? hex.slice(2) : hex;
  if (s.length % 2 !== 0 || /[^0-9a-fA-F]/.test(s)) throw new Error(`bad hex: ${hex}`);
  return new Uint8Array(Buffer.from(s, "hex"));
}
