import {EPOCHS_PER_SYNC_COMMITTEE_PERIOD} from "@hearth/params";
import {altair} from "@hearth/types";
import type {BeaconStatePostAltair, CachedBeaconState} from "../types.js";
import {getCurrentEpoch} from "../util/epoch.js";
import {getNextSyncCommittee} from "../util/syncCommittee.js";
import type {EpochSampling} from "./parallelSampling.js";

/**
 * process_sync_committee_updates (altair): at a period boundary the next committee becomes current
 * and a new next one is sampled, by the effective balances process_epoch has just updated.
 */
export function processSyncCommitteeUpdates(cs: CachedBeaconState, parallel?: EpochSampling | null): void {
  const state = cs.state as BeaconStatePostAltair;
  const nextEpoch = getCurrentEpoch(state) + 1;
  if (nextEpoch % EPOCHS_PER_SYNC_COMMITTEE_PERIOD !== 0) return;
  state.currentSyncCommittee = state.nextSyncCommittee;
  // A worker started by process_epoch may have the shuffled indices of the candidates already.
  state.nextSyncCommittee = altair.SyncCommittee.toViewDU(getNextSyncCommittee(cs, parallel?.syncCommitteeSampler()));
}
