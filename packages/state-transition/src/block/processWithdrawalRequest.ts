// process_withdrawal_request (electra beacon-chain.md, EIP-7002): an exit or a partial withdrawal
// triggered from the execution layer by the validator's withdrawal address. A request that does not
// qualify is ignored, never an error: the execution layer has already accepted (and charged) it.
import {FAR_FUTURE_EPOCH, FULL_EXIT_REQUEST_AMOUNT, MIN_ACTIVATION_BALANCE, PENDING_PARTIAL_WITHDRAWALS_LIMIT} from "@hearth/params";
import {electra} from "@hearth/types";
import type {ValueOf} from "@chainsafe/ssz";
import type {BeaconStateElectra, CachedBeaconState} from "../types.js";
import {getCurrentEpoch} from "../util/epoch.js";
import {hasCompoundingWithdrawalCredential, hasExecutionWithdrawalCredential, isActiveValidator} from "../util/validator.js";
import {initiateValidatorExit} from "../util/exit.js";
import {computeExitEpochAndUpdateChurn} from "../util/churn.js";
import {bytesEqual} from "../util/bytes.js";
import {getPendingBalanceToWithdraw} from "../util/electra.js";

type WithdrawalRequest = ValueOf<typeof electra.WithdrawalRequest>;

/** process_withdrawal_request */
export function processWithdrawalRequest(cs: CachedBeaconState, withdrawalRequest: WithdrawalRequest): void {
  const state = cs.state as BeaconStateElectra;
  const amount = withdrawalRequest.amount;
  const isFullExitRequest = amount === BigInt(FULL_EXIT_REQUEST_AMOUNT);

  // If partial withdrawal queue is full, only full exits are processed
  if (state.pendingPartialWithdrawals.length === PENDING_PARTIAL_WITHDRAWALS_LIMIT && !isFullExitRequest) return;

  const index = cs.epochCtx.pubkeyCache.getIndex(state, withdrawalRequest.validatorPubkey);
  if (index === null) return;
  const validator = state.validators.getReadonly(index);

  // Verify withdrawal credentials
  const hasCorrectCredential = hasExecutionWithdrawalCredential(validator.withdrawalCredentials);
  const isCorrectSourceAddress = bytesEqual(validator.withdrawalCredentials.subarray(12), withdrawalRequest.sourceAddress);
  if (!(hasCorrectCredential && isCorrectSourceAddress)) return;
  const currentEpoch = getCurrentEpoch(state);
  if (!isActiveValidator(validator, currentEpoch)) return;
  if (validator.exitEpoch !== FAR_FUTURE_EPOCH) return;
  // Verify the validator has been active long enough
  if (currentEpoch < validator.activationEpoch + cs.config.SHARD_COMMITTEE_PERIOD) return;

  const pendingBalanceToWithdraw = getPendingBalanceToWithdraw(state, index);

  if (isFullExitRequest) {
    // Only exit validator if it has no pending withdrawals in the queue
    if (pendingBalanceToWithdraw === 0) initiateValidatorExit(cs, index);
    return;
  }

  const balance = state.balances.get(index);
  const hasSufficientEffectiveBalance = validator.effectiveBalance >= MIN_ACTIVATION_BALANCE;
  const hasExcessBalance = balance > MIN_ACTIVATION_BALANCE + pendingBalanceToWithdraw;

  // Only allow partial withdrawals with compounding withdrawal credentials
  if (hasCompoundingWithdrawalCredential(validator.withdrawalCredentials) && hasSufficientEffectiveBalance && hasExcessBalance) {
    // The excess balance is a number; an amount beyond it (any uint64) is capped by it first.
    const excess = balance - MIN_ACTIVATION_BALANCE - pendingBalanceToWithdraw;
    const toWithdraw = BigInt(excess) < amount ? excess : Number(amount);
    const exitQueueEpoch = computeExitEpochAndUpdateChurn(cs, toWithdraw);
    state.pendingPartialWithdrawals.push(
      electra.PendingPartialWithdrawal.toViewDU({
        validatorIndex: index,
        amount: toWithdraw,
        withdrawableEpoch: exitQueueEpoch + cs.config.MIN_VALIDATOR_WITHDRAWABILITY_DELAY,
      })
    );
  }
}
