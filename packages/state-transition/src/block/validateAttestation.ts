// The checks process_attestation makes in every fork before its fork-specific bookkeeping.
import {ForkSeq, MIN_ATTESTATION_INCLUSION_DELAY, SLOTS_PER_EPOCH} from "@hearth/params";
import type {CachedBeaconState} from "../types.js";
import {computeEpochAtSlot, getCurrentEpoch, getPreviousEpoch} from "../util/epoch.js";
import {getCommitteeIndices, isValidIndexedAttestation, type AttestationAllForks} from "../util/attestation.js";

/**
 * The asserts every fork's process_attestation makes before its bookkeeping: the target epoch, the
 * inclusion window, the committee(s) and the aggregation bits' length. Returns the attesting indices
 * (get_attesting_indices, in committee order; committees of a slot are disjoint, so they are unique).
 */
export function validateAttestation(cs: CachedBeaconState, attestation: AttestationAllForks): number[] {
  const {state, epochCtx} = cs;
  const seq = ForkSeq[cs.fork];
  const {data, aggregationBits} = attestation;
  const targetEpoch = data.target.epoch;
  if (targetEpoch !== getPreviousEpoch(state) && targetEpoch !== getCurrentEpoch(state)) {
    throw new Error(`process_attestation: target epoch ${targetEpoch} is neither the previous nor the current epoch`);
  }
  if (targetEpoch !== computeEpochAtSlot(data.slot)) {
    throw new Error(`process_attestation: target epoch ${targetEpoch} != epoch of slot ${data.slot}`);
  }
  if (data.slot + MIN_ATTESTATION_INCLUSION_DELAY > state.slot) {
    throw new Error(`process_attestation: slot ${data.slot} included too early at ${state.slot}`);
  }
  // Deneb (EIP-7045) lets an attestation in until the end of the next epoch, which the target check bounds.
  if (seq < ForkSeq.deneb && state.slot > data.slot + SLOTS_PER_EPOCH) {
    throw new Error(`process_attestation: slot ${data.slot} included too late at ${state.slot}`);
  }
  const committeeCount = epochCtx.getCommitteeCountPerSlot(targetEpoch);
  const attesting: number[] = [];

  if (seq >= ForkSeq.electra) {
    if (!("committeeBits" in attestation)) throw new Error("process_attestation: attestation without committee_bits");
    if (data.index !== 0) throw new Error(`process_attestation: data.index ${data.index} != 0`);
    let offset = 0;
    for (const committeeIndex of getCommitteeIndices(attestation.committeeBits)) {
      if (committeeIndex >= committeeCount) {
        throw new Error(`process_attestation: committee index ${committeeIndex} >= committee count ${committeeCount}`);
      }
      const committee = epochCtx.getBeaconCommittee(data.slot, committeeIndex);
      const before = attesting.length;
      for (let i = 0; i < committee.length; i++) if (aggregationBits.get(offset + i)) attesting.push(committee[i]);
      if (attesting.length === before) throw new Error(`process_attestation: no attester in committee ${committeeIndex}`);
      offset += committee.length;
    }
    if (aggregationBits.bitLen !== offset) {
      throw new Error(`process_attestation: aggregation_bits length ${aggregationBits.bitLen} != committees' total ${offset}`);
    }
    return attesting;
  }

  if (data.index >= committeeCount) {
    throw new Error(`process_attestation: committee index ${data.index} >= committee count ${committeeCount}`);
  }
  const committee = epochCtx.getBeaconCommittee(data.slot, data.index);
  if (aggregationBits.bitLen !== committee.length) {
    throw new Error(`process_attestation: aggregation_bits length ${aggregationBits.bitLen} != committee size ${committee.length}`);
  }
  for (let i = 0; i < committee.length; i++) if (aggregationBits.get(i)) attesting.push(committee[i]);
  return attesting;
}

/** assert is_valid_indexed_attestation(state, get_indexed_attestation(state, attestation)) */
export function assertValidAttestationSignature(
  cs: CachedBeaconState,
  attestation: AttestationAllForks,
  attesting: number[],
  verifySignatures: boolean
): void {
  const attestingIndices = Array.from(Uint32Array.from(attesting).sort());
  const indexed = {attestingIndices, data: attestation.data, signature: attestation.signature};
  if (!isValidIndexedAttestation(cs, indexed, verifySignatures)) throw new Error("process_attestation: invalid indexed attestation");
}
