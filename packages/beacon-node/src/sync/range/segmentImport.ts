// A batch imported as one chain segment (chain.processChainSegment: the batch's signatures verified
// on the BLS pool alongside the transitions, one head update per batch) instead of block by block.
import {toHex} from "@hearth/config";
import type {Batch} from "./batch.js";
import {RangeSyncError, RangeSyncErrorCode} from "./errors.js";
import type {RangeSyncChain} from "./interface.js";

/**
 * Imports the batch's new blocks; returns how many. Throws FIRST_NOT_LINKED when the first new block's
 * parent is unknown, and the chain's ChainSegmentError when a block fails.
 */
export async function importBatchAsSegment(
  chain: RangeSyncChain,
  importSegment: NonNullable<RangeSyncChain["importSegment"]>,
  batch: Batch
): Promise<number> {
  // a known block's ancestors are known: what is left is a tail of the batch
  const fresh = batch.blocks.filter(({rootHex}) => !chain.hasBlock(rootHex));
  if (fresh.length === 0) return 0;
  const first = fresh[0].block;
  const parentRoot = toHex(first.message.parentRoot);
  if (!chain.hasBlock(parentRoot)) {
    throw new RangeSyncError(RangeSyncErrorCode.FIRST_NOT_LINKED, {batch: batch.toString(), slot: first.message.slot, parentRoot});
  }
  return importSegment.call(chain, fresh.map(({block}) => block));
}
