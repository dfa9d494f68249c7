// A block's operations from the pools, each tried on a scratch copy of the pre-state in
// process_operations' order: what the transition refuses (already included elsewhere, conflicting
// with an earlier pick, not yet valid) is left out, so the block is valid as a whole.
import {
  ForkSeq,
  MAX_ATTESTER_SLASHINGS,
  MAX_ATTESTER_SLASHINGS_ELECTRA,
  MAX_BLS_TO_EXECUTION_CHANGES,
  MAX_PROPOSER_SLASHINGS,
  MAX_VOLUNTARY_EXITS,
} from "@hearth/params";
import {
  cloneCachedState,
  processAttestation,
  processAttesterSlashing,
  processBlsToExecutionChange,
  processProposerSlashing,
  processVoluntaryExit,
  type CachedBeaconState,
} from "@hearth/state-transition";
import type {electra, phase0} from "@hearth/types";
import type {AttestationPool} from "../opPools/attestationPool.js";
import {packAttestations} from "../opPools/packAttestations.js";
import type {AttesterSlashing, OpPool, ProposerSlashing, SignedBLSToExecutionChange, SignedVoluntaryExit} from "../opPools/opPool.js";

export interface BlockOperations {
  proposerSlashings: ProposerSlashing[];
  attesterSlashings: AttesterSlashing[];
  attestations: (phase0.Attestation | electra.Attestation)[];
  voluntaryExits: SignedVoluntaryExit[];
  blsToExecutionChanges: SignedBLSToExecutionChange[];
}

export function emptyOperations(): BlockOperations {
  return {proposerSlashings: [], attesterSlashings: [], attestations: [], voluntaryExits: [], blsToExecutionChanges: []};
}

/** Up to `max` of `items` that `apply` accepts on the scratch state, in order. */
function takeValid<T>(items: T[], max: number, apply: (item: T) => void): T[] {
  const out: T[] = [];
  for (const item of items) {
    if (out.length >= max) break;
    try {
      apply(item);
      out.push(item);
    } catch {
      // refused by the transition on this state: not for this block
    }
  }
  return out;
}

/** The operations for a block whose pre-state (advanced to its slot) is `preState`. */
export function selectOperations(preState: CachedBeaconState, attestationPool: AttestationPool, opPool: OpPool): BlockOperations {
  const seq = ForkSeq[preState.fork];
  const scratch = cloneCachedState(preState);
  const candidates = opPool.getCandidates(preState);
  // Signatures were checked when the operations entered the pools.
  const proposerSlashings = takeValid(candidates.proposerSlashings, MAX_PROPOSER_SLASHINGS, (op) => processProposerSlashing(scratch, op, false));
  const attesterSlashings = takeValid(
    candidates.attesterSlashings,
    seq >= ForkSeq.electra ? MAX_ATTESTER_SLASHINGS_ELECTRA : MAX_ATTESTER_SLASHINGS,
    (op) => processAttesterSlashing(scratch, op, false)
  );
  const packed = packAttestations(scratch, attestationPool);
  const attestations = takeValid(packed, packed.length, (op) => processAttestation(scratch, op, false));
  const voluntaryExits = takeValid(candidates.voluntaryExits, MAX_VOLUNTARY_EXITS, (op) => processVoluntaryExit(scratch, op, false));
  const blsToExecutionChanges =
    seq >= ForkSeq.capella
      ? takeValid(candidates.blsToExecutionChanges, MAX_BLS_TO_EXECUTION_CHANGES, (op) => processBlsToExecutionChange(scratch, op, false))
      : [];
  return {proposerSlashings, attesterSlashings, attestations, voluntaryExits, blsToExecutionChanges};
}
