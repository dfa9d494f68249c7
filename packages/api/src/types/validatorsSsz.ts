// The SSZ of a validator list written directly: each item is fixed-size (index, balance, status,
// Validator = 138 bytes), so the list is one buffer filled field by field, without the per-item
// objects the generic serializer needs. Equal to ValidatorResponseSszList.serialize (a unit test
// holds the two equal).
//
// A whole registry (a million validators on mainnet) need not be objects at all: the node hands
// over the state's serialized validators and balances (ValidatorRegistryBytes) and each item is
// copied from them.
import type {ValidatorResponse} from "./beacon.js";

/** phase0.Validator in SSZ: pubkey 48, withdrawal_credentials 32, effective_balance 8, slashed 1, four epochs 8 each. */
export const VALIDATOR_SSZ_SIZE = 48 + 32 + 8 + 1 + 8 * 4;
export const VALIDATOR_RESPONSE_SSZ_SIZE = 8 + 8 + 1 + VALIDATOR_SSZ_SIZE;
const TWO_POW_32 = 2 ** 32;

/** Validators read straight from a state's serialized registry. */
export interface ValidatorRegistryBytes {
  /** SSZ of the state's List[Validator]: VALIDATOR_SSZ_SIZE bytes per validator. */
  validators: Uint8Array;
  /** SSZ of the state's balances: 8 bytes per validator. */
  balances: Uint8Array;
  /** Each validator's status as its position in VALIDATOR_STATUSES. */
  statuses: Uint8Array;
  /** The validators to show, in order; every one when absent. */
  indices?: Uint32Array;
}

/** Lists that stand for a ValidatorRegistryBytes (see validatorResponsesFromBytes), to their bytes. */
const registries = new WeakMap<object, ValidatorRegistryBytes>();

export function attachRegistryBytes(list: object, registry: ValidatorRegistryBytes): void {
  registries.set(list, registry);
}

export function registryBytesOf(list: object): ValidatorRegistryBytes | undefined {
  return registries.get(list);
}

export function registryLength(r: ValidatorRegistryBytes): number {
  return r.indices?.length ?? r.statuses.length;
}

function writeU64(view: DataView, at: number, n: number): void {
  if (n === Infinity) {
    view.setUint32(at, 0xffffffff, true);
    view.setUint32(at + 4, 0xffffffff, true);
    return;
  }
  view.setUint32(at, n % TWO_POW_32, true);
  view.setUint32(at + 4, Math.floor(n / TWO_POW_32), true);
}

/**
 * Each item: index, balance, status, then the validator's bytes as they are. Copied 32 bits at a
 * time through DataViews: a native copy call per 121-byte item costs more than the copy itself.
 */
function serializeRegistryBytes(r: ValidatorRegistryBytes): Uint8Array {
  const n = registryLength(r);
  const out = new Uint8Array(n * VALIDATOR_RESPONSE_SSZ_SIZE);
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const validators = new DataView(r.validators.buffer, r.validators.byteOffset, r.validators.byteLength);
  const balances = new DataView(r.balances.buffer, r.balances.byteOffset, r.balances.byteLength);
  const {indices, statuses} = r;
  const words = VALIDATOR_SSZ_SIZE >> 2;
  let at = 0;
  for (let i = 0; i < n; i++) {
    const index = indices === undefined ? i : indices[i];
    dv.setUint32(at, index, true);
    dv.setUint32(at + 4, 0, true);
    dv.setUint32(at + 8, balances.getUint32(index * 8, true), true);
    dv.setUint32(at + 12, balances.getUint32(index * 8 + 4, true), true);
    out[at + 16] = statuses[index];
    const from = index * VALIDATOR_SSZ_SIZE;
    const to = at + 17;
    for (let w = 0; w < words; w++) dv.setUint32(to + w * 4, validators.getUint32(from + w * 4, true), true);
    out[to + VALIDATOR_SSZ_SIZE - 1] = validators.getUint8(from + VALIDATOR_SSZ_SIZE - 1);
    at += VALIDATOR_RESPONSE_SSZ_SIZE;
  }
  return out;
}

export function serializeValidatorResponses(list: readonly ValidatorResponse[], statusIndex: (status: ValidatorResponse["status"]) => number): Uint8Array {
  const registry = registryBytesOf(list);
  if (registry !== undefined) return serializeRegistryBytes(registry);
  const out = new Uint8Array(list.length * VALIDATOR_RESPONSE_SSZ_SIZE);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const r of list) {
    const v = r.validator;
    writeU64(view, at, r.index);
    writeU64(view, at + 8, r.balance);
    out[at + 16] = statusIndex(r.status);
    out.set(v.pubkey, at + 17);
    out.set(v.withdrawalCredentials, at + 65);
    writeU64(view, at + 97, v.effectiveBalance);
    out[at + 105] = v.slashed ? 1 : 0;
    writeU64(view, at + 106, v.activationEligibilityEpoch);
    writeU64(view, at + 114, v.activationEpoch);
    writeU64(view, at + 122, v.exitEpoch);
    writeU64(view, at + 130, v.withdrawableEpoch);
    at += VALIDATOR_RESPONSE_SSZ_SIZE;
  }
  return out;
}
