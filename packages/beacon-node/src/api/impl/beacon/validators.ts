// Validators of a state as the Beacon API shows them: by index or public key, with the status of
// the validator status spec the API references (https://hackmd.io/ofFJ5gOmQpu1jjHilHbdQQ).
import type {ValidatorId, ValidatorResponse, ValidatorStatus, ValidatorStatusFilter} from "@hearth/api";
import {FAR_FUTURE_EPOCH} from "@hearth/params";
import {fromHex} from "@hearth/config";
import {util, type CachedBeaconState} from "@hearth/state-transition";
import type {phase0} from "@hearth/types";

export function getValidatorStatus(v: phase0.Validator, balance: number, epoch: number): ValidatorStatus {
  if (v.activationEpoch > epoch) {
    return v.activationEligibilityEpoch === FAR_FUTURE_EPOCH ? "pending_initialized" : "pending_queued";
  }
  if (epoch < v.exitEpoch) {
    if (v.exitEpoch === FAR_FUTURE_EPOCH) return "active_ongoing";
    return v.slashed ? "active_slashed" : "active_exiting";
  }
  if (epoch < v.withdrawableEpoch) return v.slashed ? "exited_slashed" : "exited_unslashed";
  return balance !== 0 ? "withdrawal_possible" : "withdrawal_done";
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
  const out: ValidatorResponse[] = [];
  const keep = (response: ValidatorResponse): void => {
    if (filters === null || matchesFilter(response.status, filters)) out.push(response);
  };
  if (ids !== undefined && ids.length > 0) {
    const seen = new Set<number>();
    for (const id of ids) {
      const index = validatorIndexOf(cs, id);
      if (index === null || seen.has(index)) continue;
      seen.add(index);
      keep(validatorResponse(cs, index, epoch));
    }
    return out;
  }
  // the whole registry: read it once rather than node by node
  const validators = cs.state.validators.getAllReadonlyValues();
  const balances = cs.state.balances.getAll();
  for (let index = 0; index < validators.length; index++) {
    const validator = validators[index];
    keep({index, balance: balances[index], status: getValidatorStatus(validator, balances[index], epoch), validator});
  }
  return out;
}
