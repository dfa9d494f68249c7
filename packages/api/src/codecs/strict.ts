// SSZ types read JSON leniently: "1e3" reads as 1, "0xzz" as zero bytes, "-1" as -1. The API must
// answer such input with a 400, so a value read by an SSZ type is written back and compared with
// what was sent: anything that does not read back the same was not valid input.
import type {Codec} from "./codec.js";
import {isSszType, JsonDecodeError} from "./codec.js";

/** Reads `json` with `codec`, strictly. Throws JsonDecodeError naming the offending path. */
export function decodeJson<T>(codec: Codec<T>, json: unknown): T {
  if (!isSszType(codec)) return codec.fromJson(json);
  let value: T;
  try {
    value = codec.fromJson(json) as T;
  } catch (e) {
    if (e instanceof JsonDecodeError) throw e;
    throw locateError(codec, json, "") ?? new JsonDecodeError("", e instanceof Error ? e.message : String(e));
  }
  const mismatch = firstMismatch(json, codec.toJson(value), "");
  if (mismatch !== null) throw mismatch;
  return value;
}

function firstMismatch(sent: unknown, canonical: unknown, path: string): JsonDecodeError | null {
  if (typeof canonical === "string") {
    // SSZ JSON strings are 0x-hex or decimal uints; -1 and 1.5 read back as themselves
    if (sameScalar(sent, canonical) && (canonical.startsWith("0x") || /^\d+$/.test(canonical))) return null;
    return new JsonDecodeError(path, `invalid value ${short(sent)}${expectation(canonical)}`);
  }
  if (Array.isArray(canonical)) {
    if (!Array.isArray(sent) || sent.length !== canonical.length) {
      return new JsonDecodeError(path, `invalid value ${short(sent)}`);
    }
    for (let i = 0; i < canonical.length; i++) {
      const m = firstMismatch(sent[i], canonical[i], `${path}[${i}]`);
      if (m !== null) return m;
    }
    return null;
  }
  if (typeof canonical === "object" && canonical !== null) {
    if (typeof sent !== "object" || sent === null || Array.isArray(sent)) {
      return new JsonDecodeError(path, `expected an object, got ${short(sent)}`);
    }
    for (const [key, value] of Object.entries(canonical)) {
      const m = firstMismatch((sent as Record<string, unknown>)[key], value, path === "" ? key : `${path}.${key}`);
      if (m !== null) return m;
    }
    return null;
  }
  return sent === canonical ? null : new JsonDecodeError(path, `expected ${short(canonical)}, got ${short(sent)}`);
}

function sameScalar(sent: unknown, canonical: string): boolean {
  if (typeof sent === "number") return String(sent) === canonical;
  if (typeof sent !== "string") return false;
  if (sent === canonical) return true;
  // hex is case-insensitive (checksummed addresses), decimals are not
  return canonical.startsWith("0x") && sent.toLowerCase() === canonical;
}

function expectation(canonical: string): string {
  if (canonical.startsWith("0x")) return " (expected 0x-prefixed hex)";
  return " (expected a decimal integer string)";
}

function short(json: unknown): string {
  const s = JSON.stringify(json) ?? String(json);
  return s.length > 40 ? s.slice(0, 40) + "…" : s;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Where an SSZ type's fromJson failed: the type is walked beside the JSON (container fields by
 * their JSON names, list and vector items by index) down to the first value that does not read,
 * so that a 400 names the field. null when no part fails on its own.
 */
function locateError(type: any, json: unknown, path: string): JsonDecodeError | null {
  const at = (step: string): string => (path === "" ? step : step.startsWith("[") ? path + step : `${path}.${step}`);
  const fields = type?.fields as Record<string, any> | undefined;
  if (fields !== undefined && typeof type.fieldsEntries === "object") {
    if (typeof json !== "object" || json === null || Array.isArray(json)) return new JsonDecodeError(path, `expected an object, got ${short(json)}`);
    for (const entry of type.fieldsEntries as {fieldName: string; jsonKey: string; fieldType: any}[]) {
      const value = (json as Record<string, unknown>)[entry.jsonKey];
      if (value === undefined) return new JsonDecodeError(at(entry.jsonKey), "missing");
      const inner = locateError(entry.fieldType, value, at(entry.jsonKey));
      if (inner !== null) return inner;
    }
    return null;
  }
  const elementType = type?.elementType;
  if (elementType !== undefined && type.isBasic !== true && Array.isArray(json)) {
    for (let i = 0; i < json.length; i++) {
      const inner = locateError(elementType, json[i], at(`[${i}]`));
      if (inner !== null) return inner;
    }
  }
  try {
    type.fromJson(json);
    return null;
  } catch (e) {
    return new JsonDecodeError(path, `invalid value ${short(json)}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
