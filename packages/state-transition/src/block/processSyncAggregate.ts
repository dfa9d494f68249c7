import {
  DOMAIN_SYNC_COMMITTEE,
  PROPOSER_WEIGHT,
  SLOTS_PER_EPOCH,
  SYNC_COMMITTEE_SIZE,
  SYNC_REWARD_WEIGHT,
  WEIGHT_DENOMINATOR,
} from "@hearth/params";
import {altair, ssz} from "@hearth/types";
import {computeSigningRoot} from "@hearth/config";
import {ethFastAggregateVerify, type PublicKey} from "@hearth/bls";
import type {Node} from "@chainsafe/persistent-merkle-tree";
import type {ValueOf} from "@chainsafe/ssz";
import type {BeaconStatePostAltair, CachedBeaconState} from "../types.js";
import {computeEpochAtSlot} from "../util/epoch.js";
import {getDomain} from "../util/domain.js";
import {decreaseBalance, increaseBalance} from "../util/balance.js";
import {getBeaconProposerIndex} from "../util/proposer.js";
import {getBaseRewardPerIncrement} from "./baseReward.js";
import {getBlockRootAtSlot} from "./processAttestationAltair.js";

export type SyncAggregate = ValueOf<typeof altair.SyncAggregate>;

/**
 * Validator indices of a sync committee's members, keyed by the committee's tree node: a node never
 * changes, and a committee lasts a whole sync period, so each is looked up once rather than per block.
 */
const committeeIndicesCache = new WeakMap<Node, Uint32Array>();

/** The validator index of each current sync committee member, in committee order. */
export function getSyncCommitteeIndices(cs: CachedBeaconState): Uint32Array {
  const committee = (cs.state as BeaconStatePostAltair).currentSyncCommittee;
  const node = committee.node;
  let indices = committeeIndicesCache.get(node);
  if (indices === undefined) {
    const pubkeys = committee.pubkeys.getAllReadonly();
    indices = new Uint32Array(pubkeys.length);
    for (let i = 0; i < pubkeys.length; i++) {
      const index = cs.epochCtx.pubkeyCache.getIndex(cs.state, pubkeys[i]);
      if (index === null) throw new Error(`sync committee member ${i} is not a validator`);
      indices[i] = index;
    }
    committeeIndicesCache.set(node, indices);
  }
  return indices;
}

/**
 * process_sync_aggregate (altair beacon-chain.md "Sync aggregate processing"). The spec's choice of
 * aggregating participants or subtracting non-participants from the committee's aggregate key is an
 * optimisation with the same result; the members' decoded keys come from the pubkey cache.
 */
export function processSyncAggregate(cs: CachedBeaconState, syncAggregate: SyncAggregate, verifySignatures = true): void {
  const {state, epochCtx} = cs;
  const bits = syncAggregate.syncCommitteeBits;
  const committeeIndices = getSyncCommitteeIndices(cs);

  if (verifySignatures) {
    const participantPubkeys: PublicKey[] = [];
    for (let i = 0; i < SYNC_COMMITTEE_SIZE; i++) if (bits.get(i)) participantPubkeys.push(epochCtx.pubkeyCache.getPubkey(committeeIndices[i]));
    const previousSlot = Math.max(state.slot, 1) - 1;
    const domain = getDomain(state, DOMAIN_SYNC_COMMITTEE, computeEpochAtSlot(previousSlot));
    const signingRoot = computeSigningRoot(ssz.Root, getBlockRootAtSlot(state, previousSlot), domain);
    if (!ethFastAggregateVerify(participantPubkeys, signingRoot, syncAggregate.syncCommitteeSignature)) {
      throw new Error("process_sync_aggregate: invalid sync committee signature");
    }
  }

  // Compute participant and proposer rewards
  const totalActiveIncrements = epochCtx.totalActiveBalanceIncrements;
  const totalBaseRewards = getBaseRewardPerIncrement(cs) * totalActiveIncrements;
  const maxParticipantRewards = Math.floor(Math.floor((totalBaseRewards * SYNC_REWARD_WEIGHT) / WEIGHT_DENOMINATOR) / SLOTS_PER_EPOCH);
  const participantReward = Math.floor(maxParticipantRewards / SYNC_COMMITTEE_SIZE);
  const proposerReward = Math.floor((participantReward * PROPOSER_WEIGHT) / (WEIGHT_DENOMINATOR - PROPOSER_WEIGHT));

  // In committee order, as the spec: a member may sit in the committee more than once, and a
  // decrease stops at zero, so the order of the updates matters.
  const proposerIndex = getBeaconProposerIndex(cs);
  for (let i = 0; i < SYNC_COMMITTEE_SIZE; i++) {
    const index = committeeIndices[i];
    if (bits.get(i)) {
      increaseBalance(state, index, participantReward);
      increaseBalance(state, proposerIndex, proposerReward);
    } else {
      decreaseBalance(state, index, participantReward);
    }
  }
}
