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

/** compute_exit_epoch_and_update_churn (electra) */
export function computeExitEpochAndUpdateChurn(cs: CachedBeaconState, exitBalance: number): number {
  const state = cs.state as BeaconStateElectra;
  let earliestExitEpoch = Math.max(state.earliestExitEpoch, computeActivationExitEpoch(getCurrentEpoch(state)));
  const perEpochChurn = getActivationExitChurnLimit(cs);
  // A new epoch for exits starts with a full churn allowance.
  let exitBalanceToConsume = state.earliestExitEpoch < earliestExitEpoch ? perEpochChurn : state.exitBalanceToConsume;
  if (exitBalance > exitBalanceToConsume) {
    const balanceToProcess = exitBalance - exitBalanceToConsume;
    const additionalEpochs = Math.floor((balanceToProcess - 1) / perEpochChurn) + 1;
    earliestExitEpoch += additionalEpochs;
    exitBalanceToConsume += additionalEpochs * perEpochChurn;
  }
  state.exitBalanceToConsume = exitBalanceToConsume - exitBalance;
  state.earliestExitEpoch = earliestExitEpoch;
  return earliestExitEpoch;
}

/** compute_consolidation_epoch_and_update_churn (electra) */
export function computeConsolidationEpochAndUpdateChurn(cs: CachedBeaconState, consolidationBalance: number): number {
  const state = cs.state as BeaconStateElectra;
  let earliestEpoch = Math.max(state.earliestConsolidationEpoch, computeActivationExitEpoch(getCurrentEpoch(state)));
  const perEpochChurn = getConsolidationChurnLimit(cs);
  let balanceToConsume = state.earliestConsolidationEpoch < earliestEpoch ? perEpochChurn : state.consolidationBalanceToConsume;
  if (consolidationBalance > balanceToConsume) {
    const balanceToProcess = consolidationBalance - balanceToConsume;
    const additionalEpochs = Math.floor((balanceToProcess - 1) / perEpochChurn) + 1;
    earliestEpoch += additionalEpochs;
    balanceToConsume += additionalEpochs * perEpochChurn;
  }
  state.consolidationBalanceToConsume = balanceToConsume - consolidationBalance;
  state.earliestConsolidationEpoch = earliestEpoch;
  return earliestEpoch;
}
