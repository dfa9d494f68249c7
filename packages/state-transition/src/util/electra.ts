// electra beacon-chain.md helpers for compounding credentials and pending partial withdrawals
// (EIP-7251): predicates, accessors and mutators shared by block and epoch processing.
import {COMPOUNDING_WITHDRAWAL_PREFIX, FAR_FUTURE_EPOCH, GENESIS_SLOT, MIN_ACTIVATION_BALANCE} from "@hearth/params";
import {electra, type phase0} from "@hearth/types";
import {G2_POINT_AT_INFINITY} from "@hearth/bls";
import type {BeaconStateElectra} from "../types.js";

/** is_compounding_withdrawal_credential */
export function isCompoundingWithdrawalCredential(withdrawalCredentials: Uint8Array): boolean {
  return withdrawalCredentials[0] === COMPOUNDING_WITHDRAWAL_PREFIX;
}

/** is_eligible_for_partial_withdrawals */
export function isEligibleForPartialWithdrawals(validator: phase0.Validator, balance: number): boolean {
  return validator.exitEpoch === FAR_FUTURE_EPOCH && validator.effectiveBalance >= MIN_ACTIVATION_BALANCE && balance > MIN_ACTIVATION_BALANCE;
}

/**
 * get_pending_balance_to_withdraw. The queue is walked as the spec does: it only holds requests of
 * compounding validators waiting out their withdrawability delay, so it stays short in practice.
 */
export function getPendingBalanceToWithdraw(state: BeaconStateElectra, validatorIndex: number): number {
  const pending = state.pendingPartialWithdrawals;
  let total = 0;
  for (let i = 0, n = pending.length; i < n; i++) {
    const withdrawal = pending.getReadonly(i);
    if (withdrawal.validatorIndex === validatorIndex) total += withdrawal.amount;
  }
  return total;
}

/** switch_to_compounding_validator */
export function switchToCompoundingValidator(state: BeaconStateElectra, index: number): void {
  const validator = state.validators.get(index);
  const credentials = validator.withdrawalCredentials.slice();
  credentials[0] = COMPOUNDING_WITHDRAWAL_PREFIX;
  validator.withdrawalCredentials = credentials;
  queueExcessActiveBalance(state, index);
}

/**
 * queue_excess_active_balance: the balance above MIN_ACTIVATION_BALANCE goes back through the deposit
 * queue, so that it is churned in like new stake. The placeholder signature and GENESIS_SLOT mark it
 * as not coming from a deposit request.
 */
export function queueExcessActiveBalance(state: BeaconStateElectra, index: number): void {
  const balance = state.balances.get(index);
  if (balance <= MIN_ACTIVATION_BALANCE) return;
  state.balances.set(index, MIN_ACTIVATION_BALANCE);
  const validator = state.validators.getReadonly(index);
  state.pendingDeposits.push(
    electra.PendingDeposit.toViewDU({
      pubkey: validator.pubkey,
      withdrawalCredentials: validator.withdrawalCredentials,
      amount: balance - MIN_ACTIVATION_BALANCE,
      signature: G2_POINT_AT_INFINITY,
      slot: GENESIS_SLOT,
    })
  );
}
