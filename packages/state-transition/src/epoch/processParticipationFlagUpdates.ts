import {altair} from "@hearth/types";
import type {BeaconStatePostAltair, CachedBeaconState} from "../types.js";

/** process_participation_flag_updates (altair): rotates the flags; the new epoch starts with none. */
export function processParticipationFlagUpdates(cs: CachedBeaconState): void {
  const state = cs.state as BeaconStatePostAltair;
  state.previousEpochParticipation = state.currentEpochParticipation;
  state.currentEpochParticipation = altair.EpochParticipation.toViewDU(new Array<number>(state.validators.length).fill(0));
}
