// Attestations and aggregates offered to the chain (the API's pool endpoints, gossip later): checked
// as phase0/electra p2p-interface.md's beacon_attestation and beacon_aggregate_and_proof rules ask
// where they concern validity (committee, bits, signatures, aggregator selection), then pooled and
// counted as fork-choice votes.
import {createHash} from "node:crypto";
import {
  DOMAIN_AGGREGATE_AND_PROOF,
  DOMAIN_BEACON_ATTESTER,
  DOMAIN_SELECTION_PROOF,
  ForkSeq,
  MAX_COMMITTEES_PER_SLOT,
  SLOTS_PER_EPOCH,
  TARGET_AGGREGATORS_PER_COMMITTEE,
} from "@hearth/params";
import {phase0, electra, ssz} from "@hearth/types";
import {computeSigningRoot, toHex} from "@hearth/config";
import {Signature, verifySignatureSets, type SignatureSet} from "@hearth/bls";
import {util, type CachedBeaconState} from "@hearth/state-transition";
import {BitArray, type Type, type ValueOf} from "@chainsafe/ssz";
import {OpError, OpErrorCode, errorMessage} from "../errors.js";
import {ChainEvent} from "../emitter.js";
import type {BeaconChain} from "../chain.js";
import {PoolInsertOutcome} from "./attestationPool.js";

const {computeEpochAtSlot, getDomain} = util;

export type SubmittedAttestation = phase0.Attestation | electra.SingleAttestation;
export type SignedAggregateAndProof = ValueOf<typeof phase0.SignedAggregateAndProof> | ValueOf<typeof electra.SignedAggregateAndProof>;

/** The checks shared by single votes and aggregates: slot window, known blocks, the target's state and committee. */
async function attestationContext(
  chain: BeaconChain,
  data: phase0.AttestationData,
  committeeIndex: number
): Promise<{state: CachedBeaconState; committee: Uint32Array}> {
  const currentSlot = chain.clock.currentSlot;
  // ATTESTATION_PROPAGATION_SLOT_RANGE is 32; pool entries older than the inclusion window are useless anyway.
  if (data.slot > currentSlot || data.slot + SLOTS_PER_EPOCH < currentSlot) throw new OpError(OpErrorCode.OUT_OF_RANGE, {slot: data.slot, currentSlot});
  if (data.target.epoch !== computeEpochAtSlot(data.slot)) throw new OpError(OpErrorCode.INVALID, {reason: "target epoch is not the epoch of the slot"});
  const fc = chain.forkChoice;
  const blockRoot = toHex(data.beaconBlockRoot);
  if (!fc.hasBlock(blockRoot)) throw new OpError(OpErrorCode.UNKNOWN_BLOCK, {root: blockRoot});
  const target = {epoch: data.target.epoch, root: toHex(data.target.root)};
  if (!fc.hasBlock(target.root)) throw new OpError(OpErrorCode.UNKNOWN_BLOCK, {root: target.root});
  let state: CachedBeaconState;
  try {
    state = await chain.regen.getCheckpointState(target);
  } catch (e) {
    throw new OpError(OpErrorCode.UNKNOWN_BLOCK, {root: target.root, reason: errorMessage(e)});
  }
  if (committeeIndex >= state.epochCtx.getCommitteeCountPerSlot(data.target.epoch)) {
    throw new OpError(OpErrorCode.INVALID, {reason: `committee index ${committeeIndex} out of range`});
  }
  return {state, committee: state.epochCtx.getBeaconCommittee(data.slot, committeeIndex)};
}

function attesterSigningRoot(state: CachedBeaconState, data: phase0.AttestationData): Uint8Array {
  return computeSigningRoot(phase0.AttestationData, data, getDomain(state.state, DOMAIN_BEACON_ATTESTER, data.target.epoch));
}

/** A single validator's attestation (phase0 Attestation with one bit; electra SingleAttestation). */
export async function submitAttestation(chain: BeaconChain, attestation: SubmittedAttestation): Promise<PoolInsertOutcome> {
  const {data} = attestation;
  const electraSingle = "attesterIndex" in attestation;
  if (ForkSeq[chain.forkAtSlot(data.slot)] >= ForkSeq.electra !== electraSingle) {
    throw new OpError(OpErrorCode.INVALID, {reason: electraSingle ? "SingleAttestation before electra" : "electra expects a SingleAttestation"});
  }
  if (electraSingle && data.index !== 0) throw new OpError(OpErrorCode.INVALID, {reason: "data.index must be 0 from electra"});
  const committeeIndex = electraSingle ? attestation.committeeIndex : data.index;
  const {state, committee} = await attestationContext(chain, data, committeeIndex);

  let position: number;
  if (electraSingle) {
    position = committee.indexOf(attestation.attesterIndex);
    if (position < 0) throw new OpError(OpErrorCode.INVALID, {reason: `validator ${attestation.attesterIndex} not in committee ${committeeIndex}`});
  } else {
    if (attestation.aggregationBits.bitLen !== committee.length) throw new OpError(OpErrorCode.INVALID, {reason: "aggregation bits do not match the committee size"});
    const single = attestation.aggregationBits.getSingleTrueBit();
    if (single === null) throw new OpError(OpErrorCode.INVALID, {reason: "not exactly one aggregation bit set"});
    position = single;
  }
  const validatorIndex = committee[position];
  const set: SignatureSet = {
    kind: "single",
    pubkey: state.epochCtx.pubkeyCache.getPubkey(validatorIndex),
    signingRoot: attesterSigningRoot(state, data),
    signature: attestation.signature,
  };
  if (!verifySignatureSets([set])) throw new OpError(OpErrorCode.INVALID_SIGNATURE, {validatorIndex});

  const outcome = chain.attestationPool.add({
    data,
    dataRoot: toHex(phase0.AttestationData.hashTreeRoot(data)),
    committeeIndex,
    aggregationBits: BitArray.fromSingleBit(committee.length, position),
    signature: Signature.fromBytes(attestation.signature),
  });
  chain.addVote(data, [validatorIndex]);
  chain.emitter.emit(ChainEvent.attestation, attestation);
  return outcome;
}

/** is_aggregator (phase0 validator.md "Aggregation selection") */
export function isAggregator(committeeLength: number, selectionProof: Uint8Array): boolean {
  const modulo = Math.max(1, Math.floor(committeeLength / TARGET_AGGREGATORS_PER_COMMITTEE));
  const hash = createHash("sha256").update(selectionProof).digest();
  return Number(new DataView(hash.buffer, hash.byteOffset, 8).getBigUint64(0, true) % BigInt(modulo)) === 0;
}

/** A SignedAggregateAndProof: aggregator selection, the three signatures in one batch, then pool and votes. */
export async function submitAggregateAndProof(chain: BeaconChain, signed: SignedAggregateAndProof): Promise<PoolInsertOutcome> {
  const {aggregatorIndex, aggregate, selectionProof} = signed.message;
  const {data} = aggregate;
  const isElectra = ForkSeq[chain.forkAtSlot(data.slot)] >= ForkSeq.electra;
  let committeeIndex = data.index;
  if (isElectra) {
    if (!("committeeBits" in aggregate)) throw new OpError(OpErrorCode.INVALID, {reason: "electra aggregate without committee_bits"});
    const indices = util.getCommitteeIndices(aggregate.committeeBits);
    if (indices.length !== 1 || data.index !== 0) throw new OpError(OpErrorCode.INVALID, {reason: "an aggregate must name exactly one committee"});
    committeeIndex = indices[0];
  }
  const {state, committee} = await attestationContext(chain, data, committeeIndex);
  if (aggregate.aggregationBits.bitLen !== committee.length) throw new OpError(OpErrorCode.INVALID, {reason: "aggregation bits do not match the committee size"});
  const attesters = aggregate.aggregationBits.intersectValues(committee);
  if (attesters.length === 0) throw new OpError(OpErrorCode.INVALID, {reason: "empty aggregate"});
  if (!committee.includes(aggregatorIndex)) throw new OpError(OpErrorCode.INVALID, {reason: `aggregator ${aggregatorIndex} not in the committee`});
  if (!isAggregator(committee.length, selectionProof)) throw new OpError(OpErrorCode.INVALID, {reason: "selection proof does not select an aggregator"});

  const pubkeys = state.epochCtx.pubkeyCache;
  const epoch = data.target.epoch;
  const aggregateAndProofType = (isElectra ? electra.AggregateAndProof : phase0.AggregateAndProof) as unknown as Type<typeof signed.message>;
  const sets: SignatureSet[] = [
    {
      kind: "single",
      pubkey: pubkeys.getPubkey(aggregatorIndex),
      signingRoot: computeSigningRoot(ssz.Slot, data.slot, getDomain(state.state, DOMAIN_SELECTION_PROOF, epoch)),
      signature: selectionProof,
    },
    {
      kind: "single",
      pubkey: pubkeys.getPubkey(aggregatorIndex),
      signingRoot: computeSigningRoot(aggregateAndProofType, signed.message, getDomain(state.state, DOMAIN_AGGREGATE_AND_PROOF, epoch)),
      signature: signed.signature,
    },
    {kind: "aggregate", pubkeys: attesters.map((i) => pubkeys.getPubkey(i)), signingRoot: attesterSigningRoot(state, data), signature: aggregate.signature},
  ];
  if (!verifySignatureSets(sets)) throw new OpError(OpErrorCode.INVALID_SIGNATURE, {aggregatorIndex});

  const outcome = chain.attestationPool.add({
    data,
    dataRoot: toHex(phase0.AttestationData.hashTreeRoot(data)),
    committeeIndex,
    aggregationBits: aggregate.aggregationBits,
    signature: Signature.fromBytes(aggregate.signature),
  });
  chain.addVote(data, attesters);
  return outcome;
}

/** The pooled aggregate of (slot, data root[, committee]) as the fork's Attestation; null when none. */
export function getAggregate(chain: BeaconChain, slot: number, dataRoot: string, committeeIndex?: number): phase0.Attestation | electra.Attestation | null {
  const entry = chain.attestationPool.getAggregate(slot, dataRoot, committeeIndex);
  if (entry === null) return null;
  const signature = entry.signature.toBytes();
  if (ForkSeq[chain.forkAtSlot(slot)] < ForkSeq.electra) return {aggregationBits: entry.aggregationBits.clone(), data: entry.data, signature};
  const committeeBits = BitArray.fromSingleBit(MAX_COMMITTEES_PER_SLOT, entry.committeeIndex);
  return {aggregationBits: entry.aggregationBits.clone(), data: entry.data, signature, committeeBits};
}
