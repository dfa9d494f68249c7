import type {BeaconApiClient} from "@hearth/api";

/** The Beacon API methods the validator client calls: all a fake beacon node has to implement. */
export type ValidatorApiMethod =
  | "getGenesis"
  | "getSpec"
  | "postStateValidators"
  | "getProposerDuties"
  | "getAttesterDuties"
  | "getSyncCommitteeDuties"
  | "prepareBeaconCommitteeSubnet"
  | "prepareSyncCommitteeSubnets"
  | "prepareBeaconProposer"
  | "registerValidator"
  | "produceBlockV3"
  | "publishBlockV2"
  | "produceAttestationData"
  | "submitPoolAttestationsV2"
  | "getAggregatedAttestationV2"
  | "publishAggregateAndProofsV2"
  | "getBlockRoot"
  | "submitPoolSyncCommitteeSignatures"
  | "produceSyncCommitteeContribution"
  | "publishContributionAndProofs"
  | "eventstream";

export type ValidatorApi = Pick<BeaconApiClient, ValidatorApiMethod>;
