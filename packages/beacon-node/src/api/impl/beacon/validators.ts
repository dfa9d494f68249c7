// Validators of a state as the Beacon API shows them: by index or public key, with the status of
// the validator status spec the API references (https://hackmd.io/ofFJ5gOmQpu1jjHilHbdQQ).
import {
  VALIDATOR_SSZ_SIZE,
  VALIDATOR_STATUSES,
  validatorResponsesFromBytes,
  type ValidatorId,
  type ValidatorResponse,
  type ValidatorStatus,
  type ValidatorStatusFilter,
} from "@hearth/api";
import {FAR_FUTURE_EPOCH} from "@hearth/params";
import {fromHex} from "@hearth/config";
import {util, type CachedBeaconState} from "@hearth/state-transition";
import type {phase0} from "@hearth/types";
import {serializedBalances, serializedValidators} from "../serializedState.js";

/** The status from a validator's epochs (FAR_FUTURE_EPOCH as Infinity), on plain numbers. */
export function validatorStatusOf(
  activationEligibilityEpoch: number,
  activationEpoch: number,
  exitEpoch: number,
  withdrawableEpoch: number,
  slashed: boolean,
  balance: number,
  epoch: number,
): ValidatorStatus {
  if (activationEpoch > epoch) {
    return activationEligibilityEpoch === FAR_FUTURE_EPOCH ? "pending_initialized" : "pending_queued";
  }
  if (epoch < exitEpoch) {
    if (exitEpoch === FAR_FUTURE_EPOCH) return "active_ongoing";
    return slashed ? "active_slashed" : "active_exiting";
  }
  if (epoch < withdrawableEpoch) return slashed ? "exited_slashed" : "exited_unslashed";
  return balance !== 0 ? "withdrawal_possible" : "withdrawal_done";
}

export function getValidatorStatus(v: phase0.Validator, balance: number, epoch: number): ValidatorStatus {
  return validatorStatusOf(v.activationEligibilityEpoch, v.activationEpoch, v.exitEpoch, v.withdrawableEpoch, v.slashed, balance, epoch);
}

const STATUS_INDEX = new Map<ValidatorStatus, number>(VALIDATOR_STATUSES.map((s, i) => [s, i]));

/** A little-endian uint64 as ssz's UintNum64 reads it: 2**64 - 1 (FAR_FUTURE_EPOCH) as Infinity. */
function readU64(view: DataView, at: number): number {
  const lo = view.getUint32(at, true);
  const hi = view.getUint32(at + 4, true);
  return hi === 0xffffffff && lo === 0xffffffff ? Infinity : hi * 2 ** 32 + lo;
}

/** Each validator's status, as its position in VALIDATOR_STATUSES, read from the SSZ of the registry and balances. */
export function registryStatuses(validators: Uint8Array, balances: Uint8Array, epoch: number): Uint8Array {
  const count = validators.length / VALIDATOR_SSZ_SIZE;
  const v = new DataView(validators.buffer, validators.byteOffset, validators.byteLength);
  const b = new DataView(balances.buffer, balances.byteOffset, balances.byteLength);
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    // after pubkey 48, withdrawal_credentials 32, effective_balance 8: slashed, then the four epochs
    const at = i * VALIDATOR_SSZ_SIZE + 88;
    const status = validatorStatusOf(readU64(v, at + 1), readU64(v, at + 9), readU64(v, at + 17), readU64(v, at + 25), v.getUint8(at) !== 0, readU64(b, i * 8), epoch);
    out[i] = STATUS_INDEX.get(status) as number;
  }
  return out;
}

/** Whether `status` passes a filter list that may name statuses or their groups ("active", …). */
function matchesFilter(status: ValidatorStatus, filters: ReadonlySet<ValidatorStatusFilter>): boolean {
  return filters.has(status) || filters.has(status.slice(0, status.indexOf("_")) as ValidatorStatusFilter);
}

/** The index of a validator id in `state`, or null when the state has no such validator. */
export function validatorIndexOf(cs: CachedBeaconState, id: ValidatorId): number | null {
  if (typeof id === "number") return id < cs.state.validators.length ? id : null;
  return cs.epochCtx.pubkeyCache.getIndex(cs.state, fromHex(id));
}

export function validatorResponse(cs: CachedBeaconState, index: number, epoch = util.getCurrentEpoch(cs.state)): ValidatorResponse {
  const validator = cs.state.validators.getReadonly(index).toValue();
  const balance = cs.state.balances.get(index);
  return {index, balance, status: getValidatorStatus(validator, balance, epoch), validator};
}

/**
 * The validators named by `ids` (every validator when none are given) whose status passes
 * `statuses`; ids the state does not know are left out, as the spec allows.
 */
export function filterValidators(cs: CachedBeaconState, ids?: ValidatorId[], statuses?: ValidatorStatusFilter[]): ValidatorResponse[] {
  const epoch = util.getCurrentEpoch(cs.state);
  const filters = statuses !== undefined && statuses.length > 0 ? new Set(statuses) : null;
  if (ids !== undefined && ids.length > 0) {
    const out: ValidatorResponse[] = [];
    const seen = new Set<number>();
    for (const id of ids) {
      const index = validatorIndexOf(cs, id);
      if (index === null || seen.has(index)) continue;
      seen.add(index);
      // the status from the tree view's fields first: a value only for a validator that is kept
      const v = cs.state.validators.getReadonly(index);
      const balance = cs.state.balances.get(index);
      const status = validatorStatusOf(v.activationEligibilityEpoch, v.activationEpoch, v.exitEpoch, v.withdrawableEpoch, v.slashed, balance, epoch);
      if (filters === null || matchesFilter(status, filters)) out.push({index, balance, status, validator: v.toValue()});
    }
    return out;
  }
  // the whole registry: from its bytes, without an object per validator
  const validators = serializedValidators(cs);
  const balances = serializedBalances(cs);
  const statusIndices = registryStatuses(validators, balances, epoch);
  let indices: Uint32Array | undefined;
  if (filters !== null) {
    const passes = VALIDATOR_STATUSES.map((s) => matchesFilter(s, filters));
    let count = 0;
    for (let i = 0; i < statusIndices.length; i++) if (passes[statusIndices[i]]) count++;
    indices = new Uint32Array(count);
    for (let i = 0, j = 0; i < statusIndices.length; i++) if (passes[statusIndices[i]]) indices[j++] = i;
  }
  return validatorResponsesFromBytes({validators, balances, statuses: statusIndices, indices});
}
