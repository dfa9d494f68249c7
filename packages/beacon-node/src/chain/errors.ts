import {CodedError} from "@hearth/params";

// Typed errors of the chain (DESIGN.md "Errors are typed and carry a code"). A block rejected with a
// BlockError has changed nothing: not the head, not fork choice, not the state caches, not the DB.

export enum BlockErrorCode {
  /** The block is already in fork choice. */
  ALREADY_KNOWN = "BLOCK_ERROR_ALREADY_KNOWN",
  /** The parent is not in fork choice: the caller may fetch it and retry. */
  PARENT_UNKNOWN = "BLOCK_ERROR_PARENT_UNKNOWN",
  /** The parent's execution payload was found INVALID (sync/optimistic.md). */
  PARENT_INVALID = "BLOCK_ERROR_PARENT_INVALID",
  /** The block's slot is after the clock's current slot. */
  FUTURE_SLOT = "BLOCK_ERROR_FUTURE_SLOT",
  /** The block is not later than the finalized checkpoint's start slot. */
  WOULD_REVERT_FINALIZED_SLOT = "BLOCK_ERROR_WOULD_REVERT_FINALIZED_SLOT",
  /** The block does not descend from the finalized checkpoint block. */
  NOT_FINALIZED_DESCENDANT = "BLOCK_ERROR_NOT_FINALIZED_DESCENDANT",
  /** The block's slot is not after its parent's. */
  NOT_LATER_THAN_PARENT = "BLOCK_ERROR_NOT_LATER_THAN_PARENT",
  /** The proposer index is not get_beacon_proposer_index of the block's slot. */
  INCORRECT_PROPOSER = "BLOCK_ERROR_INCORRECT_PROPOSER",
  /** The batch of the block's signature sets did not verify. */
  INVALID_SIGNATURE = "BLOCK_ERROR_INVALID_SIGNATURE",
  /** The state transition rejected the block (a failed spec assert). */
  STATE_TRANSITION_ERROR = "BLOCK_ERROR_STATE_TRANSITION_ERROR",
  /** The post-state's root differs from block.state_root. */
  INVALID_STATE_ROOT = "BLOCK_ERROR_INVALID_STATE_ROOT",
  /** The execution engine judged the payload INVALID or INVALID_BLOCK_HASH. */
  EXECUTION_PAYLOAD_INVALID = "BLOCK_ERROR_EXECUTION_PAYLOAD_INVALID",
  /** The execution engine could not be asked (offline, timeout, malformed answer). */
  EXECUTION_ENGINE_ERROR = "BLOCK_ERROR_EXECUTION_ENGINE_ERROR",
  /** The block commits to blobs whose availability the caller did not establish (deneb is_data_available). */
  DATA_UNAVAILABLE = "BLOCK_ERROR_DATA_UNAVAILABLE",
  /** The pre-state could not be regenerated (its ancestors' states are gone). */
  PRESTATE_MISSING = "BLOCK_ERROR_PRESTATE_MISSING",
  /** Fork choice refused the block after its transition succeeded. */
  FORK_CHOICE_ERROR = "BLOCK_ERROR_FORK_CHOICE_ERROR",
}

export class BlockError extends CodedError<BlockErrorCode> {}

export enum ChainErrorCode {
  /** A request names a slot or epoch the chain cannot answer for (too far ahead, before the anchor). */
  SLOT_OUT_OF_RANGE = "CHAIN_ERROR_SLOT_OUT_OF_RANGE",
  /** A request names a committee, validator or root that does not exist. */
  UNKNOWN = "CHAIN_ERROR_UNKNOWN",
  /** The state needed to answer is not held and cannot be regenerated. */
  STATE_UNAVAILABLE = "CHAIN_ERROR_STATE_UNAVAILABLE",
  /** The execution engine did not deliver a payload for block production. */
  EXECUTION_ENGINE_ERROR = "CHAIN_ERROR_EXECUTION_ENGINE_ERROR",
  /** The produced block failed its own state transition (a bug or a bad pool entry that slipped through). */
  PRODUCED_BLOCK_INVALID = "CHAIN_ERROR_PRODUCED_BLOCK_INVALID",
  /** The DB holds nothing to resume from. */
  NO_ANCHOR = "CHAIN_ERROR_NO_ANCHOR",
}

export class ChainError extends CodedError<ChainErrorCode> {}

/** Rejection of an operation offered to a pool (attestation, exit, slashing, sync message …). */
export enum OpErrorCode {
  /** The operation fails its spec checks against the head state. */
  INVALID = "OP_ERROR_INVALID",
  /** The signature does not verify. */
  INVALID_SIGNATURE = "OP_ERROR_INVALID_SIGNATURE",
  /** The operation is no longer (or not yet) useful: wrong slot or epoch, already included. */
  OUT_OF_RANGE = "OP_ERROR_OUT_OF_RANGE",
  /** The operation refers to a block the chain does not know. */
  UNKNOWN_BLOCK = "OP_ERROR_UNKNOWN_BLOCK",
  /** Already in the pool or covered by what is there. */
  ALREADY_KNOWN = "OP_ERROR_ALREADY_KNOWN",
}

export class OpError extends CodedError<OpErrorCode> {}

/** The message of anything thrown, for an error's detail. */
export {errorMessage} from "@hearth/params";
