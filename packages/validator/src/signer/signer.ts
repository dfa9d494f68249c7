// One validator key behind one interface: every duty signs through a Signer, whatever holds the
// key (a local SecretKey today; slashing protection or a remote signer wrap it later).
import type {ForkName} from "@hearth/params";
import type {BeaconConfig} from "@hearth/config";
import type {phase0} from "@hearth/types";
import type {BeaconBlockAllForks} from "@hearth/state-transition";
import type {SecretKey} from "@hearth/bls";
import {
  computeMessageSigningRoot,
  type AggregateAndProofAllForks,
  type ContributionAndProof,
  type SignableMessage,
  type SigningRequest,
  type ValidatorRegistrationV1,
} from "./messages.js";
import {guardSignFn, type SigningGuards} from "./guarded.js";

/** The signing duties of one validator key; each resolves to a 96-byte signature. */
export interface Signer {
  readonly pubkey: Uint8Array;
  /** phase0 validator.md, get_block_signature; `fork` picks the block type and must be the fork at the block's epoch. */
  signBlock(fork: ForkName, block: BeaconBlockAllForks): Promise<Uint8Array>;
  /** get_epoch_signature: the RANDAO reveal of a block proposed in `epoch`. */
  signRandao(epoch: number): Promise<Uint8Array>;
  /** get_attestation_signature */
  signAttestation(data: phase0.AttestationData): Promise<Uint8Array>;
  /** get_aggregate_and_proof_signature */
  signAggregateAndProof(fork: ForkName, aggregateAndProof: AggregateAndProofAllForks): Promise<Uint8Array>;
  /** get_slot_signature: the selection proof of an attestation aggregator. */
  signSelectionProof(slot: number): Promise<Uint8Array>;
  /** altair get_sync_committee_message: the signature over the head block root at `slot`. */
  signSyncCommitteeMessage(slot: number, blockRoot: Uint8Array): Promise<Uint8Array>;
  /** altair get_sync_committee_selection_proof */
  signSyncSelectionProof(slot: number, subcommitteeIndex: number): Promise<Uint8Array>;
  /** altair get_contribution_and_proof_signature */
  signContributionAndProof(contributionAndProof: ContributionAndProof): Promise<Uint8Array>;
  /** builder-specs: the signature of a ValidatorRegistrationV1 (register_validator). */
  signValidatorRegistration(registration: ValidatorRegistrationV1): Promise<Uint8Array>;
}

/** Makes the signature of one request: the only place a key is used. */
export type SignFn = (request: SigningRequest) => Promise<Uint8Array>;

/**
 * A Signer that computes each message's signing root from the chain config and hands message and
 * root together to `sign`. A wrapper that needs to see what is signed (slashing protection) wraps
 * `sign`, or the Signer's methods, and never has to recompute a domain.
 */
export class RequestSigner implements Signer {
  constructor(
    readonly pubkey: Uint8Array,
    private readonly config: BeaconConfig,
    private readonly sign: SignFn,
  ) {}

  private request(message: SignableMessage): Promise<Uint8Array> {
    // computed synchronously so that a bad message throws before anything reaches `sign`
    let signingRoot: Uint8Array;
    try {
      signingRoot = computeMessageSigningRoot(this.config, message);
    } catch (e) {
      return Promise.reject(e);
    }
    return this.sign({pubkey: this.pubkey, message, signingRoot});
  }

  signBlock(fork: ForkName, block: BeaconBlockAllForks): Promise<Uint8Array> {
    return this.request({type: "block", fork, block});
  }
  signRandao(epoch: number): Promise<Uint8Array> {
    return this.request({type: "randao", epoch});
  }
  signAttestation(data: phase0.AttestationData): Promise<Uint8Array> {
    return this.request({type: "attestation", data});
  }
  signAggregateAndProof(fork: ForkName, aggregateAndProof: AggregateAndProofAllForks): Promise<Uint8Array> {
    return this.request({type: "aggregateAndProof", fork, aggregateAndProof});
  }
  signSelectionProof(slot: number): Promise<Uint8Array> {
    return this.request({type: "selectionProof", slot});
  }
  signSyncCommitteeMessage(slot: number, blockRoot: Uint8Array): Promise<Uint8Array> {
    return this.request({type: "syncCommitteeMessage", slot, blockRoot});
  }
  signSyncSelectionProof(slot: number, subcommitteeIndex: number): Promise<Uint8Array> {
    return this.request({type: "syncSelectionProof", slot, subcommitteeIndex});
  }
  signContributionAndProof(contributionAndProof: ContributionAndProof): Promise<Uint8Array> {
    return this.request({type: "contributionAndProof", contributionAndProof});
  }
  signValidatorRegistration(registration: ValidatorRegistrationV1): Promise<Uint8Array> {
    return this.request({type: "validatorRegistration", registration});
  }
}

/**
 * A Signer over a local secret key: bls.Sign of the request's signing root; with `guards`, every
 * block and attestation passes slashing (and doppelganger) protection first.
 */
export function createLocalSigner(secretKey: SecretKey, config: BeaconConfig, guards?: SigningGuards): RequestSigner {
  const sign: SignFn = async (request) => secretKey.sign(request.signingRoot).toBytes();
  return new RequestSigner(secretKey.toPublicKey().toBytes(), config, guards === undefined ? sign : guardSignFn(sign, config, guards));
}
