// Reading one config value from its written form. Every scalar arrives as the exact text of the file
// (YAML is read with the failsafe schema) so that 0x-hex and 64-bit numbers never pass through a
// lossy JS number on the way in.
import type {BlobScheduleEntry, ChainConfigValue, UntypedConfigValue} from "./chainConfig.js";
import {ChainConfigError, ChainConfigErrorCode} from "./errors.js";
import {fromHex} from "./bytes.js";
import type {FieldKind} from "./schema.js";

const MAX_UINT64 = 2n ** 64n - 1n;
const MAX_UINT256 = 2n ** 256n - 1n;

function invalid(key: string, raw: unknown, why: string): ChainConfigError {
  const shown = typeof raw === "string" ? `"${raw}"` : JSON.stringify(raw);
  return new ChainConfigError(ChainConfigErrorCode.INVALID_VALUE, `Invalid value for ${key}: ${shown} ${why}`, key);
}

function readUnsigned(key: string, raw: unknown, max: bigint): bigint {
  if (typeof raw !== "string" || !/^[0-9]+$/.test(raw)) throw invalid(key, raw, "is not an unsigned decimal integer");
  const value = BigInt(raw);
  if (value > max) throw invalid(key, raw, `is above the maximum ${max}`);
  return value;
}

/** A uint64 that must stay exact as a JS number. */
export function readUint(key: string, raw: unknown): number {
  const value = readUnsigned(key, raw, MAX_UINT64);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid(key, raw, "is above 2**53 - 1, which Hearth holds as a number");
  return Number(value);
}

/** An epoch: like readUint, but FAR_FUTURE_EPOCH (2**64 - 1) means "never" and reads as Infinity. */
export function readEpoch(key: string, raw: unknown): number {
  const value = readUnsigned(key, raw, MAX_UINT64);
  if (value === MAX_UINT64) return Infinity;
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid(key, raw, "is above 2**53 - 1 and is not FAR_FUTURE_EPOCH");
  return Number(value);
}

function readBytes(key: string, raw: unknown, length: number): Uint8Array {
  if (typeof raw !== "string" || !/^0x[0-9a-fA-F]*$/.test(raw)) throw invalid(key, raw, "is not 0x-prefixed hex");
  if (raw.length !== 2 + 2 * length) throw invalid(key, raw, `is not ${length} bytes`);
  return fromHex(raw);
}

function readBlobSchedule(key: string, raw: unknown): BlobScheduleEntry[] {
  if (!Array.isArray(raw)) throw invalid(key, raw, "is not a list");
  const entries = raw.map((item: unknown, i): BlobScheduleEntry => {
    const at = `${key}[${i}]`;
    if (typeof item !== "object" || item === null || Array.isArray(item)) throw invalid(at, item, "is not a mapping");
    const fields = item as Record<string, unknown>;
    for (const field of Object.keys(fields)) {
      if (field !== "EPOCH" && field !== "MAX_BLOBS_PER_BLOCK") throw invalid(`${at}.${field}`, fields[field], "is not a blob schedule field");
    }
    if (!("EPOCH" in fields)) throw new ChainConfigError(ChainConfigErrorCode.MISSING_KEY, `${at} has no EPOCH`, `${at}.EPOCH`);
    if (!("MAX_BLOBS_PER_BLOCK" in fields)) {
      throw new ChainConfigError(ChainConfigErrorCode.MISSING_KEY, `${at} has no MAX_BLOBS_PER_BLOCK`, `${at}.MAX_BLOBS_PER_BLOCK`);
    }
    return {
      EPOCH: readEpoch(`${at}.EPOCH`, fields.EPOCH),
      MAX_BLOBS_PER_BLOCK: readUint(`${at}.MAX_BLOBS_PER_BLOCK`, fields.MAX_BLOBS_PER_BLOCK),
    };
  });
  // get_blob_parameters picks by epoch, so two entries at one epoch would make the answer ambiguous.
  const seen = new Set<number>();
  for (const entry of entries) {
    if (seen.has(entry.EPOCH)) throw invalid(key, raw, `has two entries for epoch ${entry.EPOCH}`);
    seen.add(entry.EPOCH);
  }
  return entries;
}

/** The value of a typed key, from its written form. Throws a ChainConfigError naming `key`. */
export function readValue(key: string, kind: FieldKind, raw: unknown): ChainConfigValue {
  switch (kind) {
    case "uint":
      return readUint(key, raw);
    case "epoch":
      return readEpoch(key, raw);
    case "uint256":
      return readUnsigned(key, raw, MAX_UINT256);
    case "bytes4":
      return readBytes(key, raw, 4);
    case "bytes20":
      return readBytes(key, raw, 20);
    case "bytes32":
      return readBytes(key, raw, 32);
    case "string":
      if (typeof raw !== "string" || raw === "") throw invalid(key, raw, "is not a non-empty string");
      return raw;
    case "blobSchedule":
      return readBlobSchedule(key, raw);
  }
}

/** A key Hearth does not type keeps its written form: strings, lists and mappings of strings. */
export function readUntyped(key: string, raw: unknown): UntypedConfigValue {
  if (typeof raw === "string") return raw;
  if (Array.isArray(raw)) return raw.map((item, i) => readUntyped(`${key}[${i}]`, item));
  if (typeof raw === "object" && raw !== null) {
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, readUntyped(`${key}.${k}`, v)]));
  }
  throw invalid(key, raw, "is not a string, list or mapping");
}
