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
export function* validatorsJsonChunks(list: readonly ValidatorResponse[]): Generator<string | Uint8Array, void, Uint8Array | undefined> {
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
// Byte stores dominate, so they go four at a time through a DataView (unaligned stores are fine):
// constant text as 32-bit words, hex as one 32-bit word per two input bytes, decimals two digits
// per 16-bit store.

const CHUNK_BYTES = 1 << 20;
/** More than one item's JSON can take (~600 bytes with every number at 20 digits). */
const MAX_ITEM_BYTES = 1024;

/**
 * Constant ASCII text as 32-bit little-endian words, the last one padded with zeros: the padding is
 * written past the text's end and overwritten by whatever follows (each chunk has room to spare).
 */
interface Text {
  words: Uint32Array;
  length: number;
}

function text(s: string): Text {
  const bytes = Buffer.alloc(Math.ceil(s.length / 4) * 4);
  bytes.write(s, "latin1");
  const words = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < words.length; i++) words[i] = bytes.readUInt32LE(i * 4);
  return {words, length: s.length};
}

const INDEX = text('{"index":"');
const BALANCE = text('","balance":"');
const STATUS_TO_PUBKEY = VALIDATOR_STATUSES.map((s) => text(`","status":"${s}","validator":{"pubkey":"0x`));
const CREDENTIALS = text('","withdrawal_credentials":"0x');
const EFFECTIVE_BALANCE = text('","effective_balance":"');
const SLASHED_TO_ELIGIBILITY = [false, true].map((b) => text(`","slashed":${b},"activation_eligibility_epoch":"`));
const ACTIVATION = text('","activation_epoch":"');
const EXIT = text('","exit_epoch":"');
const WITHDRAWABLE = text('","withdrawable_epoch":"');
const END = text('"}}');
const U64_MAX_TEXT = text(UINT64_MAX);

/** Two input bytes (big-endian uint16) to their four hex digits as a little-endian word. */
const HEX4 = new Uint32Array(65536);
/** 0..99 to its two decimal digits as a little-endian uint16. */
const DIGITS2 = new Uint16Array(100);
{
  const hexDigit = (x: number): number => "0123456789abcdef".charCodeAt(x);
  for (let v = 0; v < 65536; v++) {
    HEX4[v] = (hexDigit(v >> 12) | (hexDigit((v >> 8) & 15) << 8) | (hexDigit((v >> 4) & 15) << 16) | (hexDigit(v & 15) << 24)) >>> 0;
  }
  for (let v = 0; v < 100; v++) DIGITS2[v] = (48 + Math.floor(v / 10)) | ((48 + (v % 10)) << 8);
}
const POW10 = Array.from({length: 17}, (_, i) => 10 ** i);

/** The chunk being written and its views. */
interface Sink {
  out: Buffer;
  dv: DataView;
}

function put(s: Sink, p: number, t: Text): number {
  const {words} = t;
  for (let i = 0; i < words.length; i++) s.dv.setUint32(p + i * 4, words[i], true);
  return p + t.length;
}

/** `count` bytes (even) of `src` from `at` as lowercase hex. */
function putHex(s: Sink, p: number, src: DataView, at: number, count: number): number {
  for (let k = 0; k < count; k += 2, p += 4) s.dv.setUint32(p, HEX4[src.getUint16(at + k, false)], true);
  return p;
}

/** A safe integer in decimal. */
function putUint(s: Sink, p: number, n: number): number {
  let len = 1;
  while (len < 16 && n >= POW10[len]) len++;
  let i = p + len;
  while (n >= 100) {
    const q = Math.floor(n / 100);
    i -= 2;
    s.dv.setUint16(i, DIGITS2[n - q * 100], true);
    n = q;
  }
  if (n >= 10) s.dv.setUint16(i - 2, DIGITS2[n], true);
  else s.out[i - 1] = 48 + n;
  return p + len;
}

/** A little-endian uint64 in decimal, as the codec writes the number it reads (2**64 - 1 as the maximum). */
function putU64(s: Sink, p: number, src: DataView, at: number): number {
  const lo = src.getUint32(at, true);
  const hi = src.getUint32(at + 4, true);
  if (hi === 0) return putUint(s, p, lo);
  if (hi === 0xffffffff && lo === 0xffffffff) return put(s, p, U64_MAX_TEXT);
  const n = hi * TWO_POW_32 + lo;
  if (n > Number.MAX_SAFE_INTEGER) return p + s.out.write(String(n), p, "latin1");
  return putUint(s, p, n);
}

function putItem(s: Sink, p: number, statuses: Uint8Array, validators: DataView, balances: DataView, index: number): number {
  const v = index * VALIDATOR_SSZ_SIZE;
  p = put(s, p, INDEX);
  p = putUint(s, p, index);
  p = put(s, p, BALANCE);
  p = putU64(s, p, balances, index * 8);
  p = put(s, p, STATUS_TO_PUBKEY[statuses[index]]);
  p = putHex(s, p, validators, v, 48);
  p = put(s, p, CREDENTIALS);
  p = putHex(s, p, validators, v + 48, 32);
  p = put(s, p, EFFECTIVE_BALANCE);
  p = putU64(s, p, validators, v + 80);
  p = put(s, p, SLASHED_TO_ELIGIBILITY[validators.getUint8(v + 88) === 0 ? 0 : 1]);
  p = putU64(s, p, validators, v + 89);
  p = put(s, p, ACTIVATION);
  p = putU64(s, p, validators, v + 97);
  p = put(s, p, EXIT);
  p = putU64(s, p, validators, v + 105);
  p = put(s, p, WITHDRAWABLE);
  p = putU64(s, p, validators, v + 113);
  return put(s, p, END);
}

function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

const viewOf = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** A chunk handed back through next() once written out, to be filled again: a fresh one otherwise. */
function chunkBuffer(recycled: Uint8Array | undefined): Buffer {
  const size = CHUNK_BYTES + MAX_ITEM_BYTES;
  if (recycled !== undefined && recycled.byteOffset === 0 && recycled.buffer.byteLength === size) return Buffer.from(recycled.buffer, 0, size);
  return Buffer.allocUnsafe(size);
}

/**
 * `[v0,v1,…]` as ~1 MB Buffers. A consumer that has written a chunk out may pass it back through
 * next(chunk): it is refilled rather than a new one allocated. Half a gigabyte of fresh Buffers
 * per response is external memory, and V8 answers it with full collections of a heap that holds
 * the states; a consumer that passes nothing back (for…of, spread) gets fresh chunks.
 */
function* registryJsonChunks(r: ValidatorRegistryBytes): Generator<Uint8Array | string, void, Uint8Array | undefined> {
  const n = registryLength(r);
  if (n === 0) {
    yield "[]";
    return;
  }
  const validators = viewOf(r.validators);
  const balances = viewOf(r.balances);
  const {indices, statuses} = r;
  let i = 0;
  let recycled: Uint8Array | undefined;
  while (i < n) {
    const out = chunkBuffer(recycled);
    const s: Sink = {out, dv: viewOf(out)};
    let p = 0;
    if (i === 0) out[p++] = 0x5b; // [
    while (i < n && p < CHUNK_BYTES) {
      if (i > 0) out[p++] = 0x2c; // ,
      p = putItem(s, p, statuses, validators, balances, indices === undefined ? i : indices[i]);
      i++;
    }
    if (i === n) out[p++] = 0x5d; // ]
    recycled = yield out.subarray(0, p);
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
