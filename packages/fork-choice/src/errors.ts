// Typed errors of fork choice (DESIGN.md "Errors are typed and carry a code"). A handler that throws
// one has left the store as it was: the spec's "invalid calls to handlers must not modify store".

import {CodedError} from "@hearth/params";

export enum ForkChoiceErrorCode {
  /** on_block: the parent is not in the store. */
  UNKNOWN_PARENT = "UNKNOWN_PARENT",
  /** on_block: the parent's payload was INVALIDATED (optimistic.md "How to optimistically import blocks"). */
  INVALID_PARENT = "INVALID_PARENT",
  /** on_block: the block's slot is later than the store's current slot. */
  FUTURE_SLOT = "FUTURE_SLOT",
  /** on_block: the block is not later than the finalized checkpoint's start slot. */
  NOT_LATER_THAN_FINALIZED = "NOT_LATER_THAN_FINALIZED",
  /** on_block: the block does not descend from the finalized checkpoint block. */
  NOT_FINALIZED_DESCENDANT = "NOT_FINALIZED_DESCENDANT",
  /** on_attestation: the target epoch is neither the current nor the previous epoch. */
  INVALID_TARGET_EPOCH = "INVALID_TARGET_EPOCH",
  /** on_attestation: target.epoch != compute_epoch_at_slot(data.slot). */
  TARGET_EPOCH_SLOT_MISMATCH = "TARGET_EPOCH_SLOT_MISMATCH",
  UNKNOWN_TARGET_ROOT = "UNKNOWN_TARGET_ROOT",
  UNKNOWN_BEACON_BLOCK_ROOT = "UNKNOWN_BEACON_BLOCK_ROOT",
  /** on_attestation: the voted block is later than the attestation's slot. */
  ATTESTS_TO_FUTURE_BLOCK = "ATTESTS_TO_FUTURE_BLOCK",
  /** on_attestation: the target root is not the vote's checkpoint block at the target epoch. */
  INCONSISTENT_TARGET = "INCONSISTENT_TARGET",
  /** on_attestation: the attestation's slot is not yet in the past. */
  FUTURE_ATTESTATION_SLOT = "FUTURE_ATTESTATION_SLOT",
  /** on_attester_slashing: the two attestations are neither a double nor a surround vote. */
  NOT_SLASHABLE = "NOT_SLASHABLE",
  /** A root asked about is not in the proto-array. */
  UNKNOWN_BLOCK = "UNKNOWN_BLOCK",
  /** get_proposer_head: the head still carries the proposer boost. */
  HEAD_HAS_PROPOSER_BOOST = "HEAD_HAS_PROPOSER_BOOST",
  /** The engine contradicted itself: VALID above INVALID, or INVALID over VALID. */
  INVALID_EXECUTION_STATUS_TRANSITION = "INVALID_EXECUTION_STATUS_TRANSITION",
}

export class ForkChoiceError extends CodedError<ForkChoiceErrorCode> {}
