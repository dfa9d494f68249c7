// process_registry_updates: phase0 (activation queue bounded by the churn limit), deneb (by the
// activation churn limit, EIP-7514) and electra (one loop; activations bounded by the balance churn
// that process_pending_deposits already applied).
import {ForkSeq} from "@hearth/params";
import type {CachedBeaconState} from "../types.js";
import {computeActivationExitEpoch} from "../util/epoch.js";
import {isActiveValidator, isEligibleForActivation, isEligibleForActivationQueue} from "../util/validator.js";
import {initiateValidatorExit} from "../util/exit.js";
import {getValidatorActivationChurnLimit, getValidatorChurnLimit} from "../util/churn.js";
import {beforeProcessEpoch, type EpochTransitionCache} from "./epochTransitionCache.js";

/**
 * process_registry_updates. Only the cache's candidates are visited: a validator outside them is
 * already eligible and activated, and is not up for ejection, so no branch of the spec's loop
 * touches it. Candidates are re-read from the state, in index order as the spec's loop.
 */
export function processRegistryUpdates(cs: CachedBeaconState, cache?: EpochTransitionCache): void {
  const c = cache ?? beforeProcessEpoch(cs);
  const {state, fork} = cs;
  const currentEpoch = c.currentEpoch;
  const ejectionBalance = cs.config.EJECTION_BALANCE;
  // The finalized checkpoint as process_justification_and_finalization left it.
  const finalizedEpoch = state.finalizedCheckpoint.epoch;

  if (ForkSeq[fork] >= ForkSeq.electra) {
    const activationEpoch = computeActivationExitEpoch(currentEpoch);
    for (const i of c.registryCandidates) {
      const v = state.validators.getReadonly(i);
      if (isEligibleForActivationQueue(v, fork)) {
        state.validators.get(i).activationEligibilityEpoch = currentEpoch + 1;
      } else if (isActiveValidator(v, currentEpoch) && v.effectiveBalance <= ejectionBalance) {
        initiateValidatorExit(cs, i);
      } else if (isEligibleForActivation(v, finalizedEpoch)) {
        state.validators.get(i).activationEpoch = activationEpoch;
      }
    }
    return;
  }

  // Process activation eligibility and ejections
  for (const i of c.registryCandidates) {
    const v = state.validators.getReadonly(i);
    if (isEligibleForActivationQueue(v, fork)) state.validators.get(i).activationEligibilityEpoch = currentEpoch + 1;
    if (isActiveValidator(v, currentEpoch) && v.effectiveBalance <= ejectionBalance) initiateValidatorExit(cs, i);
  }

  // Queue validators eligible for activation and not yet dequeued, by eligibility epoch then index.
  const queue: {index: number; eligibility: number}[] = [];
  for (const i of c.registryCandidates) {
    const v = state.validators.getReadonly(i);
    if (isEligibleForActivation(v, finalizedEpoch)) queue.push({index: i, eligibility: v.activationEligibilityEpoch});
  }
  queue.sort((a, b) => a.eligibility - b.eligibility || a.index - b.index);
  const churnLimit = ForkSeq[fork] >= ForkSeq.deneb ? getValidatorActivationChurnLimit(cs) : getValidatorChurnLimit(cs);
  const activationEpoch = computeActivationExitEpoch(currentEpoch);
  for (const {index} of queue.slice(0, churnLimit)) state.validators.get(index).activationEpoch = activationEpoch;
}
