// The engine API's value encodings (execution-apis src/engine/common.md "Encoding"): DATA is 0x-hex of
// whole bytes, QUANTITY is big-endian 0x-hex with leading zeros stripped. Parsers take untrusted JSON
// and throw MALFORMED_RESPONSE naming the offending path.
import {ExecutionEngineError, ExecutionEngineErrorCode} from "./errors.js";

const DATA_RE = /^0x(?:[0-9a-fA-F]{2})*$/;
const QUANTITY_RE = /^0x[0-9a-fA-F]{1,64}$/;

export function malformed(path: string, reason: string): ExecutionEngineError {
  return new ExecutionEngineError(ExecutionEngineErrorCode.MALFORMED_RESPONSE, {path, reason});
}

export function bytesToData(bytes: Uint8Array): string {
  return "0x" + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

/** DATA → bytes; `length` when the field has a fixed size, `maxLength` for a bounded list. */
export function dataToBytes(value: unknown, path: string, length?: number, maxLength?: number): Uint8Array {
  if (typeof value !== "string" || !DATA_RE.test(value)) throw malformed(path, "expected 0x-prefixed hex of whole bytes");
  const size = (value.length - 2) / 2;
  if (length !== undefined && size !== length) throw malformed(path, `expected ${length} bytes, got ${size}`);
  if (maxLength !== undefined && size > maxLength) throw malformed(path, `expected at most ${maxLength} bytes, got ${size}`);
  // A fresh Uint8Array, not a Buffer: small Buffers are views into a shared pool.
  return new Uint8Array(Buffer.from(value.slice(2), "hex"));
}

export function numberToQuantity(value: number | bigint): string {
  if (typeof value === "number" && !(Number.isSafeInteger(value) && value >= 0)) {
    throw new ExecutionEngineError(ExecutionEngineErrorCode.INVALID_REQUEST, {reason: `not a QUANTITY: ${value}`});
  }
  if (typeof value === "bigint" && value < 0n) {
    throw new ExecutionEngineError(ExecutionEngineErrorCode.INVALID_REQUEST, {reason: `not a QUANTITY: ${value}`});
  }
  return "0x" + value.toString(16);
}

/** QUANTITY → bigint, at most `bits` wide. Leading zeros are tolerated on input. */
export function quantityToBigint(value: unknown, path: string, bits = 256): bigint {
  if (typeof value !== "string" || !QUANTITY_RE.test(value)) throw malformed(path, "expected a 0x-prefixed hex QUANTITY");
  const n = BigInt(value);
  if (n >= 1n << BigInt(bits)) throw malformed(path, `QUANTITY over ${bits} bits`);
  return n;
}

/** A uint64 QUANTITY held as a JS number, as the SSZ types keep it: above 2**53 it could not round-trip. */
export function quantityToNumber(value: unknown, path: string): number {
  const n = quantityToBigint(value, path, 64);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw malformed(path, `QUANTITY ${n} exceeds 2**53 - 1`);
  return Number(n);
}

export function asObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw malformed(path, "expected an object");
  return value as Record<string, unknown>;
}

export function asArray(value: unknown, path: string, maxLength?: number): unknown[] {
  if (!Array.isArray(value)) throw malformed(path, "expected an array");
  if (maxLength !== undefined && value.length > maxLength) throw malformed(path, `expected at most ${maxLength} items, got ${value.length}`);
  return value;
}

export function asBoolean(value: unknown, path: string): boolean {
  if (typeof value !== "boolean") throw malformed(path, "expected a boolean");
  return value;
}
