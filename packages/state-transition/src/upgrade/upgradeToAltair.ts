import {altair} from "@hearth/types";
import type {BeaconStatePhase0, CachedBeaconState} from "../types.js";
import {getAttestingIndices, type AttestationAllForks} from "../util/attestation.js";
import {getNextSyncCommittee} from "../util/syncCommittee.js";
import {getAttestationParticipationFlags} from "../block/processAttestationAltair.js";
import {carryOverState} from "./carryOver.js";
import {replaceState, setUpgradedFork} from "./common.js";

/**
 * upgrade_to_altair (altair fork.md): participation flags and inactivity scores start at zero for
 * every validator, except that the previous epoch's flags are translated from the phase0 pending
 * attestations; both sync committees are the same next committee.
 */
export function upgradeToAltair(cs: CachedBeaconState): void {
  const pendingAttestations = (cs.state as BeaconStatePhase0).previousEpochAttestations.getAllReadonlyValues();
  const count = cs.state.validators.length;
  const post = carryOverState(cs.state, altair.BeaconState);
  setUpgradedFork(cs, post, "altair");
  replaceState(cs, "altair", post);

  const zeros = new Array<number>(count).fill(0);
  post.previousEpochParticipation = altair.EpochParticipation.toViewDU(translateParticipation(cs, pendingAttestations, count));
  post.currentEpochParticipation = altair.EpochParticipation.toViewDU(zeros);
  post.inactivityScores = altair.InactivityScores.toViewDU(zeros);

  const syncCommittee = getNextSyncCommittee(cs);
  post.currentSyncCommittee = altair.SyncCommittee.toViewDU(syncCommittee);
  post.nextSyncCommittee = altair.SyncCommittee.toViewDU(syncCommittee);
}

/**
 * translate_participation (altair fork.md): the flags each pending attestation would have earned
 * under altair's rules, given to its attesters. Returns the whole previous-epoch participation list.
 */
function translateParticipation(
  cs: CachedBeaconState,
  pendingAttestations: ReturnType<BeaconStatePhase0["previousEpochAttestations"]["getAllReadonlyValues"]>,
  count: number
): number[] {
  const participation = new Array<number>(count).fill(0);
  for (const attestation of pendingAttestations) {
    const flags = getAttestationParticipationFlags(cs, attestation.data, attestation.inclusionDelay);
    // A pending attestation has the aggregation bits and data of the attestation it came from.
    const attesters = getAttestingIndices(cs, attestation as unknown as AttestationAllForks);
    for (const index of attesters) participation[index] |= flags;
  }
  return participation;
}
