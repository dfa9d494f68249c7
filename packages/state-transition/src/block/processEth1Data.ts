import {EPOCHS_PER_ETH1_VOTING_PERIOD, SLOTS_PER_EPOCH} from "@hearth/params";
import {phase0} from "@hearth/types";
import type {ValueOf} from "@chainsafe/ssz";
import type {CachedBeaconState} from "../types.js";
import {bytesEqual} from "../util/bytes.js";

/** process_eth1_data (phase0 beacon-chain.md "Eth1 data"); fulu still runs it (the votes are reset each period). */
export function processEth1Data(cs: CachedBeaconState, body: {eth1Data: ValueOf<typeof phase0.Eth1Data>}): void {
  const {state} = cs;
  const vote = body.eth1Data;
  state.eth1DataVotes.push(phase0.Eth1Data.toViewDU(vote));
  // Counted after the append, as the spec does: the new vote counts for itself.
  let count = 0;
  // getAllReadonly (views), not getAllReadonlyValues: the vote just pushed is not committed yet.
  for (const v of state.eth1DataVotes.getAllReadonly()) {
    if (v.depositCount === vote.depositCount && bytesEqual(v.depositRoot, vote.depositRoot) && bytesEqual(v.blockHash, vote.blockHash)) count++;
  }
  if (count * 2 > EPOCHS_PER_ETH1_VOTING_PERIOD * SLOTS_PER_EPOCH) state.eth1Data = phase0.Eth1Data.toViewDU(vote);
}
