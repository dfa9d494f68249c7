// Block and sync committee rewards (beacon-APIs rewards/blocks.yaml, sync_committee.yaml): the
// block's operations replayed through the state transition's own functions on a copy of the
// block's pre-state, reading the balance changes they make.
import {PROPOSER_WEIGHT, SLOTS_PER_EPOCH, SYNC_COMMITTEE_SIZE, SYNC_REWARD_WEIGHT, WEIGHT_DENOMINATOR, ForkSeq} from "@hearth/params";
import {
  cloneCachedState,
  getBaseRewardPerIncrement,
  getSyncCommitteeIndices,
  processAttestation,
  processAttesterSlashing,
  processProposerSlashing,
  processSyncAggregate,
  type BeaconBlockAllForks,
  type CachedBeaconState,
} from "@hearth/state-transition";
import {RewardsError, RewardsErrorCode} from "./errors.js";

export interface BlockRewards {
  proposerIndex: number;
  total: number;
  attestations: number;
  syncAggregate: number;
  proposerSlashings: number;
  attesterSlashings: number;
}

export interface SyncCommitteeReward {
  validatorIndex: number;
  reward: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyBody = any;

function balanceOf(cs: CachedBeaconState, index: number): number {
  return cs.state.balances.get(index);
}

/** The proposer's balance change from applying `op` to `cs` (which `op` leaves applied). */
function proposerGain(cs: CachedBeaconState, proposer: number, op: () => void): number {
  const before = balanceOf(cs, proposer);
  op();
  return balanceOf(cs, proposer) - before;
}

/**
 * The participant and proposer rewards of process_sync_aggregate (altair beacon-chain.md), for the
 * state the aggregate is processed on.
 */
export function getSyncRewards(cs: CachedBeaconState): {participantReward: number; proposerReward: number} {
  const totalBaseRewards = getBaseRewardPerIncrement(cs) * cs.epochCtx.totalActiveBalanceIncrements;
  const maxParticipantRewards = Math.floor(Math.floor((totalBaseRewards * SYNC_REWARD_WEIGHT) / WEIGHT_DENOMINATOR) / SLOTS_PER_EPOCH);
  const participantReward = Math.floor(maxParticipantRewards / SYNC_COMMITTEE_SIZE);
  const proposerReward = Math.floor((participantReward * PROPOSER_WEIGHT) / (WEIGHT_DENOMINATOR - PROPOSER_WEIGHT));
  return {participantReward, proposerReward};
}

/**
 * The proposer's rewards for `block`. `preState` is the parent's post-state advanced to the block's
 * slot (process_slots done, block not applied); it is not modified. Operations run in
 * process_operations' order, signatures unchecked (the block was imported, so they were valid).
 */
export function computeBlockRewards(preState: CachedBeaconState, block: BeaconBlockAllForks): BlockRewards {
  if (preState.state.slot !== block.slot) throw new RewardsError(RewardsErrorCode.BLOCK_NOT_AVAILABLE, `pre-state at ${preState.state.slot}, block at ${block.slot}`);
  const cs = cloneCachedState(preState);
  const proposer = block.proposerIndex;
  const body = block.body as AnyBody;
  let proposerSlashings = 0;
  for (const s of body.proposerSlashings) proposerSlashings += proposerGain(cs, proposer, () => processProposerSlashing(cs, s, false));
  let attesterSlashings = 0;
  for (const s of body.attesterSlashings) attesterSlashings += proposerGain(cs, proposer, () => processAttesterSlashing(cs, s, false));
  let attestations = 0;
  for (const a of body.attestations) attestations += proposerGain(cs, proposer, () => processAttestation(cs, a, false));
  let syncAggregate = 0;
  if (ForkSeq[cs.fork] >= ForkSeq.altair) {
    const participants = body.syncAggregate.syncCommitteeBits.getTrueBitIndexes().length;
    syncAggregate = participants * getSyncRewards(cs).proposerReward;
  }
  return {
    proposerIndex: proposer,
    total: attestations + syncAggregate + proposerSlashings + attesterSlashings,
    attestations,
    syncAggregate,
    proposerSlashings,
    attesterSlashings,
  };
}

/**
 * Each sync committee member's reward (negative: penalty) from `block`'s sync aggregate, the balance
 * change process_sync_aggregate makes, less the proposer's share for the block's proposer. `indices`
 * filters the members (all when null). One entry per validator, summed over its committee seats.
 */
export function computeSyncCommitteeRewards(preState: CachedBeaconState, block: BeaconBlockAllForks, indices: number[] | null): SyncCommitteeReward[] {
  if (ForkSeq[preState.fork] < ForkSeq.altair) throw new RewardsError(RewardsErrorCode.PRE_ALTAIR, "no sync committee before altair");
  const cs = cloneCachedState(preState);
  const committee = Array.from(getSyncCommitteeIndices(cs));
  const members = [...new Set(committee)];
  const before = new Map(members.map((i) => [i, balanceOf(cs, i)]));
  const syncAggregate = (block.body as AnyBody).syncAggregate;
  processSyncAggregate(cs, syncAggregate, false);
  const proposerShare = syncAggregate.syncCommitteeBits.getTrueBitIndexes().length * getSyncRewards(cs).proposerReward;
  const filter = indices === null ? null : new Set(indices);
  const out: SyncCommitteeReward[] = [];
  for (const index of members) {
    if (filter !== null && !filter.has(index)) continue;
    let reward = balanceOf(cs, index) - (before.get(index) as number);
    if (index === block.proposerIndex) reward -= proposerShare;
    out.push({validatorIndex: index, reward});
  }
  return out;
}
