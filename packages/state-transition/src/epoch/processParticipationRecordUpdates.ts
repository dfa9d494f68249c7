import {phase0} from "@hearth/types";
import type {BeaconStatePhase0, CachedBeaconState} from "../types.js";

/** process_participation_record_updates (phase0): rotates the pending attestations. */
export function processParticipationRecordUpdates(cs: CachedBeaconState): void {
  const state = cs.state as BeaconStatePhase0;
  state.previousEpochAttestations = state.currentEpochAttestations;
  state.currentEpochAttestations = phase0.EpochAttestations.defaultViewDU();
}
