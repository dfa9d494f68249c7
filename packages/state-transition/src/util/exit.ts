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
    const validators = cs.state.validators.getAllReadonlyValues();
    for (const v of validators) if (v.exitEpoch !== FAR_FUTURE_EPOCH && v.exitEpoch > exitQueueEpoch) exitQueueEpoch = v.exitEpoch;
    let churn = 0;
    for (const v of validators) if (v.exitEpoch === exitQueueEpoch) churn++;
    if (churn >= getValidatorChurnLimit(cs)) exitQueueEpoch += 1;
  }
  validator.exitEpoch = exitQueueEpoch;
  validator.withdrawableEpoch = exitQueueEpoch + cs.config.MIN_VALIDATOR_WITHDRAWABILITY_DELAY;
}
