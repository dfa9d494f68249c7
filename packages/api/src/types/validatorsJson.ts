// The JSON of a validator list written directly, without building per-field JSON objects: on a
// mainnet registry (a million validators, ~470 MB of JSON) the generic codec spends seconds in
// toJson and cannot hold the result in one string. The output is exactly the codec's
// (ValidatorResponses.toJson then JSON.stringify); a unit test holds the two equal.
//
// A whole registry handed over as bytes (ValidatorRegistryBytes) is written straight into ~1 MB
// Buffers from the state's serialized validators and balances: no object per validator at all.
import {phase0} from "@hearth/types";
import {VALIDATOR_STATUSES, type ValidatorResponse} from "./beacon.js";
import {attachRegistryBytes, registryBytesOf, registryLength, VALIDATOR_SSZ_SIZE, type ValidatorRegistryBytes} from "./validatorsSsz.js";

/** Validators per chunk: ~1 MB of JSON. */
const CHUNK = 2000;
const UINT64_MAX = "18446744073709551615";
const TWO_POW_32 = 2 ** 32;

/** A uint64 held as a number, as the codec writes it (2**64 - 1 reads back as Infinity). */
function u64(n: number): string {
  return n === Infinity ? UINT64_MAX : String(n);
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

function validatorJson(r: ValidatorResponse): string {
  const v = r.validator;
  return (
    `{"index":"${r.index}","balance":"${r.balance}","status":"${r.status}","validator":{` +
    `"pubkey":"0x${hex(v.pubkey)}","withdrawal_credentials":"0x${hex(v.withdrawalCredentials)}",` +
    `"effective_balance":"${u64(v.effectiveBalance)}","slashed":${v.slashed},` +
    `"activation_eligibility_epoch":"${u64(v.activationEligibilityEpoch)}","activation_epoch":"${u64(v.activationEpoch)}",` +
    `"exit_epoch":"${u64(v.exitEpoch)}","withdrawable_epoch":"${u64(v.withdrawableEpoch)}"}}`
  );
}

/** `[v0,v1,…]` in chunks of ~1 MB; straight from the bytes when the list stands for a registry. */
export function* validatorsJsonChunks(list: readonly ValidatorResponse[]): Generator<string | Uint8Array> {
  const registry = registryBytesOf(list);
  if (registry !== undefined) {
    yield* registryJsonChunks(registry);
    return;
  }
  if (list.length === 0) {
    yield "[]";
    return;
  }
  for (let start = 0; start < list.length; start += CHUNK) {
    const end = Math.min(list.length, start + CHUNK);
    const parts = new Array<string>(end - start);
    for (let i = start; i < end; i++) parts[i - start] = validatorJson(list[i]);
    yield (start === 0 ? "[" : ",") + parts.join(",") + (end === list.length ? "]" : "");
  }
}

// ---- the registry written from its bytes ----

const CHUNK_BYTES = 1 << 20;
/** More than one item's JSON can take (~600 bytes with every number at 20 digits). */
const MAX_ITEM_BYTES = 1024;

const ascii = (s: string): Buffer => Buffer.from(s, "latin1");
const INDEX = ascii('{"index":"');
const BALANCE = ascii('","balance":"');
const STATUS_TO_PUBKEY = VALIDATOR_STATUSES.map((s) => ascii(`","status":"${s}","validator":{"pubkey":"0x`));
const CREDENTIALS = ascii('","withdrawal_credentials":"0x');
const EFFECTIVE_BALANCE = ascii('","effective_balance":"');
const SLASHED_TO_ELIGIBILITY = [false, true].map((b) => ascii(`","slashed":${b},"activation_eligibility_epoch":"`));
const ACTIVATION = ascii('","activation_epoch":"');
const EXIT = ascii('","exit_epoch":"');
const WITHDRAWABLE = ascii('","withdrawable_epoch":"');
const END = ascii('"}}');
const U64_MAX_BYTES = ascii(UINT64_MAX);
/** The two hex digits of each byte value. */
const HEX = ascii(Array.from({length: 256}, (_, b) => b.toString(16).padStart(2, "0")).join(""));
const POW10 = Array.from({length: 17}, (_, i) => 10 ** i);

function put(out: Buffer, p: number, bytes: Buffer): number {
  for (let i = 0; i < bytes.length; i++) out[p + i] = bytes[i];
  return p + bytes.length;
}

function putHex(out: Buffer, p: number, src: Buffer, from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const b = src[k] * 2;
    out[p++] = HEX[b];
    out[p++] = HEX[b + 1];
  }
  return p;
}

/** A little-endian uint64 in decimal, as the codec writes the number it reads (2**64 - 1 as the maximum). */
function putU64(out: Buffer, p: number, src: Buffer, at: number): number {
  const lo = src.readUInt32LE(at);
  const hi = src.readUInt32LE(at + 4);
  if (hi === 0xffffffff && lo === 0xffffffff) return put(out, p, U64_MAX_BYTES);
  let n = hi * TWO_POW_32 + lo;
  if (n > Number.MAX_SAFE_INTEGER) return p + out.write(String(n), p, "latin1");
  let len = 1;
  while (len < 16 && n >= POW10[len]) len++;
  for (let i = p + len - 1; i >= p; i--) {
    const q = Math.floor(n / 10);
    out[i] = 48 + n - q * 10;
    n = q;
  }
  return p + len;
}

function putUint(out: Buffer, p: number, n: number): number {
  let len = 1;
  while (len < 16 && n >= POW10[len]) len++;
  for (let i = p + len - 1; i >= p; i--) {
    const q = Math.floor(n / 10);
    out[i] = 48 + n - q * 10;
    n = q;
  }
  return p + len;
}

function putItem(out: Buffer, p: number, r: ValidatorRegistryBytes, validators: Buffer, balances: Buffer, index: number): number {
  const v = index * VALIDATOR_SSZ_SIZE;
  p = put(out, p, INDEX);
  p = putUint(out, p, index);
  p = put(out, p, BALANCE);
  p = putU64(out, p, balances, index * 8);
  p = put(out, p, STATUS_TO_PUBKEY[r.statuses[index]]);
  p = putHex(out, p, validators, v, v + 48);
  p = put(out, p, CREDENTIALS);
  p = putHex(out, p, validators, v + 48, v + 80);
  p = put(out, p, EFFECTIVE_BALANCE);
  p = putU64(out, p, validators, v + 80);
  p = put(out, p, SLASHED_TO_ELIGIBILITY[validators[v + 88] === 0 ? 0 : 1]);
  p = putU64(out, p, validators, v + 89);
  p = put(out, p, ACTIVATION);
  p = putU64(out, p, validators, v + 97);
  p = put(out, p, EXIT);
  p = putU64(out, p, validators, v + 105);
  p = put(out, p, WITHDRAWABLE);
  p = putU64(out, p, validators, v + 113);
  return put(out, p, END);
}

function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

/** `[v0,v1,…]` as fresh ~1 MB Buffers: each is handed to the socket, so none is reused. */
function* registryJsonChunks(r: ValidatorRegistryBytes): Generator<Uint8Array | string> {
  const n = registryLength(r);
  if (n === 0) {
    yield "[]";
    return;
  }
  const validators = asBuffer(r.validators);
  const balances = asBuffer(r.balances);
  const {indices} = r;
  let i = 0;
  while (i < n) {
    const out = Buffer.allocUnsafe(CHUNK_BYTES + MAX_ITEM_BYTES);
    let p = 0;
    if (i === 0) out[p++] = 0x5b; // [
    while (i < n && p < CHUNK_BYTES) {
      if (i > 0) out[p++] = 0x2c; // ,
      p = putItem(out, p, r, validators, balances, indices === undefined ? i : indices[i]);
      i++;
    }
    if (i === n) out[p++] = 0x5d; // ]
    yield out.subarray(0, p);
  }
}

function responseAt(r: ValidatorRegistryBytes, i: number): ValidatorResponse {
  const index = r.indices === undefined ? i : r.indices[i];
  const balances = asBuffer(r.balances);
  const lo = balances.readUInt32LE(index * 8);
  const hi = balances.readUInt32LE(index * 8 + 4);
  return {
    index,
    balance: hi === 0xffffffff && lo === 0xffffffff ? Infinity : hi * TWO_POW_32 + lo,
    status: VALIDATOR_STATUSES[r.statuses[index]],
    // through a plain Uint8Array: from a Buffer, ssz would hand out Buffer slices
    validator: phase0.Validator.deserialize(new Uint8Array(r.validators.buffer, r.validators.byteOffset + index * VALIDATOR_SSZ_SIZE, VALIDATOR_SSZ_SIZE)),
  };
}

const isIndex = (key: string | symbol): key is string => typeof key === "string" && /^(0|[1-9]\d*)$/.test(key);

/**
 * A registry's validators as a ValidatorResponse[] that builds an item only when one is read: the
 * server's writers see the bytes behind it (registryBytesOf) and never read items; any other reader
 * (map, for…of, index) gets the same values the generic path would have built.
 */
export function validatorResponsesFromBytes(registry: ValidatorRegistryBytes): ValidatorResponse[] {
  const length = registryLength(registry);
  const list = new Proxy([] as ValidatorResponse[], {
    get(target, key, receiver) {
      if (key === "length") return length;
      if (isIndex(key)) return Number(key) < length ? responseAt(registry, Number(key)) : undefined;
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (isIndex(key)) return Number(key) < length;
      return Reflect.has(target, key);
    },
  });
  attachRegistryBytes(list, registry);
  return list;
}
