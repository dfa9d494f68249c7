// process_justification_and_finalization and weigh_justification_and_finalization (phase0; altair
// reads the target balances from participation flags instead of pending attestations).
import {GENESIS_EPOCH, JUSTIFICATION_BITS_LENGTH} from "@hearth/params";
import {phase0} from "@hearth/types";
import type {BeaconStateAllForks, CachedBeaconState} from "../types.js";
import {getCurrentEpoch, getPreviousEpoch} from "../util/epoch.js";
import {getBlockRoot} from "../block/processAttestationAltair.js";
import {beforeProcessEpoch, type EpochTransitionCache} from "./epochTransitionCache.js";

/** process_justification_and_finalization */
export function processJustificationAndFinalization(cs: CachedBeaconState, cache?: EpochTransitionCache): void {
  // Initial FFG checkpoint values have a 0x00 stub for root: skip the first two epochs.
  if (getCurrentEpoch(cs.state) <= GENESIS_EPOCH + 1) return;
  const c = cache ?? beforeProcessEpoch(cs);
  if (c.pendingAttestationErrors.target !== null) throw new Error(c.pendingAttestationErrors.target);
  weighJustificationAndFinalization(cs.state, c.totalActiveBalance, c.prevTargetBalance, c.currTargetBalance);
}

/** weigh_justification_and_finalization. Balances in Gwei; compared in bigint, as 3 × a total can pass 2**53. */
export function weighJustificationAndFinalization(
  state: BeaconStateAllForks,
  totalActiveBalance: number,
  previousEpochTargetBalance: number,
  currentEpochTargetBalance: number
): void {
  const isSupermajority = (balance: number): boolean => BigInt(balance) * 3n >= BigInt(totalActiveBalance) * 2n;
  const previousEpoch = getPreviousEpoch(state);
  const currentEpoch = getCurrentEpoch(state);
  const oldPreviousJustified = state.previousJustifiedCheckpoint.toValue();
  const oldCurrentJustified = state.currentJustifiedCheckpoint.toValue();

  // Process justifications
  state.previousJustifiedCheckpoint = phase0.Checkpoint.toViewDU(oldCurrentJustified);
  const oldBits = state.justificationBits.toBoolArray();
  const bits = [false, ...oldBits.slice(0, JUSTIFICATION_BITS_LENGTH - 1)];
  if (isSupermajority(previousEpochTargetBalance)) {
    state.currentJustifiedCheckpoint = phase0.Checkpoint.toViewDU({epoch: previousEpoch, root: getBlockRoot(state, previousEpoch)});
    bits[1] = true;
  }
  if (isSupermajority(currentEpochTargetBalance)) {
    state.currentJustifiedCheckpoint = phase0.Checkpoint.toViewDU({epoch: currentEpoch, root: getBlockRoot(state, currentEpoch)});
    bits[0] = true;
  }
  for (let i = 0; i < JUSTIFICATION_BITS_LENGTH; i++) state.justificationBits.set(i, bits[i]);

  // Process finalizations
  const all = (from: number, to: number): boolean => bits.slice(from, to).every(Boolean);
  // The 2nd/3rd/4th most recent epochs are justified, the 2nd using the 4th as source
  if (all(1, 4) && oldPreviousJustified.epoch + 3 === currentEpoch) state.finalizedCheckpoint = phase0.Checkpoint.toViewDU(oldPreviousJustified);
  // The 2nd/3rd most recent epochs are justified, the 2nd using the 3rd as source
  if (all(1, 3) && oldPreviousJustified.epoch + 2 === currentEpoch) state.finalizedCheckpoint = phase0.Checkpoint.toViewDU(oldPreviousJustified);
  // The 1st/2nd/3rd most recent epochs are justified, the 1st using the 3rd as source
  if (all(0, 3) && oldCurrentJustified.epoch + 2 === currentEpoch) state.finalizedCheckpoint = phase0.Checkpoint.toViewDU(oldCurrentJustified);
  // The 1st/2nd most recent epochs are justified, the 1st using the 2nd as source
  if (all(0, 2) && oldCurrentJustified.epoch + 1 === currentEpoch) state.finalizedCheckpoint = phase0.Checkpoint.toViewDU(oldCurrentJustified);
}
