// beacon_attestation_{subnet_id} and beacon_aggregate_and_proof: validate_beacon_attestation_gossip
// and validate_beacon_aggregate_and_proof_gossip (phase0, deneb and electra p2p-interface.md).
// Signatures go through ctx.verifySignatureSets with `batchable`, so the node verifies many
// attestations in one BLS batch.
import {ATTESTATION_SUBNET_COUNT, DOMAIN_AGGREGATE_AND_PROOF, DOMAIN_BEACON_ATTESTER, DOMAIN_SELECTION_PROOF, ForkSeq, MAX_COMMITTEES_PER_SLOT, SLOTS_PER_EPOCH, TARGET_COMMITTEE_SIZE} from "@hearth/params";
import {electra, phase0, ssz} from "@hearth/types";
import {computeSigningRoot, toHex} from "@hearth/config";
import type {SignatureSet} from "@hearth/bls";
import {util, type CachedBeaconState} from "@hearth/state-transition";
import type {Type, ValueOf} from "@chainsafe/ssz";
import {isAggregator} from "../opPools/submitAttestations.js";
import {countBits} from "../opPools/attestationPool.js";
import {gossipIgnore, gossipReject} from "./errors.js";
import {isCurrentOrPreviousEpoch, isNotFromFutureSlot, isWithinSlotRange, type GossipValidationContext} from "./context.js";
import {forkScheduleOf} from "./block.js";

export type GossipAttestation = phase0.Attestation | electra.SingleAttestation;
export type GossipAggregateAndProof = ValueOf<typeof phase0.SignedAggregateAndProof> | ValueOf<typeof electra.SignedAggregateAndProof>;

export interface ValidatedAttestation {
  attesterIndex: number;
  committeeIndex: number;
  /** The attester's position in its committee. */
  committeePosition: number;
  committeeSize: number;
}

/** phase0 validator.md compute_subnet_for_attestation */
export function computeSubnetForAttestation(committeesPerSlot: number, slot: number, committeeIndex: number): number {
  return (committeesPerSlot * (slot % SLOTS_PER_EPOCH) + committeeIndex) % ATTESTATION_SUBNET_COUNT;
}

function forkSeqAtSlot(ctx: GossipValidationContext, slot: number): number {
  return ForkSeq[forkScheduleOf(ctx.config).forkAtEpoch(util.computeEpochAtSlot(slot))];
}

/** get_committee_count_per_slot on the head state; the head state's caches cover previous..next epoch. */
function committeeCount(state: CachedBeaconState, epoch: number): number {
  try {
    return state.epochCtx.getCommitteeCountPerSlot(epoch);
  } catch {
    // Outside the cached shufflings (e.g. a target epoch that does not match the slot): the count
    // only needs the active validator count at that epoch (get_committee_count_per_slot).
    let active = 0;
    const validators = state.state.validators.getAllReadonlyValues();
    for (const v of validators) if (util.isActiveValidator(v, epoch)) active++;
    return Math.max(1, Math.min(MAX_COMMITTEES_PER_SLOT, Math.floor(active / SLOTS_PER_EPOCH / TARGET_COMMITTEE_SIZE)));
  }
}

/** The slot-window rule: phase0 ATTESTATION_PROPAGATION_SLOT_RANGE, deneb+ current or previous epoch (EIP-7045). */
function checkPropagationWindow(ctx: GossipValidationContext, slot: number, currentTimeMs: number, what: string): void {
  if (forkSeqAtSlot(ctx, slot) < ForkSeq.deneb) {
    if (!isWithinSlotRange(ctx, slot, ctx.config.ATTESTATION_PROPAGATION_SLOT_RANGE, currentTimeMs)) gossipIgnore(`${what} slot not within propagation range`);
    return;
  }
  if (!isNotFromFutureSlot(ctx, slot, currentTimeMs)) gossipIgnore(`${what} slot is from a future slot`);
  if (!isCurrentOrPreviousEpoch(ctx, util.computeEpochAtSlot(slot), currentTimeMs)) gossipIgnore(`${what} epoch is not current or previous epoch`);
}

/** The block-related tail shared by attestations and aggregates. */
function checkVotedBlock(ctx: GossipValidationContext, data: phase0.AttestationData): void {
  const root = toHex(data.beaconBlockRoot);
  if (ctx.getBlockSlot(root) === null) gossipIgnore("block being voted for has not been seen");
  if (!ctx.isBlockValid(root)) gossipReject("block being voted for failed validation");
  if (ctx.getCheckpointBlock(root, data.target.epoch) !== toHex(data.target.root)) gossipReject("target block is not an ancestor of LMD vote block");
  const finalized = ctx.finalizedCheckpoint();
  if (ctx.getCheckpointBlock(root, finalized.epoch) !== finalized.root) gossipIgnore("finalized checkpoint is not an ancestor of block");
}

function attesterSigningRoot(state: CachedBeaconState, data: phase0.AttestationData): Uint8Array {
  return computeSigningRoot(phase0.AttestationData, data, util.getDomain(state.state, DOMAIN_BEACON_ATTESTER, data.target.epoch));
}

export async function validateGossipAttestation(
  ctx: GossipValidationContext,
  attestation: GossipAttestation,
  subnetId: number,
  currentTimeMs = ctx.currentTimeMs()
): Promise<ValidatedAttestation> {
  const state = ctx.headState();
  const {data} = attestation;
  const targetEpoch = data.target.epoch;
  const single = "attesterIndex" in attestation;
  // electra+: SingleAttestation with data.index 0; before: a one-bit Attestation with the committee in data.index.
  if (forkSeqAtSlot(ctx, data.slot) >= ForkSeq.electra !== single) gossipReject("attestation type does not match the fork of its slot");
  if (single && data.index !== 0) gossipReject("attestation data index is non-zero");
  const committeeIndex = single ? attestation.committeeIndex : data.index;

  const committeesPerSlot = committeeCount(state, targetEpoch);
  if (committeeIndex >= committeesPerSlot) gossipReject("committee index out of range");
  if (computeSubnetForAttestation(committeesPerSlot, data.slot, committeeIndex) !== subnetId) gossipReject("attestation is for wrong subnet");
  checkPropagationWindow(ctx, data.slot, currentTimeMs, "attestation");
  if (targetEpoch !== util.computeEpochAtSlot(data.slot)) gossipReject("attestation epoch does not match target epoch");

  let committee: Uint32Array;
  try {
    committee = state.epochCtx.getBeaconCommittee(data.slot, committeeIndex);
  } catch {
    gossipIgnore("no committee for the attestation's slot");
  }
  let position: number;
  if (single) {
    position = committee.indexOf(attestation.attesterIndex);
    if (position < 0) gossipReject("attester is not a member of the committee");
  } else {
    const bits = attestation.aggregationBits;
    const set = countBits(bits);
    if (set !== 1) gossipReject("attestation is not unaggregated");
    if (bits.bitLen !== committee.length) gossipReject("aggregation bits length does not match committee size");
    position = bits.getTrueBitIndexes()[0];
  }
  const attesterIndex = committee[position];
  const seenKey = String(attesterIndex);
  if (ctx.seen.attestationValidatorEpochs.has(targetEpoch, seenKey)) gossipIgnore("already seen attestation from this validator for this epoch");

  const set: SignatureSet = {
    kind: "single",
    pubkey: state.epochCtx.pubkeyCache.getPubkey(attesterIndex),
    signingRoot: attesterSigningRoot(state, data),
    signature: attestation.signature,
  };
  if (!(await ctx.verifySignatureSets([set], {batchable: true}))) gossipReject("invalid attestation signature");
  checkVotedBlock(ctx, data);
  // A concurrent validation of the same vote may have finished first.
  if (ctx.seen.attestationValidatorEpochs.has(targetEpoch, seenKey)) gossipIgnore("already seen attestation from this validator for this epoch");
  ctx.seen.attestationValidatorEpochs.add(targetEpoch, seenKey);
  return {attesterIndex, committeeIndex, committeePosition: position, committeeSize: committee.length};
}

export interface ValidatedAggregate {
  committeeIndex: number;
  attestingIndices: number[];
}

export async function validateGossipAggregateAndProof(
  ctx: GossipValidationContext,
  signed: GossipAggregateAndProof,
  currentTimeMs = ctx.currentTimeMs()
): Promise<ValidatedAggregate> {
  const state = ctx.headState();
  const {aggregate, aggregatorIndex, selectionProof} = signed.message;
  const {data} = aggregate;
  const isElectra = forkSeqAtSlot(ctx, data.slot) >= ForkSeq.electra;
  let index = data.index;
  if (isElectra) {
    if (!("committeeBits" in aggregate)) gossipReject("aggregate type does not match the fork of its slot");
    if (data.index !== 0) gossipReject("aggregate data index is non-zero");
    const indices = util.getCommitteeIndices(aggregate.committeeBits);
    if (indices.length !== 1) gossipReject("aggregate committee bits must specify exactly one committee");
    index = indices[0];
  } else if ("committeeBits" in aggregate) {
    gossipReject("aggregate type does not match the fork of its slot");
  }
  const targetEpoch = data.target.epoch;
  if (index >= committeeCount(state, targetEpoch)) gossipReject("committee index out of range");
  checkPropagationWindow(ctx, data.slot, currentTimeMs, "aggregate");
  if (targetEpoch !== util.computeEpochAtSlot(data.slot)) gossipReject("attestation epoch does not match target epoch");
  let committee: Uint32Array;
  try {
    committee = state.epochCtx.getBeaconCommittee(data.slot, index);
  } catch {
    gossipIgnore("no committee for the aggregate's slot");
  }
  if (aggregate.aggregationBits.bitLen !== committee.length) gossipReject("aggregation bits length does not match committee size");
  const attestingIndices = aggregate.aggregationBits.intersectValues(committee);
  if (attestingIndices.length < 1) gossipReject("aggregate has no participants");

  const dataKey = `${toHex(phase0.AttestationData.hashTreeRoot(data))}:${index}`;
  if (ctx.seen.aggregateDataRoots.isCovered(targetEpoch, dataKey, aggregate.aggregationBits)) gossipIgnore("already seen aggregate for this data");
  const aggregatorKey = String(aggregatorIndex);
  if (ctx.seen.aggregatorEpochs.has(targetEpoch, aggregatorKey)) gossipIgnore("already seen aggregate from this aggregator for this epoch");
  if (!isAggregator(committee.length, selectionProof)) gossipReject("validator is not selected as aggregator");
  if (!committee.includes(aggregatorIndex)) gossipReject("aggregator index not in committee");

  const pubkeys = state.epochCtx.pubkeyCache;
  const aggregator = pubkeys.getPubkey(aggregatorIndex);
  const aapType = (isElectra ? electra.AggregateAndProof : phase0.AggregateAndProof) as unknown as Type<typeof signed.message>;
  const selectionSet: SignatureSet = {
    kind: "single",
    pubkey: aggregator,
    signingRoot: computeSigningRoot(ssz.Slot, data.slot, util.getDomain(state.state, DOMAIN_SELECTION_PROOF, targetEpoch)),
    signature: selectionProof,
  };
  const aggregatorSet: SignatureSet = {
    kind: "single",
    pubkey: aggregator,
    signingRoot: computeSigningRoot(aapType, signed.message, util.getDomain(state.state, DOMAIN_AGGREGATE_AND_PROOF, targetEpoch)),
    signature: signed.signature,
  };
  // is_valid_indexed_attestation: attesting indices sorted and unique (a committee has no repeats).
  const sorted = [...attestingIndices].sort((a, b) => a - b);
  const aggregateSet: SignatureSet = {kind: "aggregate", pubkeys: sorted.map((i) => pubkeys.getPubkey(i)), signingRoot: attesterSigningRoot(state, data), signature: aggregate.signature};
  // The spec checks the three in order; any failure is a REJECT, so one batch decides, and only on
  // failure are they told apart for the log.
  if (!(await ctx.verifySignatureSets([selectionSet, aggregatorSet, aggregateSet], {batchable: true}))) {
    if (!(await ctx.verifySignatureSets([selectionSet]))) gossipReject("invalid selection proof signature");
    if (!(await ctx.verifySignatureSets([aggregatorSet]))) gossipReject("invalid aggregator signature");
    gossipReject("invalid aggregate signature");
  }
  checkVotedBlock(ctx, data);
  if (ctx.seen.aggregatorEpochs.has(targetEpoch, aggregatorKey)) gossipIgnore("already seen aggregate from this aggregator for this epoch");
  ctx.seen.aggregatorEpochs.add(targetEpoch, aggregatorKey);
  ctx.seen.aggregateDataRoots.add(targetEpoch, dataKey, aggregate.aggregationBits);
  return {committeeIndex: index, attestingIndices};
}

