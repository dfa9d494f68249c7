import {
  ArrayType,
  BitArrayType,
  BooleanType,
  ByteArrayType,
  CompatibleUnionType,
  ContainerType,
  ProgressiveContainerType,
  UintBigintType,
  UintNumberType,
  type Type,
} from "@chainsafe/ssz";
import {fromHex, toNumber} from "../../util/files.js";

/**
 * Converts a `value.yaml` (read with integers as bigint) into the value of `type`, following the
 * encoding of the spec's debug/encode.py: uints up to 64 bits are yaml integers, wider ones decimal
 * strings; bitfields and byte lists are 0x-hex; containers are maps by field name; a compatible
 * union is {selector, data}. Every mismatch between yaml and type throws, so that a wrong type
 * definition in this runner cannot pass unnoticed.
 */
export function yamlToValue(type: Type<unknown>, yaml: unknown, at = "value"): unknown {
  if (type instanceof BooleanType) {
    if (typeof yaml !== "boolean") throw new Error(`${at}: expected a boolean, got ${describe(yaml)}`);
    return yaml;
  }
  if (type instanceof UintNumberType) {
    return toNumber(integer(yaml, at));
  }
  if (type instanceof UintBigintType) {
    return integer(yaml, at);
  }
  if (type instanceof BitArrayType) {
    // encode.py writes a bitfield as its SSZ bytes, so the bitfield type's own decoding is the only
    // faithful reading of it (a bitlist's length is where its delimiter bit is).
    return type.deserialize(hexBytes(yaml, at));
  }
  if (type instanceof ByteArrayType) {
    return hexBytes(yaml, at);
  }
  if (type instanceof ArrayType) {
    if (!Array.isArray(yaml)) throw new Error(`${at}: expected a list, got ${describe(yaml)}`);
    const elementType = (type as ArrayType<Type<unknown>, unknown, unknown>).elementType;
    return yaml.map((item, i) => yamlToValue(elementType, item, `${at}[${i}]`));
  }
  if (type instanceof ContainerType || type instanceof ProgressiveContainerType) {
    return fieldsToValue(type.fields as Record<string, Type<unknown>>, yaml, at);
  }
  if (type instanceof CompatibleUnionType) {
    const map = asMap(yaml, at);
    expectKeys(map, ["selector", "data"], at);
    const selector = toNumber(integer(map.selector, `${at}.selector`));
    return {selector, data: yamlToValue(type.getType(selector), map.data, `${at}.data`)};
  }
  throw new Error(`${at}: no yaml conversion for type ${type.typeName}`);
}

function fieldsToValue(fields: Record<string, Type<unknown>>, yaml: unknown, at: string): Record<string, unknown> {
  const map = asMap(yaml, at);
  expectKeys(map, Object.keys(fields), at);
  const value: Record<string, unknown> = {};
  for (const [name, fieldType] of Object.entries(fields)) {
    value[name] = yamlToValue(fieldType, map[name], `${at}.${name}`);
  }
  return value;
}

function integer(yaml: unknown, at: string): bigint {
  if (typeof yaml === "bigint") return yaml;
  if (typeof yaml === "string" && /^\d+$/.test(yaml)) return BigInt(yaml);
  throw new Error(`${at}: expected an unsigned integer, got ${describe(yaml)}`);
}

function hexBytes(yaml: unknown, at: string): Uint8Array {
  if (typeof yaml !== "string" || !yaml.startsWith("0x")) throw new Error(`${at}: expected 0x-hex, got ${describe(yaml)}`);
  return fromHex(yaml);
}

function asMap(yaml: unknown, at: string): Record<string, unknown> {
  if (yaml === null || typeof yaml !== "object" || Array.isArray(yaml)) {
    throw new Error(`${at}: expected a map, got ${describe(yaml)}`);
  }
  return yaml as Record<string, unknown>;
}

/** The yaml must have exactly these keys: a missing or extra one means the type is defined wrong. */
function expectKeys(map: Record<string, unknown>, keys: string[], at: string): void {
  const got = Object.keys(map).sort().join(",");
  const want = [...keys].sort().join(",");
  if (got !== want) throw new Error(`${at}: fields ${got}, type has ${want}`);
}

function describe(yaml: unknown): string {
  return yaml === null ? "null" : Array.isArray(yaml) ? "a list" : typeof yaml;
}
