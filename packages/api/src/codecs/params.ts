// Codecs for path, query and header parameters. A parameter arrives as the list of its raw
// values (a query key may repeat; `?id=1,2&id=3` is three ids) and is parsed into a typed value;
// a parse failure throws an Error whose message says what was expected.
import {FORK_NAMES, type ForkName} from "@hearth/params";
import {fromHex, toHex} from "@hearth/config";

export interface ParamCodec<T> {
  parse(raw: readonly string[]): T;
  /** The raw values to send; an empty list sends nothing. */
  format(value: T): string[];
}

/** A 0x-prefixed hex string, as the API writes roots and keys. */
export type HexString = `0x${string}`;

/** "head", "genesis", "finalized", "justified", a slot, or a 0x-prefixed state root. */
export type StateId = "head" | "genesis" | "finalized" | "justified" | number | HexString;
/** "head", "genesis", "finalized", a slot, or a 0x-prefixed block root. */
export type BlockId = "head" | "genesis" | "finalized" | number | HexString;
/** A validator index, or a 0x-prefixed BLS public key. */
export type ValidatorId = number | HexString;

function scalar<T>(parseOne: (raw: string) => T, formatOne: (value: T) => string): ParamCodec<T> {
  return {
    parse(raw) {
      if (raw.length !== 1) throw new Error(`expected one value, got ${raw.length}`);
      return parseOne(raw[0]);
    },
    format: (value) => [formatOne(value)],
  };
}

/** A list parameter: repeated keys and comma-separated values both count. */
export function listParam<T>(item: ParamCodec<T>): ParamCodec<T[]> {
  return {
    parse: (raw) =>
      raw
        .flatMap((r) => r.split(","))
        .map((r) => r.trim())
        .filter((r) => r !== "")
        .map((r) => item.parse([r])),
    format: (values) => values.flatMap((v) => item.format(v)),
  };
}

function quote(raw: string): string {
  return JSON.stringify(raw.length > 80 ? raw.slice(0, 80) + "…" : raw);
}

function parseUint(raw: string): number {
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw new Error(`expected a decimal uint64, got ${quote(raw)}`);
  }
  return Number(raw);
}

export const uintParam = scalar(parseUint, String);

export const bigUintParam = scalar<bigint>((raw) => {
  if (!/^\d+$/.test(raw) || BigInt(raw) >= 2n ** 64n) throw new Error(`expected a decimal uint64, got ${quote(raw)}`);
  return BigInt(raw);
}, String);

export function intParam(min: number, max: number): ParamCodec<number> {
  return scalar((raw) => {
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(n >= min && n <= max)) throw new Error(`expected an integer in [${min}, ${max}], got ${quote(raw)}`);
    return n;
  }, String);
}

/** Fixed-length bytes as 0x-prefixed hex (roots, signatures, graffiti). */
export function bytesParam(length: number): ParamCodec<Uint8Array> {
  const re = new RegExp(`^0x[0-9a-fA-F]{${length * 2}}$`);
  return scalar((raw) => {
    if (!re.test(raw)) throw new Error(`expected 0x-prefixed hex of ${length} bytes, got ${quote(raw)}`);
    return fromHex(raw);
  }, toHex);
}
export const rootParam = bytesParam(32);

export function enumParam<const T extends string>(values: readonly T[]): ParamCodec<T> {
  return scalar((raw) => {
    if (!(values as readonly string[]).includes(raw)) throw new Error(`expected one of ${values.join(", ")}, got ${quote(raw)}`);
    return raw as T;
  }, (v) => v);
}

export const forkNameParam: ParamCodec<ForkName> = enumParam(FORK_NAMES);

/** A flag present without a value (`?skip_randao_verification`); absent means false. */
export const flagParam: ParamCodec<boolean> = {
  parse(raw) {
    if (raw.some((r) => r !== "" && r !== "true")) throw new Error(`expected no value, got ${quote(raw.join(","))}`);
    return true;
  },
  format: (value) => (value ? [""] : []),
};

export const stringParam = scalar<string>((raw) => {
  if (raw === "") throw new Error("expected a non-empty string");
  return raw;
}, (v) => v);

const ROOT_HEX = /^0x[0-9a-fA-F]{64}$/;
const PUBKEY_HEX = /^0x[0-9a-fA-F]{96}$/;

function namedOrSlotOrRoot<N extends string>(names: readonly N[], what: string): ParamCodec<N | number | HexString> {
  return scalar(
    (raw) => {
      if ((names as readonly string[]).includes(raw)) return raw as N;
      if (/^\d+$/.test(raw) && Number.isSafeInteger(Number(raw))) return Number(raw);
      if (ROOT_HEX.test(raw)) return raw.toLowerCase() as HexString;
      throw new Error(`expected ${names.map((n) => `"${n}"`).join(", ")}, a slot or a 0x-prefixed ${what} root, got ${quote(raw)}`);
    },
    (v) => String(v),
  );
}

export const stateIdParam: ParamCodec<StateId> = namedOrSlotOrRoot(["head", "genesis", "finalized", "justified"], "state");
export const blockIdParam: ParamCodec<BlockId> = namedOrSlotOrRoot(["head", "genesis", "finalized"], "block");

export const validatorIdParam: ParamCodec<ValidatorId> = scalar(
  (raw) => {
    if (/^\d+$/.test(raw) && Number.isSafeInteger(Number(raw))) return Number(raw);
    if (PUBKEY_HEX.test(raw)) return raw.toLowerCase() as HexString;
    throw new Error(`expected a validator index or a 0x-prefixed 48-byte public key, got ${quote(raw)}`);
  },
  (v) => String(v),
);
