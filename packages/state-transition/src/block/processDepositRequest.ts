// process_deposit_request (electra beacon-chain.md, EIP-6110; fulu drops the start index, since the
// former deposit mechanism is gone): deposits from the execution layer join the pending queue.
import {ForkSeq, UNSET_DEPOSIT_REQUESTS_START_INDEX} from "@hearth/params";
import {electra} from "@hearth/types";
import type {ValueOf} from "@chainsafe/ssz";
import type {BeaconStateElectra, CachedBeaconState} from "../types.js";

type DepositRequest = ValueOf<typeof electra.DepositRequest>;

/** process_deposit_request. There is no signature to check here: apply_pending_deposit does that. */
export function processDepositRequest(cs: CachedBeaconState, depositRequest: DepositRequest): void {
  const state = cs.state as BeaconStateElectra;
  if (ForkSeq[cs.fork] < ForkSeq.fulu && state.depositRequestsStartIndex === UNSET_DEPOSIT_REQUESTS_START_INDEX) {
    state.depositRequestsStartIndex = depositRequest.index;
  }
  state.pendingDeposits.push(
    electra.PendingDeposit.toViewDU({
      pubkey: depositRequest.pubkey,
      withdrawalCredentials: depositRequest.withdrawalCredentials,
      amount: depositRequest.amount,
      signature: depositRequest.signature,
      slot: state.slot,
    })
  );
}
