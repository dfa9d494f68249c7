// process_deposit and apply_deposit (phase0 beacon-chain.md "Deposits"; electra queues the amount as a
// pending deposit instead of crediting it). Fulu drops deposits from blocks altogether.
import {DEPOSIT_CONTRACT_TREE_DEPTH, ForkSeq, GENESIS_SLOT} from "@hearth/params";
import {electra, phase0} from "@hearth/types";
import type {ValueOf} from "@chainsafe/ssz";
import type {BeaconStateElectra, CachedBeaconState} from "../types.js";
import {increaseBalance} from "../util/balance.js";
import {addValidatorToRegistry, isValidDepositSignature} from "../util/registry.js";
import {isValidMerkleBranch} from "./isValidMerkleBranch.js";

export type Deposit = ValueOf<typeof phase0.Deposit>;

/** process_deposit */
export function processDeposit(cs: CachedBeaconState, deposit: Deposit): void {
  const {state} = cs;
  const {data} = deposit;
  const leaf = phase0.DepositData.hashTreeRoot(data);
  // DEPOSIT_CONTRACT_TREE_DEPTH + 1 for the List length mix-in
  if (!isValidMerkleBranch(leaf, deposit.proof, DEPOSIT_CONTRACT_TREE_DEPTH + 1, state.eth1DepositIndex, state.eth1Data.depositRoot)) {
    throw new Error(`process_deposit: invalid merkle branch for deposit ${state.eth1DepositIndex}`);
  }
  // Deposits must be processed in order
  state.eth1DepositIndex += 1;
  applyDeposit(cs, data.pubkey, data.withdrawalCredentials, data.amount, data.signature);
}

/**
 * apply_deposit. A new pubkey needs a valid proof of possession, else the deposit is dropped (not an
 * invalid block: the deposit contract does not check signatures). Electra adds the validator with a
 * zero balance and queues every amount, new or top-up, for process_pending_deposits.
 */
export function applyDeposit(
  cs: CachedBeaconState,
  pubkey: Uint8Array,
  withdrawalCredentials: Uint8Array,
  amount: number,
  signature: Uint8Array
): void {
  const {state} = cs;
  const index = cs.epochCtx.pubkeyCache.getIndex(state, pubkey);
  const isElectra = ForkSeq[cs.fork] >= ForkSeq.electra;
  if (index === null) {
    if (!isValidDepositSignature(cs.config, pubkey, withdrawalCredentials, amount, signature)) return;
    addValidatorToRegistry(cs, pubkey, withdrawalCredentials, isElectra ? 0 : amount);
    if (!isElectra) return;
  } else if (!isElectra) {
    increaseBalance(state, index, amount);
    return;
  }
  (state as BeaconStateElectra).pendingDeposits.push(
    // GENESIS_SLOT tells a deposit from the old mechanism apart from a deposit request
    electra.PendingDeposit.toViewDU({pubkey, withdrawalCredentials, amount, signature, slot: GENESIS_SLOT})
  );
}
