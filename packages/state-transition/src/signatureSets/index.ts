// Every signature a block carries, as sets for one verifySignatureSets batch (DESIGN.md "How data
// flows": verify the batch, then run stateTransition with verifySignatures: false).
import {ForkSeq} from "@hearth/params";
import type {SignatureSet} from "@hearth/bls";
import type {ValueOf} from "@chainsafe/ssz";
import type {phase0, altair, capella} from "@hearth/types";
import type {CachedBeaconState} from "../types.js";
import type {SignedBeaconBlockAllForks} from "../block/types.js";
import type {AttestationAllForks, IndexedAttestationAllForks} from "../util/attestation.js";
import {getBlockProposerSignatureSet, getProposerSlashingSignatureSets, getRandaoRevealSignatureSet} from "./proposer.js";
import {
  getAttestationSignatureSet,
  getAttesterSlashingSignatureSets,
  getBlsToExecutionChangeSignatureSet,
  getVoluntaryExitSignatureSet,
} from "./operations.js";
import {getSyncAggregateSignatureSet} from "./syncAggregate.js";

export * from "./proposer.js";
export * from "./operations.js";
export * from "./syncAggregate.js";

/**
 * The signature sets of `signedBlock`: proposer, RANDAO, proposer slashings, attester slashings,
 * attestations, voluntary exits, sync aggregate, BLS-to-execution changes. Deposits are left out: an
 * invalid deposit signature skips the deposit, it does not invalidate the block.
 *
 * `cs` must be the pre-state already advanced to the block's slot (process_slots): every domain and
 * committee is read from it, as process_block reads them before any operation changes the state.
 * Throws when the block names something the state cannot have signed (an unknown validator, a
 * malformed attestation, a BLS change key that does not decode): such a block is invalid.
 */
export function getBlockSignatureSets(cs: CachedBeaconState, signedBlock: SignedBeaconBlockAllForks): SignatureSet[] {
  const block = signedBlock.message;
  if (cs.state.slot !== block.slot) throw new Error(`getBlockSignatureSets: state at slot ${cs.state.slot}, block at ${block.slot}`);
  const seq = ForkSeq[cs.fork];
  // The body fields of every fork, typed loosely: which exist is decided by the fork.
  const body = block.body as unknown as {
    proposerSlashings: ValueOf<typeof phase0.ProposerSlashing>[];
    voluntaryExits: ValueOf<typeof phase0.SignedVoluntaryExit>[];
    attesterSlashings: {attestation1: IndexedAttestationAllForks; attestation2: IndexedAttestationAllForks}[];
    attestations: AttestationAllForks[];
    syncAggregate?: altair.SyncAggregate;
    blsToExecutionChanges?: ValueOf<typeof capella.SignedBLSToExecutionChange>[];
  };

  const sets: SignatureSet[] = [getBlockProposerSignatureSet(cs, signedBlock), getRandaoRevealSignatureSet(cs, signedBlock)];
  for (const slashing of body.proposerSlashings) sets.push(...getProposerSlashingSignatureSets(cs, slashing));
  for (const slashing of body.attesterSlashings) sets.push(...getAttesterSlashingSignatureSets(cs, slashing));
  for (const attestation of body.attestations) sets.push(getAttestationSignatureSet(cs, attestation));
  for (const exit of body.voluntaryExits) sets.push(getVoluntaryExitSignatureSet(cs, exit));
  if (seq >= ForkSeq.altair && body.syncAggregate) {
    const set = getSyncAggregateSignatureSet(cs, body.syncAggregate);
    if (set) sets.push(set);
  }
  if (seq >= ForkSeq.capella && body.blsToExecutionChanges) {
    for (const change of body.blsToExecutionChanges) sets.push(getBlsToExecutionChangeSignatureSet(cs, change));
  }
  return sets;
}
