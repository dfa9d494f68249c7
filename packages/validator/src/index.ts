export {ValidatorError, ValidatorErrorCode, type ValidatorErrorDetail} from "./errors.js";
export type {ValidatorApi, ValidatorApiMethod} from "./api.js";
export {
  computeMessageSigningRoot,
  type AggregateAndProofAllForks,
  type ContributionAndProof,
  type SignableMessage,
  type SignableMessageType,
  type SigningRequest,
} from "./signer/messages.js";
export {RequestSigner, createLocalSigner, type Signer, type SignFn} from "./signer/signer.js";
export {isAggregator, isSyncCommitteeAggregator, syncSubcommitteeIndex} from "./util/aggregation.js";
export {BASIS_POINTS, Clock, sleep, type ClockOptions, type SlotHandler} from "./clock.js";
export {ValidatorStore} from "./services/validatorStore.js";
export {
  DutiesService,
  computeSyncCommitteePeriod,
  type AttesterDutyWithProof,
  type DutiesServiceOptions,
  type ProposerDutyWithSigner,
  type SyncDutyWithSigner,
} from "./services/duties.js";
export {BlockProposalService, type BlockProposalOptions} from "./services/blockProposal.js";
export {AttestationService, type AttestationServiceOptions} from "./services/attestation.js";
export {SyncCommitteeService, type SyncCommitteeServiceOptions} from "./services/syncCommittee.js";
export {ValidatorClient, type ValidatorClientOptions} from "./validatorClient.js";
export type {Logger} from "@hearth/api";
