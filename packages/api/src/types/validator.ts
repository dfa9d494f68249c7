// Validator namespace shapes (beacon-APIs types/duty.yaml, apis/validator/*).
import {ListCompositeType, type ValueOf} from "@chainsafe/ssz";
import {ssz} from "@hearth/types";
import {API_LIST_LIMIT, apiContainer, UintList} from "./container.js";

export const AttesterDuty = apiContainer("AttesterDuty", {
  pubkey: ssz.BLSPubkey,
  validatorIndex: ssz.ValidatorIndex,
  committeeIndex: ssz.CommitteeIndex,
  committeeLength: ssz.UintNum64,
  committeesAtSlot: ssz.UintNum64,
  validatorCommitteeIndex: ssz.UintNum64,
  slot: ssz.Slot,
});
export type AttesterDuty = ValueOf<typeof AttesterDuty>;
export const AttesterDuties = new ListCompositeType(AttesterDuty, API_LIST_LIMIT);

export const ProposerDuty = apiContainer("ProposerDuty", {pubkey: ssz.BLSPubkey, validatorIndex: ssz.ValidatorIndex, slot: ssz.Slot});
export type ProposerDuty = ValueOf<typeof ProposerDuty>;
export const ProposerDuties = new ListCompositeType(ProposerDuty, API_LIST_LIMIT);

export const SyncDuty = apiContainer("SyncDuty", {
  pubkey: ssz.BLSPubkey,
  validatorIndex: ssz.ValidatorIndex,
  validatorSyncCommitteeIndices: UintList,
});
export type SyncDuty = ValueOf<typeof SyncDuty>;
export const SyncDuties = new ListCompositeType(SyncDuty, API_LIST_LIMIT);

/** The validator indices a duties request asks about. */
export const ValidatorIndices = UintList;

export const BeaconCommitteeSubscription = apiContainer("BeaconCommitteeSubscription", {
  validatorIndex: ssz.ValidatorIndex,
  committeeIndex: ssz.CommitteeIndex,
  committeesAtSlot: ssz.UintNum64,
  slot: ssz.Slot,
  isAggregator: ssz.Boolean,
});
export type BeaconCommitteeSubscription = ValueOf<typeof BeaconCommitteeSubscription>;
export const BeaconCommitteeSubscriptions = new ListCompositeType(BeaconCommitteeSubscription, API_LIST_LIMIT);

export const SyncCommitteeSubscription = apiContainer("SyncCommitteeSubscription", {
  validatorIndex: ssz.ValidatorIndex,
  syncCommitteeIndices: UintList,
  untilEpoch: ssz.Epoch,
});
export type SyncCommitteeSubscription = ValueOf<typeof SyncCommitteeSubscription>;
export const SyncCommitteeSubscriptions = new ListCompositeType(SyncCommitteeSubscription, API_LIST_LIMIT);

export const ProposerPreparation = apiContainer("ProposerPreparation", {
  validatorIndex: ssz.ValidatorIndex,
  feeRecipient: ssz.ExecutionAddress,
});
export type ProposerPreparation = ValueOf<typeof ProposerPreparation>;
export const ProposerPreparations = new ListCompositeType(ProposerPreparation, API_LIST_LIMIT);

export const Liveness = apiContainer("Liveness", {index: ssz.ValidatorIndex, isLive: ssz.Boolean});
export type Liveness = ValueOf<typeof Liveness>;
export const Livenesses = new ListCompositeType(Liveness, API_LIST_LIMIT);

export const BeaconCommitteeSelection = apiContainer("BeaconCommitteeSelection", {
  validatorIndex: ssz.ValidatorIndex,
  slot: ssz.Slot,
  selectionProof: ssz.BLSSignature,
});
export const BeaconCommitteeSelections = new ListCompositeType(BeaconCommitteeSelection, API_LIST_LIMIT);
export const SyncCommitteeSelection = apiContainer("SyncCommitteeSelection", {
  validatorIndex: ssz.ValidatorIndex,
  slot: ssz.Slot,
  subcommitteeIndex: ssz.UintNum64,
  selectionProof: ssz.BLSSignature,
});
export const SyncCommitteeSelections = new ListCompositeType(SyncCommitteeSelection, API_LIST_LIMIT);

/** The builder API's validator registration (beacon-APIs types/registration.yaml). */
export const ValidatorRegistration = apiContainer("ValidatorRegistration", {
  feeRecipient: ssz.ExecutionAddress,
  gasLimit: ssz.UintNum64,
  timestamp: ssz.UintNum64,
  pubkey: ssz.BLSPubkey,
});
export const SignedValidatorRegistration = apiContainer("SignedValidatorRegistration", {message: ValidatorRegistration, signature: ssz.BLSSignature});
export type SignedValidatorRegistration = ValueOf<typeof SignedValidatorRegistration>;
export const SignedValidatorRegistrations = new ListCompositeType(SignedValidatorRegistration, API_LIST_LIMIT);
