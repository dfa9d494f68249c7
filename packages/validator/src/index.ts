export {ValidatorError, ValidatorErrorCode, type ValidatorErrorDetail} from "./errors.js";
export type {ValidatorApi, ValidatorApiMethod} from "./api.js";
export {
  computeMessageSigningRoot,
  type AggregateAndProofAllForks,
  type ContributionAndProof,
  type SignableMessage,
  type SignableMessageType,
  type SigningRequest,
  type ValidatorRegistrationV1,
} from "./signer/messages.js";
export {RequestSigner, createLocalSigner, type Signer, type SignFn} from "./signer/signer.js";
export {guardSignFn, type DoppelgangerGuard, type SigningGuards} from "./signer/guarded.js";
export {
  createRemoteSigner,
  createWeb3SignerSignFn,
  listWeb3SignerKeys,
  web3SignerRequestBody,
  WEB3SIGNER_KEYS_PATH,
  WEB3SIGNER_SIGN_PATH,
  type Web3SignerOptions,
} from "./signer/web3signer.js";
export {RemoteSignerError, RemoteSignerErrorCode} from "./signer/errors.js";
export * from "./slashingProtection/index.js";
export * from "./doppelganger/index.js";
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
export {DEFAULT_GAS_LIMIT, fixedProposerPreferences, graffitiBytes, type ProposerPreferences} from "./services/proposerPreferences.js";
export {ValidatorRegistrations} from "./services/registration.js";
export {AttestationService, type AttestationServiceOptions} from "./services/attestation.js";
export {SyncCommitteeService, type SyncCommitteeServiceOptions} from "./services/syncCommittee.js";
export {ValidatorClient, type ValidatorClientOptions} from "./validatorClient.js";
export * from "./keystores/index.js";
export * from "./keymanager/index.js";
export * from "./beaconNodes/index.js";
export type {Logger} from "@hearth/api";
export * from "./metrics/index.js";
