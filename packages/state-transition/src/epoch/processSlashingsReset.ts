import {EPOCHS_PER_SLASHINGS_VECTOR} from "@hearth/params";
import type {CachedBeaconState} from "../types.js";
import {getCurrentEpoch} from "../util/epoch.js";

/** process_slashings_reset (phase0): clears the slot the next epoch's slashings accumulate in. */
export function processSlashingsReset(cs: CachedBeaconState): void {
  const nextEpoch = getCurrentEpoch(cs.state) + 1;
  cs.state.slashings.set(nextEpoch % EPOCHS_PER_SLASHINGS_VECTOR, 0);
}
