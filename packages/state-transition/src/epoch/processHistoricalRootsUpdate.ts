import {digest64} from "@chainsafe/as-sha256";
import {SLOTS_PER_EPOCH, SLOTS_PER_HISTORICAL_ROOT} from "@hearth/params";
import type {BeaconStatePhase0, CachedBeaconState} from "../types.js";
import {getCurrentEpoch} from "../util/epoch.js";

/**
 * process_historical_roots_update (phase0 to bellatrix): appends hash_tree_root(HistoricalBatch),
 * which for a two-field container is the hash of the two fields' roots.
 */
export function processHistoricalRootsUpdate(cs: CachedBeaconState): void {
  const state = cs.state as BeaconStatePhase0;
  const nextEpoch = getCurrentEpoch(state) + 1;
  if (nextEpoch % (SLOTS_PER_HISTORICAL_ROOT / SLOTS_PER_EPOCH) !== 0) return;
  const pair = new Uint8Array(64);
  pair.set(state.blockRoots.hashTreeRoot(), 0);
  pair.set(state.stateRoots.hashTreeRoot(), 32);
  state.historicalRoots.push(digest64(pair));
}
