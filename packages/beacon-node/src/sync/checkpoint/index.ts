export {CheckpointSyncError, CheckpointSyncErrorCode} from "./errors.js";
export {
  anchorBlockRoot,
  assertBlockMatchesState,
  loadAnchorBlock,
  loadCheckpointState,
  stateSlotFromBytes,
  type CheckpointAnchor,
} from "./checkpointAnchor.js";
export {fetchCheckpointAnchor, loadCheckpointAnchorFile, type FetchCheckpointOptions} from "./fetchCheckpoint.js";
