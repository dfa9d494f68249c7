// altair containers: specs/altair/beacon-chain.md, validator.md, light-client/sync-protocol.md.
import {BitVectorType, ListUintNum64Type, VectorCompositeType, ListBasicType, type ValueOf} from "@chainsafe/ssz";
import {
  SYNC_COMMITTEE_SIZE,
  SYNC_COMMITTEE_SUBNET_COUNT,
  VALIDATOR_REGISTRY_LIMIT,
} from "@hearth/params";
import {container} from "./container.js";
import {blockTypes} from "./blockTypes.js";
import {ALTAIR_STATE_GINDICES, lightClientTypes} from "./lightClient.js";
import * as p from "./primitive.js";
import * as phase0 from "./phase0.js";

export * from "./phase0.js";

export const SyncCommitteeBits = new BitVectorType(SYNC_COMMITTEE_SIZE);
export const SyncAggregate = container("SyncAggregate", {syncCommitteeBits: SyncCommitteeBits, syncCommitteeSignature: p.BLSSignature});
export const SyncCommittee = container("SyncCommittee", {
  pubkeys: new VectorCompositeType(p.BLSPubkey, SYNC_COMMITTEE_SIZE),
  aggregatePubkey: p.BLSPubkey,
});

export const beaconBlockBodyFields = {...phase0.beaconBlockBodyFields, syncAggregate: SyncAggregate};
export const {BeaconBlockBody, BeaconBlock, SignedBeaconBlock} = blockTypes(beaconBlockBodyFields);

export const EpochParticipation = new ListBasicType(p.ParticipationFlags, VALIDATOR_REGISTRY_LIMIT);
export const InactivityScores = new ListUintNum64Type(VALIDATOR_REGISTRY_LIMIT);
export const beaconStateFields = {
  ...phase0.beaconStateHeadFields,
  previousEpochParticipation: EpochParticipation,
  currentEpochParticipation: EpochParticipation,
  ...phase0.checkpointFields,
  inactivityScores: InactivityScores,
  currentSyncCommittee: SyncCommittee,
  nextSyncCommittee: SyncCommittee,
};
export const BeaconState = container("BeaconState", beaconStateFields);

// validator.md
export const SyncCommitteeMessage = container("SyncCommitteeMessage", {
  slot: p.Slot,
  beaconBlockRoot: p.Root,
  validatorIndex: p.ValidatorIndex,
  signature: p.BLSSignature,
});
export const SyncCommitteeContribution = container("SyncCommitteeContribution", {
  slot: p.Slot,
  beaconBlockRoot: p.Root,
  subcommitteeIndex: p.UintNum64,
  aggregationBits: new BitVectorType(SYNC_COMMITTEE_SIZE / SYNC_COMMITTEE_SUBNET_COUNT),
  signature: p.BLSSignature,
});
export const ContributionAndProof = container("ContributionAndProof", {
  aggregatorIndex: p.ValidatorIndex,
  contribution: SyncCommitteeContribution,
  selectionProof: p.BLSSignature,
});
export const SignedContributionAndProof = container("SignedContributionAndProof", {message: ContributionAndProof, signature: p.BLSSignature});
export const SyncAggregatorSelectionData = container("SyncAggregatorSelectionData", {slot: p.Slot, subcommitteeIndex: p.UintNum64});

// light-client/sync-protocol.md
export const LightClientHeader = container("LightClientHeader", {beacon: phase0.BeaconBlockHeader});
export const {
  FinalityBranch,
  CurrentSyncCommitteeBranch,
  NextSyncCommitteeBranch,
  LightClientBootstrap,
  LightClientUpdate,
  LightClientFinalityUpdate,
  LightClientOptimisticUpdate,
} = lightClientTypes(LightClientHeader, SyncCommittee, SyncAggregate, ALTAIR_STATE_GINDICES);

export type SyncAggregate = ValueOf<typeof SyncAggregate>;
export type SyncCommittee = ValueOf<typeof SyncCommittee>;
export type BeaconBlock = ValueOf<typeof BeaconBlock>;
export type SignedBeaconBlock = ValueOf<typeof SignedBeaconBlock>;
export type BeaconBlockBody = ValueOf<typeof BeaconBlockBody>;
