// phase0's participation: the pending attestations of the previous and current epoch, read once per
// epoch into the same per-validator flag bytes that altair keeps in the state.
import {SLOTS_PER_HISTORICAL_ROOT, TIMELY_TARGET_FLAG_INDEX} from "@hearth/params";
import type {phase0} from "@hearth/types";
import type {ValueOf} from "@chainsafe/ssz";
import type {BeaconStatePhase0, CachedBeaconState} from "../types.js";
import {computeStartSlotAtEpoch, getCurrentEpoch, getPreviousEpoch} from "../util/epoch.js";
import {getAttestingIndices, type AttestationAllForks} from "../util/attestation.js";
import {bytesEqual} from "../util/bytes.js";

/** No attestation included the validator. */
export const NO_INCLUSION = 0xffffffff;

/**
 * Why get_attesting_indices failed on a pending attestation (aggregation bits not matching the
 * committee), for the attestations the rewards read (all previous-epoch ones) and those
 * justification reads (the target-matching ones). Raised only by a step that reads them, as the
 * spec raises only where it reads them.
 */
export interface PendingAttestationErrors {
  previous: string | null;
  target: string | null;
}

/** get_block_root_at_slot, or null where the spec's assert would fail (no such attestation can match). */
function blockRootAtSlot(state: BeaconStatePhase0, slot: number): Uint8Array | null {
  if (!(slot < state.slot && state.slot <= slot + SLOTS_PER_HISTORICAL_ROOT)) return null;
  return state.blockRoots.get(slot % SLOTS_PER_HISTORICAL_ROOT);
}

/**
 * phase0's matching attestations, per validator as altair's flags: in `prevFlags` source, target and
 * head of the previous epoch, in `currFlags` the target of the current one (slashing is filtered by
 * the caller). Also the earliest inclusion of each previous-epoch attester (ties: the first in the
 * list, as python's min).
 */
export function readPendingAttestations(
  cs: CachedBeaconState,
  prevFlags: Uint8Array,
  currFlags: Uint8Array,
  delays: Uint32Array,
  proposers: Uint32Array,
  errors: PendingAttestationErrors
): void {
  const state = cs.state as BeaconStatePhase0;
  delays.fill(NO_INCLUSION);
  const currentEpoch = getCurrentEpoch(state);
  const previousEpoch = getPreviousEpoch(state);
  const mark = (attestations: ValueOf<typeof phase0.PendingAttestation>[], epoch: number, asPrevious: boolean, asCurrent: boolean): void => {
    const targetRoot = blockRootAtSlot(state, computeStartSlotAtEpoch(epoch));
    for (const a of attestations) {
      const isTarget = targetRoot !== null && bytesEqual(a.data.target.root, targetRoot);
      let bits = asPrevious ? 1 : 0;
      if (isTarget) {
        if (asCurrent) bits |= 8;
        if (asPrevious) {
          bits |= 2;
          const headRoot = blockRootAtSlot(state, a.data.slot);
          if (headRoot !== null && bytesEqual(a.data.beaconBlockRoot, headRoot)) bits |= 4;
        }
      }
      if (bits === 0) continue;
      let attesting: number[];
      try {
        attesting = getAttestingIndices(cs, a as unknown as AttestationAllForks);
      } catch (e) {
        const message = `get_attesting_indices: ${(e as Error).message}`;
        if (asPrevious) errors.previous ??= message;
        if (bits & 0b1010) errors.target ??= message;
        continue;
      }
      for (const i of attesting) {
        prevFlags[i] |= bits & 0b111;
        if (bits & 8) currFlags[i] |= 1 << TIMELY_TARGET_FLAG_INDEX;
        if (asPrevious && a.inclusionDelay < delays[i]) {
          delays[i] = a.inclusionDelay;
          proposers[i] = a.proposerIndex;
        }
      }
    }
  };
  const current = state.currentEpochAttestations.getAllReadonlyValues();
  // get_matching_source_attestations: at genesis the previous epoch is the current one, whose list is read.
  if (previousEpoch === currentEpoch) {
    mark(current, currentEpoch, true, true);
  } else {
    mark(state.previousEpochAttestations.getAllReadonlyValues(), previousEpoch, true, false);
    mark(current, currentEpoch, false, true);
  }
}
