// Attestation helpers of phase0 beacon-chain.md (get_attesting_indices, get_indexed_attestation,
// is_valid_indexed_attestation, is_slashable_attestation_data) with electra's committee_bits.
import {DOMAIN_BEACON_ATTESTER, ForkSeq, MAX_COMMITTEES_PER_SLOT} from "@hearth/params";
import {phase0, electra} from "@hearth/types";
import {computeSigningRoot} from "@hearth/config";
import {verifySignatureSets, type SignatureSet} from "@hearth/bls";
import type {BitArray} from "@chainsafe/ssz";
import type {CachedBeaconState} from "../types.js";
import {getDomain} from "./domain.js";

/** Any fork's attestation: electra adds committee_bits and widens aggregation_bits. */
export type AttestationAllForks = phase0.Attestation | electra.Attestation;
export type IndexedAttestationAllForks = phase0.IndexedAttestation | electra.IndexedAttestation;

/** get_committee_indices (electra): the committee indices whose bit is set. */
export function getCommitteeIndices(committeeBits: BitArray): number[] {
  const out: number[] = [];
  for (let i = 0; i < MAX_COMMITTEES_PER_SLOT && i < committeeBits.bitLen; i++) if (committeeBits.get(i)) out.push(i);
  return out;
}

/**
 * get_attesting_indices, in committee order (the spec returns a set; callers that need one sort or
 * dedupe). Throws when the aggregation bits do not match the committee sizes: the spec's asserts in
 * process_attestation (phase0 len(aggregation_bits) == len(committee); electra the summed length).
 */
export function getAttestingIndices(cs: CachedBeaconState, attestation: AttestationAllForks): number[] {
  const {data, aggregationBits} = attestation;
  const out: number[] = [];
  if (ForkSeq[cs.fork] >= ForkSeq.electra && "committeeBits" in attestation) {
    let offset = 0;
    for (const committeeIndex of getCommitteeIndices(attestation.committeeBits)) {
      const committee = cs.epochCtx.getBeaconCommittee(data.slot, committeeIndex);
      for (let i = 0; i < committee.length; i++) if (aggregationBits.get(offset + i)) out.push(committee[i]);
      offset += committee.length;
    }
    if (aggregationBits.bitLen !== offset) throw new Error(`aggregation_bits length ${aggregationBits.bitLen} != committees' total ${offset}`);
    return out;
  }
  const committee = cs.epochCtx.getBeaconCommittee(data.slot, data.index);
  if (aggregationBits.bitLen !== committee.length) throw new Error(`aggregation_bits length ${aggregationBits.bitLen} != committee size ${committee.length}`);
  for (let i = 0; i < committee.length; i++) if (aggregationBits.get(i)) out.push(committee[i]);
  return out;
}

/** get_indexed_attestation: attesting indices sorted ascending. */
export function getIndexedAttestation(cs: CachedBeaconState, attestation: AttestationAllForks): IndexedAttestationAllForks {
  const attestingIndices = Array.from(new Set(getAttestingIndices(cs, attestation))).sort((a, b) => a - b);
  return {attestingIndices, data: attestation.data, signature: attestation.signature};
}

/** The signature set of an indexed attestation: one aggregate over the attesters' keys. */
export function getIndexedAttestationSignatureSet(cs: CachedBeaconState, indexed: IndexedAttestationAllForks): SignatureSet {
  const domain = getDomain(cs.state, DOMAIN_BEACON_ATTESTER, indexed.data.target.epoch);
  return {
    kind: "aggregate",
    pubkeys: indexed.attestingIndices.map((i) => cs.epochCtx.pubkeyCache.getPubkey(i)),
    signingRoot: computeSigningRoot(phase0.AttestationData, indexed.data, domain),
    signature: indexed.signature,
  };
}

/**
 * is_valid_indexed_attestation: indices non-empty, sorted and unique, known validators, and (when
 * asked) a valid aggregate signature.
 */
export function isValidIndexedAttestation(cs: CachedBeaconState, indexed: IndexedAttestationAllForks, verifySignature: boolean): boolean {
  const indices = indexed.attestingIndices;
  if (indices.length === 0) return false;
  for (let i = 1; i < indices.length; i++) if (indices[i] <= indices[i - 1]) return false;
  if (indices[indices.length - 1] >= cs.state.validators.length) return false;
  if (!verifySignature) return true;
  try {
    return verifySignatureSets([getIndexedAttestationSignatureSet(cs, indexed)]);
  } catch {
    // A key in the state that does not decode cannot have signed.
    return false;
  }
}

/** is_slashable_attestation_data: a double vote or a surround vote. */
export function isSlashableAttestationData(a: phase0.AttestationData, b: phase0.AttestationData): boolean {
  const doubleVote = !phase0.AttestationData.equals(a, b) && a.target.epoch === b.target.epoch;
  const surroundVote = a.source.epoch < b.source.epoch && b.target.epoch < a.target.epoch;
  return doubleVote || surroundVote;
}
