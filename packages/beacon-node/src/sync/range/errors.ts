// Why a range-sync batch failed. Each failure is attributed to the peer that served the batch where
// the fault is provably its own (a malformed response or an invalid block), to nobody otherwise.

export enum RangeSyncErrorCode {
  /** The request itself failed: transport, timeout, a bad frame (req/resp already penalised the frame). */
  DOWNLOAD_FAILED = "RANGE_SYNC_DOWNLOAD_FAILED",
  /** More blocks than requested. */
  TOO_MANY_BLOCKS = "RANGE_SYNC_TOO_MANY_BLOCKS",
  /** A block outside [start_slot, start_slot + count). */
  OUT_OF_RANGE = "RANGE_SYNC_OUT_OF_RANGE",
  /** Slots not strictly increasing (the spec requires ascending, one block per slot). */
  NOT_ASCENDING = "RANGE_SYNC_NOT_ASCENDING",
  /** A block's parent_root is not the previous block's root in the same response. */
  NOT_LINKED = "RANGE_SYNC_NOT_LINKED",
  /** The batch's first block builds on a block the chain does not have. */
  FIRST_NOT_LINKED = "RANGE_SYNC_FIRST_NOT_LINKED",
  /** The import pipeline rejected a block as invalid. */
  BLOCK_INVALID = "RANGE_SYNC_BLOCK_INVALID",
  /** Import failed for a reason of ours (engine offline, a missing pre-state): nobody's fault. */
  IMPORT_FAILED = "RANGE_SYNC_IMPORT_FAILED",
}

export class RangeSyncError extends Error {
  override readonly name = "RangeSyncError";
  constructor(
    readonly code: RangeSyncErrorCode,
    readonly detail: Record<string, string | number> = {}
  ) {
    super(`${code}: ${Object.entries(detail).map(([k, v]) => `${k}=${v}`).join(" ")}`);
  }
}
