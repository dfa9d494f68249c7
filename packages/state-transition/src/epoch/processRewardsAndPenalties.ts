// process_rewards_and_penalties: phase0 applies the summed attestation deltas; altair applies each
// flag's deltas and then the inactivity penalties, each clamped at zero in turn. Balances are read
// once (by the epoch cache), changed in a flat array and written back once.
import {GENESIS_EPOCH, ForkSeq, PARTICIPATION_FLAG_WEIGHTS} from "@hearth/params";
import {phase0} from "@hearth/types";
import type {BeaconStateAllForks, CachedBeaconState} from "../types.js";
import {getCurrentEpoch} from "../util/epoch.js";
import {beforeProcessEpoch, effectiveBalanceOf, type EpochTransitionCache} from "./epochTransitionCache.js";
import {getAttestationDeltas} from "./getAttestationDeltas.js";
import {flagIndexDelta, getFlagRewardContext, inactivityPenalty} from "./getFlagIndexDeltas.js";

/** process_rewards_and_penalties. The new balances also go to `cache`. */
export function processRewardsAndPenalties(cs: CachedBeaconState, cache?: EpochTransitionCache): void {
  // No rewards are applied at the end of GENESIS_EPOCH: rewards are for work done in the previous epoch.
  if (getCurrentEpoch(cs.state) === GENESIS_EPOCH) return;
  const c = cache ?? beforeProcessEpoch(cs);
  const balances = c.balances;
  const n = c.validatorCount;
  if (ForkSeq[cs.fork] === ForkSeq.phase0) {
    const {rewards, penalties} = getAttestationDeltas(cs, c);
    for (let i = 0; i < n; i++) {
      const b = balances[i] + rewards[i];
      balances[i] = penalties[i] > b ? 0 : b - penalties[i];
    }
  } else {
    const ctx = getFlagRewardContext(cs, c);
    const scores = c.inactivityScores as number[];
    const increments = cs.epochCtx.effectiveBalanceIncrements;
    const {status} = c;
    const flagCount = PARTICIPATION_FLAG_WEIGHTS.length;
    for (let i = 0; i < n; i++) {
      const st = status[i];
      const inc = increments[i];
      let b = balances[i];
      // increase_balance then decrease_balance per component: a penalty floors at zero before the next.
      for (let flag = 0; flag < flagCount; flag++) {
        const delta = flagIndexDelta(ctx, flag, st, inc);
        b = delta >= 0 ? b + delta : Math.max(0, b + delta);
      }
      if (scores[i] !== 0) b = Math.max(0, b - inactivityPenalty(ctx, st, effectiveBalanceOf(c, increments, i), scores[i]));
      balances[i] = b;
    }
  }
  writeBalances(cs.state, balances);
}

/**
 * Writes a whole registry's balances back. Rebuilding the list from the array is cheaper than one
 * set per validator once most balances changed, as they do after rewards.
 */
export function writeBalances(state: BeaconStateAllForks, balances: number[]): void {
  state.balances = phase0.Balances.toViewDU(balances);
}
