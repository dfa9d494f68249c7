import {verifySignatureSets} from "@hearth/bls";
import type {CachedBeaconState} from "../types.js";
import {getCurrentEpoch} from "../util/epoch.js";
import {isSlashableValidator} from "../util/validator.js";
import {slashValidator} from "../util/slash.js";
import {
  getIndexedAttestationSignatureSet,
  isSlashableAttestationData,
  isValidIndexedAttestation,
  type IndexedAttestationAllForks,
} from "../util/attestation.js";

export interface AttesterSlashingAllForks {
  attestation1: IndexedAttestationAllForks;
  attestation2: IndexedAttestationAllForks;
}

/**
 * process_attester_slashing (phase0 beacon-chain.md "Attester slashings"; electra only widens the
 * indexed attestations).
 */
export function processAttesterSlashing(cs: CachedBeaconState, attesterSlashing: AttesterSlashingAllForks, verifySignatures = true): void {
  const {attestation1, attestation2} = attesterSlashing;
  if (!isSlashableAttestationData(attestation1.data, attestation2.data)) {
    throw new Error("process_attester_slashing: attestation data is not slashable");
  }
  // Structure first (indices sorted, unique, known); both signatures then go to one batch.
  if (!isValidIndexedAttestation(cs, attestation1, false)) throw new Error("process_attester_slashing: invalid attestation_1");
  if (!isValidIndexedAttestation(cs, attestation2, false)) throw new Error("process_attester_slashing: invalid attestation_2");
  if (verifySignatures) {
    let valid: boolean;
    try {
      const sets = [getIndexedAttestationSignatureSet(cs, attestation1), getIndexedAttestationSignatureSet(cs, attestation2)];
      valid = verifySignatureSets(sets);
    } catch {
      // A registry key that does not decode cannot have signed.
      valid = false;
    }
    if (!valid) throw new Error("process_attester_slashing: invalid indexed attestation signature");
  }

  const {state} = cs;
  const epoch = getCurrentEpoch(state);
  // Both index lists are strictly ascending (checked above), so the sorted intersection is a merge.
  const indices1 = attestation1.attestingIndices;
  const indices2 = attestation2.attestingIndices;
  let slashedAny = false;
  for (let i = 0, j = 0; i < indices1.length && j < indices2.length; ) {
    if (indices1[i] < indices2[j]) i++;
    else if (indices1[i] > indices2[j]) j++;
    else {
      const index = indices1[i];
      if (isSlashableValidator(state.validators.getReadonly(index), epoch)) {
        slashValidator(cs, index);
        slashedAny = true;
      }
      i++;
      j++;
    }
  }
  if (!slashedAny) throw new Error("process_attester_slashing: no validator slashed");
}
