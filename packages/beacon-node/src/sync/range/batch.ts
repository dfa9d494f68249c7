// One batch of range sync: the blocks of one epoch-sized slot range, downloaded from one peer,
// checked on arrival (range, order, linkage inside the response), then imported in order.
import {toHex} from "@hearth/config";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {RangeSyncError, RangeSyncErrorCode} from "./errors.js";

export enum BatchStatus {
  AwaitingDownload = "AwaitingDownload",
  Downloading = "Downloading",
  AwaitingProcessing = "AwaitingProcessing",
  Processing = "Processing",
  Done = "Done",
}

/** A downloaded block with its root, computed once on arrival. */
export interface BatchBlock {
  block: SignedBeaconBlockAllForks;
  root: Uint8Array;
  rootHex: string;
}

export class Batch {
  status = BatchStatus.AwaitingDownload;
  /** The peer of the download in flight or of the blocks held. */
  peer: string | null = null;
  blocks: BatchBlock[] = [];
  /** Peers whose download or blocks failed: tried again only when no other peer can serve. */
  readonly failedPeers = new Set<string>();
  /** Failed downloads and processings so far. */
  attempts = 0;
  /** Asked of first when it can serve: the peer whose chain the previous batch came from. */
  preferredPeer: string | null = null;

  constructor(
    readonly startSlot: number,
    readonly count: number
  ) {}

  get endSlot(): number {
    return this.startSlot + this.count - 1;
  }

  /** Back to the queue after a failure of `peer` (null: nobody's fault, the peer may serve it again). */
  retry(peer: string | null): void {
    if (peer !== null) this.failedPeers.add(peer);
    this.attempts++;
    this.status = BatchStatus.AwaitingDownload;
    this.peer = null;
    this.blocks = [];
  }

  toString(): string {
    return `${this.startSlot}..${this.endSlot}`;
  }
}

/**
 * The blocks of a beacon_blocks_by_range response for [startSlot, startSlot + count), checked as the
 * spec requires of the responder (phase0 p2p-interface.md BeaconBlocksByRange): at most `count`,
 * within the range, slots strictly increasing, each block's parent_root the previous block's root.
 */
export function checkBatchBlocks(
  blocks: SignedBeaconBlockAllForks[],
  startSlot: number,
  count: number,
  blockRoot: (block: SignedBeaconBlockAllForks) => Uint8Array
): BatchBlock[] {
  if (blocks.length > count) throw new RangeSyncError(RangeSyncErrorCode.TOO_MANY_BLOCKS, {requested: count, got: blocks.length});
  const out: BatchBlock[] = [];
  let prev: BatchBlock | null = null;
  for (const block of blocks) {
    const slot = block.message.slot;
    if (slot < startSlot || slot >= startSlot + count) {
      throw new RangeSyncError(RangeSyncErrorCode.OUT_OF_RANGE, {slot, startSlot, count});
    }
    if (prev !== null && slot <= prev.block.message.slot) {
      throw new RangeSyncError(RangeSyncErrorCode.NOT_ASCENDING, {slot, previous: prev.block.message.slot});
    }
    const parentRoot = toHex(block.message.parentRoot);
    if (prev !== null && parentRoot !== prev.rootHex) {
      throw new RangeSyncError(RangeSyncErrorCode.NOT_LINKED, {slot, parentRoot, previousRoot: prev.rootHex});
    }
    const root = blockRoot(block);
    prev = {block, root, rootHex: toHex(root)};
    out.push(prev);
  }
  return out;
}
