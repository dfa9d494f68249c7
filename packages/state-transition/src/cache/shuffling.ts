// The committees of one epoch: compute_committee / get_beacon_committee of phase0 beacon-chain.md,
// computed for the whole epoch at once from one bulk shuffle.
import {DOMAIN_BEACON_ATTESTER, MAX_COMMITTEES_PER_SLOT, SLOTS_PER_EPOCH, TARGET_COMMITTEE_SIZE} from "@hearth/params";
import type {BeaconStateAllForks} from "../types.js";
import {getSeed} from "../util/seed.js";
import {shuffleList} from "../util/shuffle.js";

export interface EpochShuffling {
  epoch: number;
  /** get_active_validator_indices(state, epoch), ascending. */
  activeIndices: Uint32Array;
  /** activeIndices in committee order: shuffling[i] = activeIndices[compute_shuffled_index(i)]. */
  shuffling: Uint32Array;
  committeesPerSlot: number;
  /** committees[slot % SLOTS_PER_EPOCH][committeeIndex]: views into `shuffling`. */
  committees: Uint32Array[][];
}

/** get_committee_count_per_slot */
export function computeCommitteeCount(activeValidatorCount: number): number {
  return Math.max(1, Math.min(MAX_COMMITTEES_PER_SLOT, Math.floor(activeValidatorCount / SLOTS_PER_EPOCH / TARGET_COMMITTEE_SIZE)));
}

export function computeEpochShuffling(state: BeaconStateAllForks, activeIndices: Uint32Array, epoch: number): EpochShuffling {
  return epochShufflingFromShuffled(activeIndices, shuffleList(activeIndices.slice(), getShufflingSeed(state, epoch)), epoch);
}

/** The seed of epoch's committees: get_seed(state, epoch, DOMAIN_BEACON_ATTESTER). */
export function getShufflingSeed(state: BeaconStateAllForks, epoch: number): Uint8Array {
  return getSeed(state, epoch, DOMAIN_BEACON_ATTESTER);
}

/** The committees of `epoch` from its active set and that set already shuffled (in a worker, say). */
export function epochShufflingFromShuffled(activeIndices: Uint32Array, shuffling: Uint32Array, epoch: number): EpochShuffling {
  const committeesPerSlot = computeCommitteeCount(activeIndices.length);
  const count = committeesPerSlot * SLOTS_PER_EPOCH;
  const n = shuffling.length;
  const committees: Uint32Array[][] = [];
  for (let slot = 0; slot < SLOTS_PER_EPOCH; slot++) {
    const slotCommittees: Uint32Array[] = [];
    for (let c = 0; c < committeesPerSlot; c++) {
      const index = slot * committeesPerSlot + c;
      // compute_committee's bounds: len * index // count, len * (index + 1) // count
      const start = Math.floor((n * index) / count);
      const end = Math.floor((n * (index + 1)) / count);
      slotCommittees.push(shuffling.subarray(start, end));
    }
    committees.push(slotCommittees);
  }
  return {epoch, activeIndices, shuffling, committeesPerSlot, committees};
}
