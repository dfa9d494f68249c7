import {CodedError} from "@hearth/params";

// Why a checkpoint could not be used: a bad or unreachable source never becomes the chain's anchor.

export enum CheckpointSyncErrorCode {
  /** The Beacon API could not be reached, timed out, or answered with an error status. */
  FETCH_FAILED = "CHECKPOINT_SYNC_FETCH_FAILED",
  /** The bytes are not an SSZ BeaconState of the fork the config schedules at their slot. */
  INVALID_STATE = "CHECKPOINT_SYNC_INVALID_STATE",
  /** The state's fork version is not this config's: another network, or a wrong --paramsFile. */
  WRONG_NETWORK = "CHECKPOINT_SYNC_WRONG_NETWORK",
  /** The source says the state is of another fork than the config schedules at its slot. */
  FORK_MISMATCH = "CHECKPOINT_SYNC_FORK_MISMATCH",
  /** The bytes are not an SSZ SignedBeaconBlock. */
  INVALID_BLOCK = "CHECKPOINT_SYNC_INVALID_BLOCK",
  /** The block is not the state's latest_block_header (root, slot or state root differ). */
  BLOCK_STATE_MISMATCH = "CHECKPOINT_SYNC_BLOCK_STATE_MISMATCH",
}

export class CheckpointSyncError extends CodedError<CheckpointSyncErrorCode, Record<string, string | number>> {}
