// process_inactivity_updates (altair beacon-chain.md "Inactivity scores") and is_in_inactivity_leak.
import {GENESIS_EPOCH, MIN_EPOCHS_TO_INACTIVITY_PENALTY} from "@hearth/params";
import {altair} from "@hearth/types";
import type {BeaconStateAllForks, BeaconStatePostAltair, CachedBeaconState} from "../types.js";
import {getCurrentEpoch, getPreviousEpoch} from "../util/epoch.js";
import {beforeProcessEpoch, ELIGIBLE, PREV_TARGET, type EpochTransitionCache} from "./epochTransitionCache.js";

/** get_finality_delay */
export function getFinalityDelay(state: BeaconStateAllForks): number {
  return getPreviousEpoch(state) - state.finalizedCheckpoint.epoch;
}

/** is_in_inactivity_leak: read after process_justification_and_finalization, which moves finality. */
export function isInInactivityLeak(state: BeaconStateAllForks): boolean {
  return getFinalityDelay(state) > MIN_EPOCHS_TO_INACTIVITY_PENALTY;
}

/** process_inactivity_updates. The new scores also go to `cache`, where the rewards read them. */
export function processInactivityUpdates(cs: CachedBeaconState, cache?: EpochTransitionCache): void {
  // Skip the genesis epoch as score updates are based on the previous epoch participation
  if (getCurrentEpoch(cs.state) === GENESIS_EPOCH) return;
  const c = cache ?? beforeProcessEpoch(cs);
  const state = cs.state as BeaconStatePostAltair;
  const scores = c.inactivityScores;
  if (scores === null) throw new Error("process_inactivity_updates: no inactivity scores before altair");
  const bias = cs.config.INACTIVITY_SCORE_BIAS;
  const recovery = cs.config.INACTIVITY_SCORE_RECOVERY_RATE;
  const leak = isInInactivityLeak(state);
  const {status} = c;
  const changed: number[] = [];
  for (let i = 0; i < c.validatorCount; i++) {
    const st = status[i];
    if ((st & ELIGIBLE) === 0) continue;
    const before = scores[i];
    let score = before;
    // Increase the inactivity score of inactive validators
    if (st & PREV_TARGET) score -= Math.min(1, score);
    else score += bias;
    // Decrease the inactivity score of all eligible validators during a leak-free epoch
    if (!leak) score -= Math.min(recovery, score);
    if (score !== before) {
      scores[i] = score;
      changed.push(i);
    }
  }
  writeInactivityScores(state, scores, changed);
}

/** A few changes are set one by one; many rebuild the list in one go, which is cheaper than a million sets. */
function writeInactivityScores(state: BeaconStatePostAltair, scores: number[], changed: number[]): void {
  if (changed.length === 0) return;
  if (changed.length * 16 < scores.length) {
    for (const i of changed) state.inactivityScores.set(i, scores[i]);
  } else {
    state.inactivityScores = altair.InactivityScores.toViewDU(scores);
  }
}
