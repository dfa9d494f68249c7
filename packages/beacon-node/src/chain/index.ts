// The chain's public surface, for the node wiring, the API implementation and `hearth dev`.
export {BeaconChain, type BeaconChainOptions, type ChainHead} from "./chain.js";
export {Clock, type ClockOptions} from "./clock.js";
export {
  ChainEvent,
  ChainEventEmitter,
  type ChainEventData,
  type HeadEventData,
  type BlockEventData,
  type CheckpointEventData,
  type ChainReorgEventData,
} from "./emitter.js";
export {BlockError, BlockErrorCode, ChainError, ChainErrorCode, OpError, OpErrorCode} from "./errors.js";
export {noopLogger, type ChainDb, type ChainExecutionEngine, type ChainLogger, type StoredCheckpoint, type StoredState} from "./interface.js";
export {ChainDbAdapter} from "./dbAdapter.js";
export type {ImportBlockOpts, ImportBlockResult, BlockSource} from "./blocks/importBlock.js";
export {ChainSegmentError, type ChainSegmentResult} from "./blocks/importSegment.js";
export type {ProduceBlockOpts, ProducedBlock} from "./produceBlock/produceBlock.js";
export type {AttesterDuty, ProposerDuty, SyncDuty, Duties} from "./duties.js";
export {PoolInsertOutcome, type PooledAttestation} from "./opPools/attestationPool.js";
export type {SubmittedAttestation, SignedAggregateAndProof} from "./opPools/submitAttestations.js";
export {isAggregator} from "./opPools/submitAttestations.js";
export {isSyncCommitteeAggregator} from "./opPools/submitOps.js";
export {computeBlockRoot} from "./blocks/verifyBlock.js";
export type {BlockQueryResult, StateQueryResult, SyncStatus} from "./queries.js";
// Data availability (issue 9): KZG, sidecars, custody, the availability check and sidecar storage.
export * from "./dataAvailability/index.js";
