// Churn limits: phase0 get_validator_churn_limit, deneb get_validator_activation_churn_limit, and
// electra's balance-based churn (get_balance_churn_limit and the exit/consolidation queues).
import {EFFECTIVE_BALANCE_INCREMENT} from "@hearth/params";
import type {CachedBeaconState, BeaconStateElectra} from "../types.js";
import {computeActivationExitEpoch, getCurrentEpoch} from "./epoch.js";

/** get_validator_churn_limit */
export function getValidatorChurnLimit(cs: CachedBeaconState): number {
  const active = cs.epochCtx.currentShuffling.activeIndices.length;
  return Math.max(cs.config.MIN_PER_EPOCH_CHURN_LIMIT, Math.floor(active / cs.config.CHURN_LIMIT_QUOTIENT));
}

/** get_validator_activation_churn_limit (deneb) */
export function getValidatorActivationChurnLimit(cs: CachedBeaconState): number {
  return Math.min(cs.config.MAX_PER_EPOCH_ACTIVATION_CHURN_LIMIT, getValidatorChurnLimit(cs));
}

/** get_balance_churn_limit (electra) */
export function getBalanceChurnLimit(cs: CachedBeaconState): number {
  const churn = Math.max(cs.config.MIN_PER_EPOCH_CHURN_LIMIT_ELECTRA, Math.floor(cs.epochCtx.totalActiveBalance / cs.config.CHURN_LIMIT_QUOTIENT));
  return churn - (churn % EFFECTIVE_BALANCE_INCREMENT);
}

/** get_activation_exit_churn_limit (electra) */
export function getActivationExitChurnLimit(cs: CachedBeaconState): number {
  return Math.min(cs.config.MAX_PER_EPOCH_ACTIVATION_EXIT_CHURN_LIMIT, getBalanceChurnLimit(cs));
}

/** get_consolidation_churn_limit (electra) */
export function getConsolidationChurnLimit(cs: CachedBeaconState): number {
  return getBalanceChurnLimit(cs) - getActivationExitChurnLimit(cs);
}

/**
 * The queue arithmetic shared by exits and consolidations: a queue that starts in a new epoch gets a
 * full epoch of churn; a balance that does not fit spills into as many further epochs as it needs.
 */
function consumeChurn(
  queueEpoch: number,
  queueBalanceToConsume: number,
  currentEpoch: number,
  perEpochChurn: number,
  balance: number
): {epoch: number; balanceToConsume: number} {
  let epoch = Math.max(queueEpoch, computeActivationExitEpoch(currentEpoch));
  let balanceToConsume = queueEpoch < epoch ? perEpochChurn : queueBalanceToConsume;
  if (balance > balanceToConsume) {
    const additionalEpochs = Math.floor((balance - balanceToConsume - 1) / perEpochChurn) + 1;
    epoch += additionalEpochs;
    balanceToConsume += additionalEpochs * perEpochChurn;
  }
  return {epoch, balanceToConsume: balanceToConsume - balance};
}

/** compute_exit_epoch_and_update_churn (electra) */
export function computeExitEpochAndUpdateChurn(cs: CachedBeaconState, exitBalance: number): number {
  const state = cs.state as BeaconStateElectra;
  const {epoch, balanceToConsume} = consumeChurn(
    state.earliestExitEpoch,
    state.exitBalanceToConsume,
    getCurrentEpoch(state),
    getActivationExitChurnLimit(cs),
    exitBalance
  );
  state.exitBalanceToConsume = balanceToConsume;
  state.earliestExitEpoch = epoch;
  return epoch;
}

/** compute_consolidation_epoch_and_update_churn (electra) */
export function computeConsolidationEpochAndUpdateChurn(cs: CachedBeaconState, consolidationBalance: number): number {
  const state = cs.state as BeaconStateElectra;
  const {epoch, balanceToConsume} = consumeChurn(
    state.earliestConsolidationEpoch,
    state.consolidationBalanceToConsume,
    getCurrentEpoch(state),
    getConsolidationChurnLimit(cs),
    consolidationBalance
  );
  state.consolidationBalanceToConsume = balanceToConsume;
  state.earliestConsolidationEpoch = epoch;
  return epoch;
}
