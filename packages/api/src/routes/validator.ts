// /eth/v*/validator/* (beacon-APIs apis/validator).
import {ListCompositeType} from "@chainsafe/ssz";
import {isForkAtLeast, type ForkName} from "@hearth/params";
import {altair, phase0, sszTypesFor} from "@hearth/types";
import type {Codec} from "../codecs/codec.js";
import {bigUintParam, bytesParam, flagParam, rootParam, uintParam} from "../codecs/params.js";
import {API_LIST_LIMIT} from "../types/container.js";
import {forkCodec, producedBlockCodec, type AnyAttestation, type AnySignedAggregateAndProof, type ProducedBlock} from "../types/forks.js";
import {
  AttesterDuties,
  BeaconCommitteeSelections,
  BeaconCommitteeSubscriptions,
  SignedValidatorRegistrations,
  SyncCommitteeSelections,
  Livenesses,
  ProposerDuties,
  ProposerPreparations,
  SyncCommitteeSubscriptions,
  SyncDuties,
  ValidatorIndices,
} from "../types/validator.js";
import {bodyArg, byFork, consensusVersionArg, dataResponse, defineRoute, emptyResponse, optionalQueryArg, pathArg, queryArg} from "./route.js";

const aggregateAndProofLists = {
  phase0: new ListCompositeType(phase0.SignedAggregateAndProof, API_LIST_LIMIT),
  electra: new ListCompositeType(sszTypesFor("electra").SignedAggregateAndProof, API_LIST_LIMIT),
};
function aggregateAndProofsCodec(fork: ForkName): Codec<AnySignedAggregateAndProof[]> {
  return aggregateAndProofLists[isForkAtLeast(fork, "electra") ? "electra" : "phase0"] as Codec<AnySignedAggregateAndProof[]>;
}
const SignedContributionAndProofs = new ListCompositeType(altair.SignedContributionAndProof, API_LIST_LIMIT);
const epoch = pathArg("epoch", uintParam);

function producedBlockData(meta: {version: ForkName; executionPayloadBlinded: boolean}): Codec<ProducedBlock> {
  // blinded block types come with the builder flow; until then a blinded answer is a bug
  if (meta.executionPayloadBlinded) throw new Error("blinded blocks are not supported");
  return producedBlockCodec(meta.version);
}

export const validatorRoutes = {
  getAttesterDuties: defineRoute({
    operationId: "getAttesterDuties",
    method: "POST",
    path: "/eth/v1/validator/duties/attester/{epoch}",
    args: {epoch, indices: bodyArg(ValidatorIndices)},
    response: dataResponse(AttesterDuties, {meta: ["dependentRoot", "executionOptimistic"]}),
  }),
  getProposerDuties: defineRoute({
    operationId: "getProposerDuties",
    method: "GET",
    path: "/eth/v1/validator/duties/proposer/{epoch}",
    args: {epoch},
    response: dataResponse(ProposerDuties, {meta: ["dependentRoot", "executionOptimistic"]}),
  }),
  /** From fulu the lookahead is in the state: duties depend on the block before epoch - 1. */
  getProposerDutiesV2: defineRoute({
    operationId: "getProposerDutiesV2",
    method: "GET",
    path: "/eth/v2/validator/duties/proposer/{epoch}",
    args: {epoch},
    response: dataResponse(ProposerDuties, {meta: ["dependentRoot", "executionOptimistic"]}),
  }),
  getSyncCommitteeDuties: defineRoute({
    operationId: "getSyncCommitteeDuties",
    method: "POST",
    path: "/eth/v1/validator/duties/sync/{epoch}",
    args: {epoch, indices: bodyArg(ValidatorIndices)},
    response: dataResponse(SyncDuties, {meta: ["executionOptimistic"]}),
  }),
  /** A full block (from deneb with blobs); blinded blocks are not produced yet. */
  produceBlockV3: defineRoute({
    operationId: "produceBlockV3",
    method: "GET",
    path: "/eth/v3/validator/blocks/{slot}",
    args: {
      slot: pathArg("slot", uintParam),
      randaoReveal: queryArg("randao_reveal", bytesParam(96)),
      graffiti: optionalQueryArg("graffiti", bytesParam(32)),
      skipRandaoVerification: optionalQueryArg("skip_randao_verification", flagParam),
      builderBoostFactor: optionalQueryArg("builder_boost_factor", bigUintParam),
    },
    response: dataResponse(producedBlockData, {
      meta: ["version", "executionPayloadBlinded", "executionPayloadValue", "consensusBlockValue"],
      ssz: true,
    }),
  }),
  produceAttestationData: defineRoute({
    operationId: "produceAttestationData",
    method: "GET",
    path: "/eth/v1/validator/attestation_data",
    args: {slot: queryArg("slot", uintParam), committeeIndex: optionalQueryArg("committee_index", uintParam)},
    response: dataResponse(phase0.AttestationData, {ssz: true}),
  }),
  getAggregatedAttestationV2: defineRoute({
    operationId: "getAggregatedAttestationV2",
    method: "GET",
    path: "/eth/v2/validator/aggregate_attestation",
    args: {
      attestationDataRoot: queryArg("attestation_data_root", rootParam),
      slot: queryArg("slot", uintParam),
      committeeIndex: queryArg("committee_index", uintParam),
    },
    response: dataResponse(
      byFork(forkCodec<AnyAttestation>((fork) => sszTypesFor(fork).Attestation)),
      {meta: ["version"], ssz: true},
    ),
  }),
  publishAggregateAndProofsV2: defineRoute({
    operationId: "publishAggregateAndProofsV2",
    method: "POST",
    path: "/eth/v2/validator/aggregate_and_proofs",
    args: {fork: consensusVersionArg(), signedAggregateAndProofs: bodyArg(aggregateAndProofsCodec, {ssz: true})},
    response: emptyResponse(),
  }),
  prepareBeaconCommitteeSubnet: defineRoute({
    operationId: "prepareBeaconCommitteeSubnet",
    method: "POST",
    path: "/eth/v1/validator/beacon_committee_subscriptions",
    args: {subscriptions: bodyArg(BeaconCommitteeSubscriptions)},
    response: emptyResponse(),
  }),
  prepareSyncCommitteeSubnets: defineRoute({
    operationId: "prepareSyncCommitteeSubnets",
    method: "POST",
    path: "/eth/v1/validator/sync_committee_subscriptions",
    args: {subscriptions: bodyArg(SyncCommitteeSubscriptions)},
    response: emptyResponse(),
  }),
  produceSyncCommitteeContribution: defineRoute({
    operationId: "produceSyncCommitteeContribution",
    method: "GET",
    path: "/eth/v1/validator/sync_committee_contribution",
    args: {
      slot: queryArg("slot", uintParam),
      subcommitteeIndex: queryArg("subcommittee_index", uintParam),
      beaconBlockRoot: queryArg("beacon_block_root", rootParam),
    },
    response: dataResponse(altair.SyncCommitteeContribution),
  }),
  publishContributionAndProofs: defineRoute({
    operationId: "publishContributionAndProofs",
    method: "POST",
    path: "/eth/v1/validator/contribution_and_proofs",
    args: {contributionAndProofs: bodyArg(SignedContributionAndProofs)},
    response: emptyResponse(),
  }),
  prepareBeaconProposer: defineRoute({
    operationId: "prepareBeaconProposer",
    method: "POST",
    path: "/eth/v1/validator/prepare_beacon_proposer",
    args: {preparations: bodyArg(ProposerPreparations)},
    response: emptyResponse(),
  }),
  getLiveness: defineRoute({
    operationId: "getLiveness",
    method: "POST",
    path: "/eth/v1/validator/liveness/{epoch}",
    args: {epoch, indices: bodyArg(ValidatorIndices)},
    response: dataResponse(Livenesses),
  }),
  /** For distributed validator middleware; a beacon node may answer 501 (the spec says so). */
  submitBeaconCommitteeSelections: defineRoute({
    operationId: "submitBeaconCommitteeSelections",
    method: "POST",
    path: "/eth/v1/validator/beacon_committee_selections",
    args: {selections: bodyArg(BeaconCommitteeSelections)},
    response: dataResponse(BeaconCommitteeSelections),
  }),
  submitSyncCommitteeSelections: defineRoute({
    operationId: "submitSyncCommitteeSelections",
    method: "POST",
    path: "/eth/v1/validator/sync_committee_selections",
    args: {selections: bodyArg(SyncCommitteeSelections)},
    response: dataResponse(SyncCommitteeSelections),
  }),
  /** Builder registrations (deprecated in the spec from gloas); SSZ bodies accepted. */
  registerValidator: defineRoute({
    operationId: "registerValidator",
    method: "POST",
    path: "/eth/v1/validator/register_validator",
    args: {registrations: bodyArg(SignedValidatorRegistrations, {ssz: true})},
    response: emptyResponse(),
  }),
};
