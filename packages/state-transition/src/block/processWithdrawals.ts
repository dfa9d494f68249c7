// Withdrawals: capella beacon-chain.md "Block processing" (get_expected_withdrawals, process_withdrawals)
// and electra's pending partial withdrawals (EIP-7251).
import {
  ForkSeq,
  MAX_EFFECTIVE_BALANCE,
  MAX_PENDING_PARTIALS_PER_WITHDRAWALS_SWEEP,
  MAX_VALIDATORS_PER_WITHDRAWALS_SWEEP,
  MAX_WITHDRAWALS_PER_PAYLOAD,
  MIN_ACTIVATION_BALANCE,
} from "@hearth/params";
import {capella} from "@hearth/types";
import type {BeaconStateAllForks, BeaconStateCapella, BeaconStateElectra, CachedBeaconState} from "../types.js";
import {getCurrentEpoch} from "../util/epoch.js";
import {decreaseBalance} from "../util/balance.js";
import {getMaxEffectiveBalance, isFullyWithdrawableValidator, isPartiallyWithdrawableValidator} from "../util/validator.js";
import {isEligibleForPartialWithdrawals} from "../util/electra.js";

type Withdrawal = capella.Withdrawal;

/** ExpectedWithdrawals (capella; electra adds processed_partial_withdrawals_count, 0 before electra). */
export interface ExpectedWithdrawals {
  withdrawals: Withdrawal[];
  processedPartialWithdrawalsCount: number;
  processedSweepWithdrawalsCount: number;
}

/** get_balance_after_withdrawals, over prior_withdrawals + withdrawals without joining the two lists. */
function getBalanceAfterWithdrawals(state: BeaconStateAllForks, validatorIndex: number, prior: Withdrawal[], current: Withdrawal[]): number {
  let withdrawn = 0;
  for (const w of prior) if (w.validatorIndex === validatorIndex) withdrawn += w.amount;
  for (const w of current) if (w.validatorIndex === validatorIndex) withdrawn += w.amount;
  return state.balances.get(validatorIndex) - withdrawn;
}

/** ExecutionAddress(withdrawal_credentials[12:]) */
function withdrawalAddress(withdrawalCredentials: Uint8Array): Uint8Array {
  return withdrawalCredentials.slice(12);
}

/** get_pending_partial_withdrawals (electra) */
function getPendingPartialWithdrawals(
  state: BeaconStateElectra,
  withdrawalIndex: number,
  priorWithdrawals: Withdrawal[]
): {withdrawals: Withdrawal[]; withdrawalIndex: number; processedCount: number} {
  const epoch = getCurrentEpoch(state);
  const withdrawalsLimit = Math.min(priorWithdrawals.length + MAX_PENDING_PARTIALS_PER_WITHDRAWALS_SWEEP, MAX_WITHDRAWALS_PER_PAYLOAD - 1);
  if (priorWithdrawals.length > withdrawalsLimit) throw new Error("get_pending_partial_withdrawals: prior withdrawals over the limit");

  let processedCount = 0;
  const withdrawals: Withdrawal[] = [];
  const pending = state.pendingPartialWithdrawals;
  for (let i = 0, n = pending.length; i < n; i++) {
    const withdrawal = pending.getReadonly(i);
    // The queue is ordered by withdrawable epoch, so the first one not yet due ends the walk.
    if (withdrawal.withdrawableEpoch > epoch || priorWithdrawals.length + withdrawals.length >= withdrawalsLimit) break;

    const validatorIndex = withdrawal.validatorIndex;
    const validator = state.validators.getReadonly(validatorIndex);
    const balance = getBalanceAfterWithdrawals(state, validatorIndex, priorWithdrawals, withdrawals);
    if (isEligibleForPartialWithdrawals(validator, balance)) {
      withdrawals.push({
        index: withdrawalIndex,
        validatorIndex,
        address: withdrawalAddress(validator.withdrawalCredentials),
        amount: Math.min(balance - MIN_ACTIVATION_BALANCE, withdrawal.amount),
      });
      withdrawalIndex++;
    }
    processedCount++;
  }
  return {withdrawals, withdrawalIndex, processedCount};
}

/**
 * get_validators_sweep_withdrawals: at most MAX_VALIDATORS_PER_WITHDRAWALS_SWEEP validators from
 * next_withdrawal_validator_index on, never the whole registry.
 */
function getValidatorsSweepWithdrawals(
  cs: CachedBeaconState,
  withdrawalIndex: number,
  priorWithdrawals: Withdrawal[]
): {withdrawals: Withdrawal[]; withdrawalIndex: number; processedCount: number} {
  const state = cs.state as BeaconStateCapella;
  const isElectra = ForkSeq[cs.fork] >= ForkSeq.electra;
  const epoch = getCurrentEpoch(state);
  const validatorCount = state.validators.length;
  const validatorsLimit = Math.min(validatorCount, MAX_VALIDATORS_PER_WITHDRAWALS_SWEEP);
  const withdrawalsLimit = MAX_WITHDRAWALS_PER_PAYLOAD;
  // There must be at least one space reserved for validator sweep withdrawals
  if (priorWithdrawals.length >= withdrawalsLimit) throw new Error("get_validators_sweep_withdrawals: no space left for the sweep");

  let processedCount = 0;
  const withdrawals: Withdrawal[] = [];
  let validatorIndex = state.nextWithdrawalValidatorIndex;
  for (let n = 0; n < validatorsLimit; n++) {
    if (priorWithdrawals.length + withdrawals.length >= withdrawalsLimit) break;

    const validator = state.validators.getReadonly(validatorIndex);
    const balance = getBalanceAfterWithdrawals(state, validatorIndex, priorWithdrawals, withdrawals);
    if (isFullyWithdrawableValidator(validator, balance, epoch, cs.fork)) {
      withdrawals.push({index: withdrawalIndex, validatorIndex, address: withdrawalAddress(validator.withdrawalCredentials), amount: balance});
      withdrawalIndex++;
    } else if (isPartiallyWithdrawableValidator(validator, balance, cs.fork)) {
      const maxEffectiveBalance = isElectra ? getMaxEffectiveBalance(validator.withdrawalCredentials) : MAX_EFFECTIVE_BALANCE;
      withdrawals.push({
        index: withdrawalIndex,
        validatorIndex,
        address: withdrawalAddress(validator.withdrawalCredentials),
        amount: balance - maxEffectiveBalance,
      });
      withdrawalIndex++;
    }
    validatorIndex = (validatorIndex + 1) % validatorCount;
    processedCount++;
  }
  return {withdrawals, withdrawalIndex, processedCount};
}

/** get_expected_withdrawals (capella; electra takes due pending partial withdrawals first). */
export function getExpectedWithdrawals(cs: CachedBeaconState): ExpectedWithdrawals {
  const state = cs.state as BeaconStateCapella;
  let withdrawalIndex = state.nextWithdrawalIndex;
  const withdrawals: Withdrawal[] = [];

  let processedPartialWithdrawalsCount = 0;
  if (ForkSeq[cs.fork] >= ForkSeq.electra) {
    const partial = getPendingPartialWithdrawals(cs.state as BeaconStateElectra, withdrawalIndex, withdrawals);
    withdrawals.push(...partial.withdrawals);
    withdrawalIndex = partial.withdrawalIndex;
    processedPartialWithdrawalsCount = partial.processedCount;
  }

  const sweep = getValidatorsSweepWithdrawals(cs, withdrawalIndex, withdrawals);
  withdrawals.push(...sweep.withdrawals);
  return {withdrawals, processedPartialWithdrawalsCount, processedSweepWithdrawalsCount: sweep.processedCount};
}

/** process_withdrawals (capella, electra) */
export function processWithdrawals(cs: CachedBeaconState, payload: capella.ExecutionPayload): void {
  const state = cs.state as BeaconStateCapella;
  const expected = getExpectedWithdrawals(cs);
  if (!capella.Withdrawals.equals(payload.withdrawals, expected.withdrawals)) {
    throw new Error(
      `process_withdrawals: payload withdrawals do not match the expected ones (${payload.withdrawals.length} vs ${expected.withdrawals.length})`
    );
  }

  // apply_withdrawals
  for (const w of expected.withdrawals) decreaseBalance(state, w.validatorIndex, w.amount);

  // update_next_withdrawal_index
  const count = expected.withdrawals.length;
  if (count !== 0) state.nextWithdrawalIndex = expected.withdrawals[count - 1].index + 1;

  // update_pending_partial_withdrawals (electra)
  if (ForkSeq[cs.fork] >= ForkSeq.electra && expected.processedPartialWithdrawalsCount > 0) {
    const s = cs.state as BeaconStateElectra;
    s.pendingPartialWithdrawals = s.pendingPartialWithdrawals.sliceFrom(expected.processedPartialWithdrawalsCount);
  }

  // update_next_withdrawal_validator_index
  const validatorCount = state.validators.length;
  if (count === MAX_WITHDRAWALS_PER_PAYLOAD) {
    // A full payload: the next sweep starts after the last withdrawn validator.
    state.nextWithdrawalValidatorIndex = (expected.withdrawals[count - 1].validatorIndex + 1) % validatorCount;
  } else {
    state.nextWithdrawalValidatorIndex = (state.nextWithdrawalValidatorIndex + MAX_VALIDATORS_PER_WITHDRAWALS_SWEEP) % validatorCount;
  }
}
