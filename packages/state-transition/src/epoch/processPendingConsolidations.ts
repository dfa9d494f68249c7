import type {BeaconStateElectra, CachedBeaconState} from "../types.js";
import {getCurrentEpoch} from "../util/epoch.js";
import {decreaseBalance, increaseBalance} from "../util/balance.js";
import {syncBalance, type EpochTransitionCache} from "./epochTransitionCache.js";

/**
 * process_pending_consolidations (electra): once a source is withdrawable, its active balance moves
 * to the target; the excess stays to be withdrawn. `cache`, when given, has the balances copied in.
 */
export function processPendingConsolidations(cs: CachedBeaconState, cache?: EpochTransitionCache): void {
  const state = cs.state as BeaconStateElectra;
  const nextEpoch = getCurrentEpoch(state) + 1;
  let nextPendingConsolidation = 0;
  const pending = state.pendingConsolidations;
  for (let i = 0; i < pending.length; i++) {
    const {sourceIndex, targetIndex} = pending.getReadonly(i);
    const source = state.validators.getReadonly(sourceIndex);
    if (source.slashed) {
      nextPendingConsolidation += 1;
      continue;
    }
    if (source.withdrawableEpoch > nextEpoch) break;
    const sourceEffectiveBalance = Math.min(state.balances.get(sourceIndex), source.effectiveBalance);
    decreaseBalance(state, sourceIndex, sourceEffectiveBalance);
    increaseBalance(state, targetIndex, sourceEffectiveBalance);
    if (cache) {
      syncBalance(cache, state, sourceIndex);
      syncBalance(cache, state, targetIndex);
    }
    nextPendingConsolidation += 1;
  }
  if (nextPendingConsolidation > 0) state.pendingConsolidations = state.pendingConsolidations.sliceFrom(nextPendingConsolidation);
}
