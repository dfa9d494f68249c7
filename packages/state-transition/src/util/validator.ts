// Validator predicates of phase0 beacon-chain.md "Predicates", with the capella and electra changes.
import {
  COMPOUNDING_WITHDRAWAL_PREFIX,
  ETH1_ADDRESS_WITHDRAWAL_PREFIX,
  FAR_FUTURE_EPOCH,
  ForkSeq,
  MAX_EFFECTIVE_BALANCE,
  MAX_EFFECTIVE_BALANCE_ELECTRA,
  MIN_ACTIVATION_BALANCE,
  type ForkName,
} from "@hearth/params";
import type {phase0} from "@hearth/types";

type Validator = phase0.Validator;

/** is_active_validator */
export function isActiveValidator(v: Validator, epoch: number): boolean {
  return v.activationEpoch <= epoch && epoch < v.exitEpoch;
}

/** is_slashable_validator */
export function isSlashableValidator(v: Validator, epoch: number): boolean {
  return !v.slashed && v.activationEpoch <= epoch && epoch < v.withdrawableEpoch;
}

/** is_eligible_for_activation_queue (phase0; electra compares against MIN_ACTIVATION_BALANCE, the same 32 ETH) */
export function isEligibleForActivationQueue(v: Validator, fork: ForkName): boolean {
  const threshold = ForkSeq[fork] >= ForkSeq.electra ? MIN_ACTIVATION_BALANCE : MAX_EFFECTIVE_BALANCE;
  return v.activationEligibilityEpoch === FAR_FUTURE_EPOCH && v.effectiveBalance >= threshold;
}

/** is_eligible_for_activation */
export function isEligibleForActivation(v: Validator, finalizedEpoch: number): boolean {
  return v.activationEligibilityEpoch <= finalizedEpoch && v.activationEpoch === FAR_FUTURE_EPOCH;
}

/** has_eth1_withdrawal_credential (capella) */
export function hasEth1WithdrawalCredential(withdrawalCredentials: Uint8Array): boolean {
  return withdrawalCredentials[0] === ETH1_ADDRESS_WITHDRAWAL_PREFIX;
}

/** has_compounding_withdrawal_credential (electra) */
export function hasCompoundingWithdrawalCredential(withdrawalCredentials: Uint8Array): boolean {
  return withdrawalCredentials[0] === COMPOUNDING_WITHDRAWAL_PREFIX;
}

/** has_execution_withdrawal_credential (electra) */
export function hasExecutionWithdrawalCredential(withdrawalCredentials: Uint8Array): boolean {
  return hasCompoundingWithdrawalCredential(withdrawalCredentials) || hasEth1WithdrawalCredential(withdrawalCredentials);
}

/** get_max_effective_balance (electra) */
export function getMaxEffectiveBalance(withdrawalCredentials: Uint8Array): number {
  return hasCompoundingWithdrawalCredential(withdrawalCredentials) ? MAX_EFFECTIVE_BALANCE_ELECTRA : MIN_ACTIVATION_BALANCE;
}

/**
 * is_fully_withdrawable_validator: capella needs an eth1 credential, electra any execution credential.
 */
export function isFullyWithdrawableValidator(v: Validator, balance: number, epoch: number, fork: ForkName): boolean {
  const hasCredential =
    ForkSeq[fork] >= ForkSeq.electra
      ? hasExecutionWithdrawalCredential(v.withdrawalCredentials)
      : hasEth1WithdrawalCredential(v.withdrawalCredentials);
  return hasCredential && v.withdrawableEpoch <= epoch && balance > 0;
}

/**
 * is_partially_withdrawable_validator: capella against MAX_EFFECTIVE_BALANCE, electra against the
 * validator's own maximum.
 */
export function isPartiallyWithdrawableValidator(v: Validator, balance: number, fork: ForkName): boolean {
  if (ForkSeq[fork] >= ForkSeq.electra) {
    const max = getMaxEffectiveBalance(v.withdrawalCredentials);
    return hasExecutionWithdrawalCredential(v.withdrawalCredentials) && v.effectiveBalance === max && balance > max;
  }
  return (
    hasEth1WithdrawalCredential(v.withdrawalCredentials) && v.effectiveBalance === MAX_EFFECTIVE_BALANCE && balance > MAX_EFFECTIVE_BALANCE
  );
}
