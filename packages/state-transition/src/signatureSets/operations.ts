// Signature sets of a block's signed operations, each with the domain its process_* function uses.
import {DOMAIN_BLS_TO_EXECUTION_CHANGE, DOMAIN_VOLUNTARY_EXIT, ForkSeq} from "@hearth/params";
import {computeDomain, computeSigningRoot} from "@hearth/config";
import {phase0, capella} from "@hearth/types";
import {PublicKey, type SignatureSet} from "@hearth/bls";
import type {ValueOf} from "@chainsafe/ssz";
import type {CachedBeaconState} from "../types.js";
import {getDomain} from "../util/domain.js";
import {validatorPubkey} from "./proposer.js";
import {
  getIndexedAttestation,
  getIndexedAttestationSignatureSet,
  type AttestationAllForks,
  type IndexedAttestationAllForks,
} from "../util/attestation.js";

/** process_attester_slashing: both indexed attestations, as is_valid_indexed_attestation checks them. */
export function getAttesterSlashingSignatureSets(
  cs: CachedBeaconState,
  slashing: {attestation1: IndexedAttestationAllForks; attestation2: IndexedAttestationAllForks}
): SignatureSet[] {
  return [getIndexedAttestationSignatureSet(cs, slashing.attestation1), getIndexedAttestationSignatureSet(cs, slashing.attestation2)];
}

/** process_attestation: the attestation as get_indexed_attestation makes it. */
export function getAttestationSignatureSet(cs: CachedBeaconState, attestation: AttestationAllForks): SignatureSet {
  return getIndexedAttestationSignatureSet(cs, getIndexedAttestation(cs, attestation));
}

/**
 * process_voluntary_exit. From deneb (EIP-7044) the domain is pinned to CAPELLA_FORK_VERSION so that an
 * exit signed once stays valid across later forks; before, get_domain at the exit's epoch.
 */
export function getVoluntaryExitSignatureSet(cs: CachedBeaconState, signedExit: ValueOf<typeof phase0.SignedVoluntaryExit>): SignatureSet {
  const exit = signedExit.message;
  const domain =
    ForkSeq[cs.fork] >= ForkSeq.deneb
      ? computeDomain(DOMAIN_VOLUNTARY_EXIT, cs.config.CAPELLA_FORK_VERSION, cs.state.genesisValidatorsRoot)
      : getDomain(cs.state, DOMAIN_VOLUNTARY_EXIT, exit.epoch);
  return {
    kind: "single",
    pubkey: validatorPubkey(cs, exit.validatorIndex),
    signingRoot: computeSigningRoot(phase0.VoluntaryExit, exit, domain),
    signature: signedExit.signature,
  };
}

/**
 * process_bls_to_execution_change (capella): signed by the change's own from_bls_pubkey, not a
 * registry key, under the fork-agnostic GENESIS_FORK_VERSION domain. Throws for a key that does not
 * decode: bls.Verify would reject it, so the block is invalid.
 */
export function getBlsToExecutionChangeSignatureSet(cs: CachedBeaconState, signedChange: ValueOf<typeof capella.SignedBLSToExecutionChange>): SignatureSet {
  const change = signedChange.message;
  const domain = computeDomain(DOMAIN_BLS_TO_EXECUTION_CHANGE, cs.config.GENESIS_FORK_VERSION, cs.state.genesisValidatorsRoot);
  return {
    kind: "single",
    pubkey: PublicKey.fromBytes(change.fromBlsPubkey),
    signingRoot: computeSigningRoot(capella.BLSToExecutionChange, change, domain),
    signature: signedChange.signature,
  };
}
