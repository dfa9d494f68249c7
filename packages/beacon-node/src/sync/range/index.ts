export {RangeSync, type RangeSyncOptions, type SyncState, type SyncStateName} from "./rangeSync.js";
export {Batch, BatchStatus, checkBatchBlocks, type BatchBlock} from "./batch.js";
export {RangeSyncError, RangeSyncErrorCode} from "./errors.js";
export {ProgressTracker, formatEta, type SyncProgress} from "./progress.js";
export {rangeSyncChainOf} from "./chainAdapter.js";
export type {RangeSyncChain, RangeSyncNetwork, SyncPeerAction, SyncPeerStatus} from "./interface.js";
