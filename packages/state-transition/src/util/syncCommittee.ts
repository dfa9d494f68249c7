// get_next_sync_committee_indices (altair, electra) and get_next_sync_committee on a state.
import {DOMAIN_SYNC_COMMITTEE, ForkSeq} from "@hearth/params";
import type {altair} from "@hearth/types";
import {ethAggregatePubkeys} from "@hearth/bls";
import type {CachedBeaconState} from "../types.js";
import {getCurrentEpoch} from "./epoch.js";
import {getSeed} from "./seed.js";
import type {ShuffledIndexSampler} from "./shuffledIndexSampler.js";
import {sampleSyncCommitteeIndices} from "./syncCommitteeIndices.js";

/** The active validators of the next epoch: the epoch cache's, unless it belongs to another epoch. */
function nextEpochActiveIndices(cs: CachedBeaconState, epoch: number): ArrayLike<number> {
  if (cs.epochCtx.epoch + 1 === epoch) return cs.epochCtx.nextShuffling.activeIndices;
  const out: number[] = [];
  // getAllReadonly, unlike getAllReadonlyValues, also sees changes not yet committed.
  const validators = cs.state.validators.getAllReadonly();
  for (let i = 0; i < validators.length; i++) {
    if (validators[i].activationEpoch <= epoch && epoch < validators[i].exitEpoch) out.push(i);
  }
  return out;
}

/** What get_next_sync_committee_indices samples from: the seed and active set of the next epoch. */
export function getNextSyncCommitteeInputs(cs: CachedBeaconState): {electra: boolean; seed: Uint8Array; active: ArrayLike<number>} {
  const epoch = getCurrentEpoch(cs.state) + 1;
  return {
    electra: ForkSeq[cs.fork] >= ForkSeq.electra,
    seed: getSeed(cs.state, epoch, DOMAIN_SYNC_COMMITTEE),
    active: nextEpochActiveIndices(cs, epoch),
  };
}

/**
 * get_next_sync_committee_indices, by the effective balances of the epoch cache's increments, which
 * epoch processing keeps current. `sampler` may carry shuffled indices another thread computed.
 */
export function getNextSyncCommitteeIndices(cs: CachedBeaconState, sampler?: ShuffledIndexSampler): number[] {
  const {electra, seed, active} = getNextSyncCommitteeInputs(cs);
  return sampleSyncCommitteeIndices(electra, active, seed, cs.epochCtx.effectiveBalanceIncrements, sampler);
}

/** get_next_sync_committee: the members' pubkeys, duplicates kept, and their aggregate. */
export function getNextSyncCommittee(cs: CachedBeaconState, sampler?: ShuffledIndexSampler): altair.SyncCommittee {
  const indices = getNextSyncCommitteeIndices(cs, sampler);
  const validators = cs.state.validators;
  const pubkeys = indices.map((i) => validators.getReadonly(i).pubkey);
  const aggregatePubkey = ethAggregatePubkeys(indices.map((i) => cs.epochCtx.pubkeyCache.getPubkey(i)));
  return {pubkeys, aggregatePubkey};
}
