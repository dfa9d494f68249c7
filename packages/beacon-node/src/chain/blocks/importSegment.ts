// A chain segment (range sync's batch: consecutive blocks, each the parent of the next) through the
// same checks as one block, arranged for throughput. Each block's transition runs on the main thread
// while the signatures of the blocks before it are verified on the BLS worker pool; no block reaches
// fork choice before every signature of it and of its ancestors in the segment verified. Then the
// verified blocks are imported in order (fork choice, votes, states, DB, block events) and the head
// is recomputed once for the segment instead of once per block.
import {verifySignatureSets, type SignatureSet} from "@hearth/bls";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {BlockError, BlockErrorCode, errorMessage} from "../errors.js";
import type {BeaconChain} from "../chain.js";
import {computeBlockRoot, verifyBlock, type VerifiedBlock} from "./verifyBlock.js";
import {emitBlockEvent, importVerifiedBlock, type BlockSource, type ImportBlockOpts} from "./importBlock.js";
import {updateHead} from "./head.js";
import {onCheckpointsChanged} from "../finalization.js";
import {toHex} from "@hearth/config";

export interface ChainSegmentResult {
  /** Blocks imported (blocks fork choice already had are skipped, not counted). */
  imported: number;
}

/**
 * A segment that stopped at a block: the blocks before it are imported (`imported`), it and those
 * after it are not. `cause` is the block's BlockError (or what went wrong instead).
 */
export class ChainSegmentError extends Error {
  constructor(
    readonly index: number,
    readonly slot: number,
    readonly root: string,
    readonly imported: number,
    override readonly cause: unknown
  ) {
    super(`chain segment stopped at slot ${slot} (${root}): ${errorMessage(cause)}`);
    this.name = "ChainSegmentError";
  }
}

interface Pending {
  index: number;
  verified: VerifiedBlock;
  /** The block's signature sets, verifying on the pool (or already verified: true). */
  signatures: Promise<boolean>;
}

export async function processChainSegment(
  chain: BeaconChain,
  blocks: readonly SignedBeaconBlockAllForks[],
  opts: {source: BlockSource; dataAvailable?: boolean} = {source: "sync"}
): Promise<ChainSegmentResult> {
  const pending: Pending[] = [];
  let stop: {index: number; block: SignedBeaconBlockAllForks; cause: unknown} | null = null;
  const fc = chain.forkChoice;

  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    const prev = pending.at(-1)?.verified;
    if (prev === undefined && fc.hasBlock(toHex(computeBlockRoot(chain, block.message)))) continue;
    const sets: SignatureSet[] = [];
    const blockOpts: ImportBlockOpts = {
      source: opts.source,
      dataAvailable: opts.dataAvailable,
      signatureSets: sets,
      segmentParent: prev === undefined ? undefined : {...prev.protoBlock, finalizedDescendant: true},
    };
    try {
      const verified = await verifyBlock(chain, block, blockOpts);
      // The next block's pre-state comes from here (regen reads the cache); dropped again if this
      // block is not imported after all.
      chain.blockStates.add(verified.blockRootHex, verified.postState);
      pending.push({index: i, verified, signatures: verifySets(chain, sets)});
    } catch (e) {
      stop = {index: i, block, cause: e};
      break;
    }
  }

  // Import, in order, every block whose signatures (and its ancestors') verified.
  let imported = 0;
  try {
    for (const p of pending) {
      let valid: boolean;
      try {
        valid = await p.signatures;
      } catch (e) {
        // the pool failed (closed, a worker crashed): our side, not the block's
        stop = {index: p.index, block: p.verified.signedBlock, cause: e};
        break;
      }
      if (!valid) {
        stop = {index: p.index, block: p.verified.signedBlock, cause: new BlockError(BlockErrorCode.INVALID_SIGNATURE, {root: p.verified.blockRootHex})};
        break;
      }
      try {
        emitBlockEvent(chain, p.verified, await importVerifiedBlock(chain, p.verified, {source: opts.source}));
      } catch (e) {
        stop = {index: p.index, block: p.verified.signedBlock, cause: e};
        break;
      }
      imported++;
    }
  } finally {
    // post-states of blocks that were verified but not imported
    if (imported < pending.length) chain.blockStates.prune((root) => fc.hasBlock(root));
    // one head update for the segment (also when it stopped part-way: what was imported stays)
    if (imported > 0) {
      await updateHead(chain);
      await onCheckpointsChanged(chain);
    }
  }
  if (stop !== null) {
    throw new ChainSegmentError(stop.index, stop.block.message.slot, toHex(computeBlockRoot(chain, stop.block.message)), imported, stop.cause);
  }
  chain.logger.debug("Chain segment imported", {blocks: blocks.length, imported, head: chain.head.node.slot});
  return {imported};
}

/** One batch per block on the worker pool (so each block's job starts as soon as its sets are known). */
function verifySets(chain: BeaconChain, sets: SignatureSet[]): Promise<boolean> {
  if (sets.length === 0) return Promise.resolve(true);
  const job = chain.blsVerifier ? chain.blsVerifier.verifySignatureSets(sets) : Promise.resolve(verifySignatureSets(sets));
  // A segment that stops early never awaits the later jobs: their failures must not go unhandled.
  job.catch(() => undefined);
  return job;
}
