// electra beacon-chain.md apply_pending_deposit and process_pending_deposits (fulu drops the wait for
// the eth1 bridge deposits).
import {FAR_FUTURE_EPOCH, ForkSeq, GENESIS_SLOT, MAX_PENDING_DEPOSITS_PER_EPOCH} from "@hearth/params";
import {electra} from "@hearth/types";
import type {ValueOf} from "@chainsafe/ssz";
import type {BeaconStateElectra, CachedBeaconState} from "../types.js";
import {computeStartSlotAtEpoch, getCurrentEpoch} from "../util/epoch.js";
import {getActivationExitChurnLimit} from "../util/churn.js";
import {addValidatorToRegistry, isValidDepositSignature} from "../util/registry.js";
import {increaseBalance} from "../util/balance.js";
import {syncBalance, type EpochTransitionCache} from "./epochTransitionCache.js";

type PendingDeposit = ValueOf<typeof electra.PendingDeposit>;

/**
 * apply_pending_deposit: a top-up for a known pubkey, else a new validator if the proof of possession
 * holds. Returns the index whose balance changed, or null.
 */
export function applyPendingDeposit(cs: CachedBeaconState, deposit: PendingDeposit): number | null {
  const index = cs.epochCtx.pubkeyCache.getIndex(cs.state, deposit.pubkey);
  if (index === null) {
    // The deposit contract does not check the signature, so it is checked here.
    if (!isValidDepositSignature(cs.config, deposit.pubkey, deposit.withdrawalCredentials, deposit.amount, deposit.signature)) return null;
    return addValidatorToRegistry(cs, deposit.pubkey, deposit.withdrawalCredentials, deposit.amount);
  }
  increaseBalance(cs.state, index, deposit.amount);
  return index;
}

/** process_pending_deposits. `cache`, when given, has the changed balances copied into it. */
export function processPendingDeposits(cs: CachedBeaconState, cache?: EpochTransitionCache): void {
  const state = cs.state as BeaconStateElectra;
  const nextEpoch = getCurrentEpoch(state) + 1;
  const availableForProcessing = state.depositBalanceToConsume + getActivationExitChurnLimit(cs);
  const waitForBridge = ForkSeq[cs.fork] < ForkSeq.fulu && BigInt(state.eth1DepositIndex) < state.depositRequestsStartIndex;
  const finalizedSlot = computeStartSlotAtEpoch(state.finalizedCheckpoint.epoch);
  let processedAmount = 0;
  let nextDepositIndex = 0;
  const depositsToPostpone: PendingDeposit[] = [];
  let isChurnLimitReached = false;
  const apply = (deposit: PendingDeposit): void => {
    const changed = applyPendingDeposit(cs, deposit);
    if (changed !== null && cache) syncBalance(cache, state, changed);
  };

  const pending = state.pendingDeposits;
  for (let i = 0; i < pending.length; i++) {
    const deposit = pending.getReadonly(i).toValue();
    // Deposit requests wait until the eth1 bridge deposits before them are applied.
    if (waitForBridge && deposit.slot > GENESIS_SLOT) break;
    // Only deposits whose position in the queue is finalized.
    if (deposit.slot > finalizedSlot) break;
    if (nextDepositIndex >= MAX_PENDING_DEPOSITS_PER_EPOCH) break;

    let isValidatorExited = false;
    let isValidatorWithdrawn = false;
    const index = cs.epochCtx.pubkeyCache.getIndex(state, deposit.pubkey);
    if (index !== null) {
      const validator = state.validators.getReadonly(index);
      isValidatorExited = validator.exitEpoch < FAR_FUTURE_EPOCH;
      isValidatorWithdrawn = validator.withdrawableEpoch < nextEpoch;
    }

    if (isValidatorWithdrawn) {
      // The balance can never become active: apply it without consuming churn.
      apply(deposit);
    } else if (isValidatorExited) {
      // Exiting: postpone until after the withdrawable epoch.
      depositsToPostpone.push(deposit);
    } else {
      isChurnLimitReached = processedAmount + deposit.amount > availableForProcessing;
      if (isChurnLimitReached) break;
      processedAmount += deposit.amount;
      apply(deposit);
    }
    nextDepositIndex += 1;
  }

  if (nextDepositIndex > 0 || depositsToPostpone.length > 0) {
    const rest = state.pendingDeposits.sliceFrom(nextDepositIndex);
    for (const deposit of depositsToPostpone) rest.push(electra.PendingDeposit.toViewDU(deposit));
    state.pendingDeposits = rest;
  }
  // Churn accumulates only when the limit was hit.
  state.depositBalanceToConsume = isChurnLimitReached ? availableForProcessing - processedAmount : 0;
}
