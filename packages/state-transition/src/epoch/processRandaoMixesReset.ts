import {EPOCHS_PER_HISTORICAL_VECTOR} from "@hearth/params";
import type {CachedBeaconState} from "../types.js";
import {getCurrentEpoch} from "../util/epoch.js";
import {getRandaoMix} from "../util/seed.js";

/** process_randao_mixes_reset (phase0): the next epoch's mix starts from this epoch's. */
export function processRandaoMixesReset(cs: CachedBeaconState): void {
  const currentEpoch = getCurrentEpoch(cs.state);
  const nextEpoch = currentEpoch + 1;
  cs.state.randaoMixes.set(nextEpoch % EPOCHS_PER_HISTORICAL_VECTOR, getRandaoMix(cs.state, currentEpoch));
}
