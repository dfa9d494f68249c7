// Everything a validator key signs, as data: the message, and the signing root of the spec's
// get_*_signature helper for it. A Signer turns each into a SigningRequest, so a wrapper (slashing
// protection, a remote signer) sees both the message and the exact root that gets signed.
import type {Type, ValueOf} from "@chainsafe/ssz";
import {
  DOMAIN_AGGREGATE_AND_PROOF,
  DOMAIN_APPLICATION_BUILDER,
  DOMAIN_BEACON_ATTESTER,
  DOMAIN_BEACON_PROPOSER,
  DOMAIN_CONTRIBUTION_AND_PROOF,
  DOMAIN_RANDAO,
  DOMAIN_SELECTION_PROOF,
  DOMAIN_SYNC_COMMITTEE,
  DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF,
  isForkAtLeast,
  type ForkName,
} from "@hearth/params";
import {computeDomain, computeSigningRoot, type BeaconConfig} from "@hearth/config";
import {ValidatorRegistration} from "@hearth/api";
import {altair, electra, phase0, ssz, sszTypesFor} from "@hearth/types";
import {util, type BeaconBlockAllForks} from "@hearth/state-transition";
import {ValidatorError, ValidatorErrorCode} from "../errors.js";

const {computeEpochAtSlot} = util;

export type AggregateAndProofAllForks = ValueOf<typeof phase0.AggregateAndProof> | ValueOf<typeof electra.AggregateAndProof>;
export type ContributionAndProof = ValueOf<typeof altair.ContributionAndProof>;
/** The builder spec's ValidatorRegistrationV1: fee recipient and gas limit a key asks builders for. */
export type ValidatorRegistrationV1 = ValueOf<typeof ValidatorRegistration>;

/** A message a validator key signs; `type` names the spec helper that signs it. */
export type SignableMessage =
  | {type: "block"; fork: ForkName; block: BeaconBlockAllForks}
  | {type: "randao"; epoch: number}
  | {type: "attestation"; data: phase0.AttestationData}
  | {type: "aggregateAndProof"; fork: ForkName; aggregateAndProof: AggregateAndProofAllForks}
  | {type: "selectionProof"; slot: number}
  | {type: "syncCommitteeMessage"; slot: number; blockRoot: Uint8Array}
  | {type: "syncSelectionProof"; slot: number; subcommitteeIndex: number}
  | {type: "contributionAndProof"; contributionAndProof: ContributionAndProof}
  | {type: "validatorRegistration"; registration: ValidatorRegistrationV1};

export type SignableMessageType = SignableMessage["type"];

/** A signature to make: what is signed, and the root the key signs. */
export interface SigningRequest<M extends SignableMessage = SignableMessage> {
  /** Public key of the signing validator. */
  pubkey: Uint8Array;
  message: M;
  signingRoot: Uint8Array;
}

/** The fork a message of `epoch` belongs to must be the one the caller's type was chosen for. */
function checkFork(config: BeaconConfig, fork: ForkName, epoch: number, what: string): void {
  const expected = config.forkAtEpoch(epoch);
  if (expected !== fork) throw new ValidatorError(ValidatorErrorCode.FORK_MISMATCH, {what, fork, expected, epoch});
}

function checkAltair(config: BeaconConfig, epoch: number, what: string): void {
  const fork = config.forkAtEpoch(epoch);
  if (!isForkAtLeast(fork, "altair")) throw new ValidatorError(ValidatorErrorCode.FORK_MISMATCH, {what, fork, expected: "altair", epoch});
}

/**
 * The signing root of `message`, with the domain of the fork in force at the message's epoch: what
 * get_domain(state, …) gives for a state of that epoch.
 */
export function computeMessageSigningRoot(config: BeaconConfig, message: SignableMessage): Uint8Array {
  switch (message.type) {
    case "block": {
      // phase0 validator.md, get_block_signature
      const epoch = computeEpochAtSlot(message.block.slot);
      checkFork(config, message.fork, epoch, "block");
      const type = sszTypesFor(message.fork).BeaconBlock as unknown as Type<BeaconBlockAllForks>;
      return computeSigningRoot(type, message.block, config.getDomain(DOMAIN_BEACON_PROPOSER, epoch));
    }
    case "randao":
      // phase0 validator.md, get_epoch_signature
      return computeSigningRoot(ssz.Epoch, message.epoch, config.getDomain(DOMAIN_RANDAO, message.epoch));
    case "attestation":
      // phase0 validator.md, get_attestation_signature
      return computeSigningRoot(phase0.AttestationData, message.data, config.getDomain(DOMAIN_BEACON_ATTESTER, message.data.target.epoch));
    case "aggregateAndProof": {
      // phase0 validator.md, get_aggregate_and_proof_signature (electra's AggregateAndProof holds electra's Attestation)
      const epoch = computeEpochAtSlot(message.aggregateAndProof.aggregate.data.slot);
      checkFork(config, message.fork, epoch, "aggregateAndProof");
      const type = (isForkAtLeast(message.fork, "electra") ? electra.AggregateAndProof : phase0.AggregateAndProof) as Type<AggregateAndProofAllForks>;
      return computeSigningRoot(type, message.aggregateAndProof, config.getDomain(DOMAIN_AGGREGATE_AND_PROOF, epoch));
    }
    case "selectionProof":
      // phase0 validator.md, get_slot_signature
      return computeSigningRoot(ssz.Slot, message.slot, config.getDomain(DOMAIN_SELECTION_PROOF, computeEpochAtSlot(message.slot)));
    case "syncCommitteeMessage": {
      // altair validator.md, get_sync_committee_message: the state is at `slot`, so its current epoch is slot's
      const epoch = computeEpochAtSlot(message.slot);
      checkAltair(config, epoch, "syncCommitteeMessage");
      return computeSigningRoot(ssz.Root, message.blockRoot, config.getDomain(DOMAIN_SYNC_COMMITTEE, epoch));
    }
    case "syncSelectionProof": {
      // altair validator.md, get_sync_committee_selection_proof
      const epoch = computeEpochAtSlot(message.slot);
      checkAltair(config, epoch, "syncSelectionProof");
      const data = {slot: message.slot, subcommitteeIndex: message.subcommitteeIndex};
      return computeSigningRoot(altair.SyncAggregatorSelectionData, data, config.getDomain(DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF, epoch));
    }
    case "contributionAndProof": {
      // altair validator.md, get_contribution_and_proof_signature
      const epoch = computeEpochAtSlot(message.contributionAndProof.contribution.slot);
      checkAltair(config, epoch, "contributionAndProof");
      return computeSigningRoot(altair.ContributionAndProof, message.contributionAndProof, config.getDomain(DOMAIN_CONTRIBUTION_AND_PROOF, epoch));
    }
    case "validatorRegistration":
      // builder-specs validator.md, "Signing": the genesis fork version and a zero genesis validators
      // root, so that one registration holds on every fork
      return computeSigningRoot(ValidatorRegistration, message.registration, computeDomain(DOMAIN_APPLICATION_BUILDER, config.chain.GENESIS_FORK_VERSION));
  }
}
