// initiate_validator_exit (phase0; electra queues by balance churn instead of by count).
import {FAR_FUTURE_EPOCH, ForkSeq} from "@hearth/params";
import type {CachedBeaconState} from "../types.js";
import {computeActivationExitEpoch, getCurrentEpoch} from "./epoch.js";
import {computeExitEpochAndUpdateChurn, getValidatorChurnLimit} from "./churn.js";

/** initiate_validator_exit */
export function initiateValidatorExit(cs: CachedBeaconState, index: number): void {
  const validator = cs.state.validators.get(index);
  if (validator.exitEpoch !== FAR_FUTURE_EPOCH) return;

  let exitQueueEpoch: number;
  if (ForkSeq[cs.fork] >= ForkSeq.electra) {
    exitQueueEpoch = computeExitEpochAndUpdateChurn(cs, validator.effectiveBalance);
  } else {
    // The exit queue is the latest exit epoch in use and how full it is. Pre-electra only; one pass.
    exitQueueEpoch = computeActivationExitEpoch(getCurrentEpoch(cs.state));
    // getAllReadonly sees uncommitted changes (this validator's view, an earlier exit of the block);
    // getAllReadonlyValues would throw on them.
    const validators = cs.state.validators.getAllReadonly();
    for (const v of validators) if (v.exitEpoch !== FAR_FUTURE_EPOCH && v.exitEpoch > exitQueueEpoch) exitQueueEpoch = v.exitEpoch;
    let churn = 0;
    for (const v of validators) if (v.exitEpoch === exitQueueEpoch) churn++;
    if (churn >= getValidatorChurnLimit(cs)) exitQueueEpoch += 1;
  }
  const withdrawableEpoch = exitQueueEpoch + cs.config.MIN_VALIDATOR_WITHDRAWABILITY_DELAY;
  // Epoch(exit_epoch + delay) raises on uint64 overflow. Epochs this close to 2**64 are not exact
  // as numbers (2**64 - 2 reads as 2**64), so anything at or past 2**64 is taken as overflow.
  if (withdrawableEpoch >= 2 ** 64) throw new Error("initiate_validator_exit: withdrawable epoch overflows uint64");
  validator.exitEpoch = exitQueueEpoch;
  validator.withdrawableEpoch = withdrawableEpoch;
}
