// /eth/v*/beacon/pool/* (beacon-APIs apis/beacon/pool).
import {ListCompositeType} from "@chainsafe/ssz";
import {isForkAtLeast, type ForkName} from "@hearth/params";
import {capella, electra, phase0, sszTypesFor} from "@hearth/types";
import type {Codec} from "../../codecs/codec.js";
import {uintParam} from "../../codecs/params.js";
import {ProposerSlashings, SignedVoluntaryExits, SyncCommitteeMessages} from "../../types/beacon.js";
import {API_LIST_LIMIT} from "../../types/container.js";
import type {AnyAttestation, AnyAttesterSlashing} from "../../types/forks.js";
import {bodyArg, byFork, consensusVersionArg, dataResponse, defineRoute, emptyResponse, optionalQueryArg} from "../route.js";

const attestationLists = {
  phase0: new ListCompositeType(phase0.Attestation, API_LIST_LIMIT),
  electra: new ListCompositeType(electra.Attestation, API_LIST_LIMIT),
};
const singleAttestations = new ListCompositeType(electra.SingleAttestation, API_LIST_LIMIT);
const attesterSlashingLists = {
  phase0: new ListCompositeType(phase0.AttesterSlashing, API_LIST_LIMIT),
  electra: new ListCompositeType(electra.AttesterSlashing, API_LIST_LIMIT),
};
const SignedBLSToExecutionChanges = new ListCompositeType(capella.SignedBLSToExecutionChange, API_LIST_LIMIT);
const sinceElectra = (fork: ForkName): "phase0" | "electra" => (isForkAtLeast(fork, "electra") ? "electra" : "phase0");

/** Pool attestations: Attestation before electra, with committee_bits from electra. */
export function attestationListCodec(fork: ForkName): Codec<AnyAttestation[]> {
  return attestationLists[sinceElectra(fork)] as Codec<AnyAttestation[]>;
}
/** Submitted attestations: Attestation before electra, SingleAttestation from electra. */
export type SubmittedAttestation = phase0.Attestation | electra.SingleAttestation;
export function submittedAttestationsCodec(fork: ForkName): Codec<SubmittedAttestation[]> {
  return (isForkAtLeast(fork, "electra") ? singleAttestations : attestationLists.phase0) as Codec<SubmittedAttestation[]>;
}
export function attesterSlashingCodec(fork: ForkName): Codec<AnyAttesterSlashing> {
  return sszTypesFor(sinceElectra(fork)).AttesterSlashing as Codec<AnyAttesterSlashing>;
}
function attesterSlashingListCodec(fork: ForkName): Codec<AnyAttesterSlashing[]> {
  return attesterSlashingLists[sinceElectra(fork)] as Codec<AnyAttesterSlashing[]>;
}

export const poolRoutes = {
  getPoolAttestationsV2: defineRoute({
    operationId: "getPoolAttestationsV2",
    method: "GET",
    path: "/eth/v2/beacon/pool/attestations",
    args: {slot: optionalQueryArg("slot", uintParam), committeeIndex: optionalQueryArg("committee_index", uintParam)},
    response: dataResponse(byFork(attestationListCodec), {meta: ["version"]}),
  }),
  submitPoolAttestationsV2: defineRoute({
    operationId: "submitPoolAttestationsV2",
    method: "POST",
    path: "/eth/v2/beacon/pool/attestations",
    args: {fork: consensusVersionArg(), attestations: bodyArg(submittedAttestationsCodec, {ssz: true})},
    response: emptyResponse(),
  }),
  getPoolAttesterSlashingsV2: defineRoute({
    operationId: "getPoolAttesterSlashingsV2",
    method: "GET",
    path: "/eth/v2/beacon/pool/attester_slashings",
    args: {},
    response: dataResponse(byFork(attesterSlashingListCodec), {meta: ["version"]}),
  }),
  submitPoolAttesterSlashingsV2: defineRoute({
    operationId: "submitPoolAttesterSlashingsV2",
    method: "POST",
    path: "/eth/v2/beacon/pool/attester_slashings",
    args: {fork: consensusVersionArg(), attesterSlashing: bodyArg(attesterSlashingCodec)},
    response: emptyResponse(),
  }),
  getPoolProposerSlashings: defineRoute({
    operationId: "getPoolProposerSlashings",
    method: "GET",
    path: "/eth/v1/beacon/pool/proposer_slashings",
    args: {},
    response: dataResponse(ProposerSlashings),
  }),
  submitPoolProposerSlashings: defineRoute({
    operationId: "submitPoolProposerSlashings",
    method: "POST",
    path: "/eth/v1/beacon/pool/proposer_slashings",
    args: {proposerSlashing: bodyArg(phase0.ProposerSlashing)},
    response: emptyResponse(),
  }),
  getPoolVoluntaryExits: defineRoute({
    operationId: "getPoolVoluntaryExits",
    method: "GET",
    path: "/eth/v1/beacon/pool/voluntary_exits",
    args: {},
    response: dataResponse(SignedVoluntaryExits),
  }),
  submitPoolVoluntaryExit: defineRoute({
    operationId: "submitPoolVoluntaryExit",
    method: "POST",
    path: "/eth/v1/beacon/pool/voluntary_exits",
    args: {signedVoluntaryExit: bodyArg(phase0.SignedVoluntaryExit)},
    response: emptyResponse(),
  }),
  /** Sync committee messages; a bad item fails with the spec's IndexedErrorMessage. */
  submitPoolSyncCommitteeSignatures: defineRoute({
    operationId: "submitPoolSyncCommitteeSignatures",
    method: "POST",
    path: "/eth/v1/beacon/pool/sync_committees",
    args: {signatures: bodyArg(SyncCommitteeMessages)},
    response: emptyResponse(),
  }),
  getPoolBLSToExecutionChanges: defineRoute({
    operationId: "getPoolBLSToExecutionChanges",
    method: "GET",
    path: "/eth/v1/beacon/pool/bls_to_execution_changes",
    args: {},
    response: dataResponse(SignedBLSToExecutionChanges),
  }),
  /** A list of changes; a bad item fails with the spec's IndexedErrorMessage. */
  submitPoolBLSToExecutionChange: defineRoute({
    operationId: "submitPoolBLSToExecutionChange",
    method: "POST",
    path: "/eth/v1/beacon/pool/bls_to_execution_changes",
    args: {changes: bodyArg(SignedBLSToExecutionChanges)},
    response: emptyResponse(),
  }),
};
