import {EPOCHS_PER_ETH1_VOTING_PERIOD} from "@hearth/params";
import {phase0} from "@hearth/types";
import type {CachedBeaconState} from "../types.js";
import {getCurrentEpoch} from "../util/epoch.js";

/** process_eth1_data_reset (phase0): the votes start over with each voting period. */
export function processEth1DataReset(cs: CachedBeaconState): void {
  const nextEpoch = getCurrentEpoch(cs.state) + 1;
  if (nextEpoch % EPOCHS_PER_ETH1_VOTING_PERIOD === 0) cs.state.eth1DataVotes = phase0.Eth1DataVotes.defaultViewDU();
}
