import {EPOCHS_PER_SYNC_COMMITTEE_PERIOD} from "@hearth/params";
import {altair} from "@hearth/types";
import type {BeaconStatePostAltair, CachedBeaconState} from "../types.js";
import {getCurrentEpoch} from "../util/epoch.js";
import {getNextSyncCommittee} from "../util/syncCommittee.js";

/**
 * process_sync_committee_updates (altair): at a period boundary the next committee becomes current
 * and a new next one is sampled, by the effective balances process_epoch has just updated.
 */
export function processSyncCommitteeUpdates(cs: CachedBeaconState): void {
  const state = cs.state as BeaconStatePostAltair;
  const nextEpoch = getCurrentEpoch(state) + 1;
  if (nextEpoch % EPOCHS_PER_SYNC_COMMITTEE_PERIOD !== 0) return;
  state.currentSyncCommittee = state.nextSyncCommittee;
  state.nextSyncCommittee = altair.SyncCommittee.toViewDU(getNextSyncCommittee(cs));
}
