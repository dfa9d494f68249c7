// sync_committee_{subnet_id} and sync_committee_contribution_and_proof (altair p2p-interface.md):
// validate_sync_committee_message_gossip and validate_sync_committee_contribution_and_proof_gossip.
import {DOMAIN_CONTRIBUTION_AND_PROOF, DOMAIN_SYNC_COMMITTEE, DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF, SYNC_COMMITTEE_SIZE, SYNC_COMMITTEE_SUBNET_COUNT} from "@hearth/params";
import {altair, ssz} from "@hearth/types";
import {computeSigningRoot, toHex} from "@hearth/config";
import type {PublicKey, SignatureSet} from "@hearth/bls";
import {util, type CachedBeaconState} from "@hearth/state-transition";
import type {ValueOf} from "@chainsafe/ssz";
import {isSyncCommitteeAggregator} from "../opPools/submitOps.js";
import {syncCommitteePositions} from "../duties.js";
import {gossipIgnore, gossipReject} from "./errors.js";
import {isCurrentSlot, type GossipValidationContext} from "./context.js";

const SUBCOMMITTEE_SIZE = SYNC_COMMITTEE_SIZE / SYNC_COMMITTEE_SUBNET_COUNT;

/** The sync committee the head state's next slot signs with: pubkey hex → positions (get_sync_subcommittee_pubkeys' choice). */
function committeePositions(state: CachedBeaconState): Map<string, number[]> {
  try {
    return syncCommitteePositions(state, util.computeEpochAtSlot(state.state.slot + 1));
  } catch {
    gossipIgnore("no sync committee in the head state");
  }
}

/** altair validator.md compute_subnets_for_sync_committee */
export function computeSubnetsForSyncCommittee(state: CachedBeaconState, validatorIndex: number): Set<number> {
  const positions = committeePositions(state).get(toHex(state.state.validators.getReadonly(validatorIndex).pubkey)) ?? [];
  return new Set(positions.map((p) => Math.floor(p / SUBCOMMITTEE_SIZE)));
}

export async function validateGossipSyncCommitteeMessage(
  ctx: GossipValidationContext,
  message: ValueOf<typeof altair.SyncCommitteeMessage>,
  subnetId: number,
  currentTimeMs = ctx.currentTimeMs()
): Promise<{positions: number[]}> {
  const state = ctx.headState();
  if (!isCurrentSlot(ctx, message.slot, currentTimeMs)) gossipIgnore("message is not for the current slot");
  if (message.validatorIndex >= state.state.validators.length) gossipReject("validator index out of range");
  const all = committeePositions(state).get(toHex(state.state.validators.getReadonly(message.validatorIndex).pubkey)) ?? [];
  if (!all.some((p) => Math.floor(p / SUBCOMMITTEE_SIZE) === subnetId)) gossipReject("subnet_id is not valid for the validator");
  const key = `${message.validatorIndex}:${subnetId}`;
  if (ctx.seen.syncMessageValidatorSlots.has(message.slot, key)) gossipIgnore("already seen message from this validator for this slot and subnet");
  const domain = util.getDomain(state.state, DOMAIN_SYNC_COMMITTEE, util.computeEpochAtSlot(message.slot));
  const set: SignatureSet = {
    kind: "single",
    pubkey: state.epochCtx.pubkeyCache.getPubkey(message.validatorIndex),
    signingRoot: computeSigningRoot(ssz.Root, message.beaconBlockRoot, domain),
    signature: message.signature,
  };
  if (!(await ctx.verifySignatureSets([set], {batchable: true}))) gossipReject("invalid sync committee message signature");
  if (ctx.seen.syncMessageValidatorSlots.has(message.slot, key)) gossipIgnore("already seen message from this validator for this slot and subnet");
  ctx.seen.syncMessageValidatorSlots.add(message.slot, key);
  // Positions within this subnet's subcommittee, for the pool.
  return {positions: all.filter((p) => Math.floor(p / SUBCOMMITTEE_SIZE) === subnetId).map((p) => p % SUBCOMMITTEE_SIZE)};
}

export async function validateGossipContributionAndProof(
  ctx: GossipValidationContext,
  signed: ValueOf<typeof altair.SignedContributionAndProof>,
  currentTimeMs = ctx.currentTimeMs()
): Promise<void> {
  const state = ctx.headState();
  const {contribution, aggregatorIndex, selectionProof} = signed.message;
  const {slot, subcommitteeIndex, beaconBlockRoot} = contribution;
  if (!isCurrentSlot(ctx, slot, currentTimeMs)) gossipIgnore("contribution is not for the current slot");
  if (subcommitteeIndex >= SYNC_COMMITTEE_SUBNET_COUNT) gossipReject("subcommittee index out of range");
  if (contribution.aggregationBits.getTrueBitIndexes().length === 0) gossipReject("contribution has no participants");
  if (!isSyncCommitteeAggregator(selectionProof)) gossipReject("validator is not selected as aggregator");
  if (aggregatorIndex >= state.state.validators.length) gossipReject("aggregator index out of range");

  const subcommittee = subcommitteePubkeys(state, subcommitteeIndex);
  const aggregatorPubkey = toHex(state.state.validators.getReadonly(aggregatorIndex).pubkey);
  if (!subcommittee.includes(aggregatorPubkey)) gossipReject("aggregator not in subcommittee");
  const dataKey = `${toHex(beaconBlockRoot)}:${subcommitteeIndex}`;
  if (ctx.seen.syncContributionData.isCovered(slot, dataKey, contribution.aggregationBits)) gossipIgnore("already seen contribution for this data");
  const aggregatorKey = `${aggregatorIndex}:${subcommitteeIndex}`;
  if (ctx.seen.syncContributionAggregatorSlots.has(slot, aggregatorKey)) gossipIgnore("already seen contribution from this aggregator");

  const epoch = util.computeEpochAtSlot(slot);
  const aggregatorKeyObj = state.epochCtx.pubkeyCache.getPubkey(aggregatorIndex);
  const participants: PublicKey[] = [];
  for (const i of contribution.aggregationBits.getTrueBitIndexes()) {
    const pk = pubkeyOf(state, subcommittee[i]);
    if (pk === null) gossipReject("invalid aggregate signature");
    participants.push(pk);
  }
  const sets: SignatureSet[] = [
    {
      kind: "single",
      pubkey: aggregatorKeyObj,
      signingRoot: computeSigningRoot(altair.SyncAggregatorSelectionData, {slot, subcommitteeIndex}, util.getDomain(state.state, DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF, epoch)),
      signature: selectionProof,
    },
    {
      kind: "single",
      pubkey: aggregatorKeyObj,
      signingRoot: computeSigningRoot(altair.ContributionAndProof, signed.message, util.getDomain(state.state, DOMAIN_CONTRIBUTION_AND_PROOF, epoch)),
      signature: signed.signature,
    },
    {kind: "aggregate", pubkeys: participants, signingRoot: computeSigningRoot(ssz.Root, beaconBlockRoot, util.getDomain(state.state, DOMAIN_SYNC_COMMITTEE, epoch)), signature: contribution.signature},
  ];
  if (!(await ctx.verifySignatureSets(sets, {batchable: true}))) {
    if (!(await ctx.verifySignatureSets([sets[0]]))) gossipReject("invalid selection proof signature");
    if (!(await ctx.verifySignatureSets([sets[1]]))) gossipReject("invalid aggregator signature");
    gossipReject("invalid aggregate signature");
  }
  if (ctx.seen.syncContributionAggregatorSlots.has(slot, aggregatorKey)) gossipIgnore("already seen contribution from this aggregator");
  ctx.seen.syncContributionAggregatorSlots.add(slot, aggregatorKey);
  ctx.seen.syncContributionData.add(slot, dataKey, contribution.aggregationBits);
}

/** get_sync_subcommittee_pubkeys as hex, in committee order. */
function subcommitteePubkeys(state: CachedBeaconState, subcommitteeIndex: number): string[] {
  const out = new Array<string>(SUBCOMMITTEE_SIZE);
  for (const [pubkey, positions] of committeePositions(state)) {
    for (const p of positions) if (Math.floor(p / SUBCOMMITTEE_SIZE) === subcommitteeIndex) out[p % SUBCOMMITTEE_SIZE] = pubkey;
  }
  return out;
}

function pubkeyOf(state: CachedBeaconState, pubkeyHex: string): PublicKey | null {
  const index = state.epochCtx.pubkeyCache.getIndex(state.state, Buffer.from(pubkeyHex.slice(2), "hex"));
  return index === null ? null : state.epochCtx.pubkeyCache.getPubkey(index);
}
