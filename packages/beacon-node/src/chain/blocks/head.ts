// The head: fork choice's get_head, its post-state, the head and chain_reorg events, and the
// engine's forkchoiceUpdated so the execution client follows the same head.
import {SLOTS_PER_HISTORICAL_ROOT} from "@hearth/params";
import {fromHex, toHex} from "@hearth/config";
import {util, type CachedBeaconState} from "@hearth/state-transition";
import {ExecutionStatus, type ProtoNode, type RootHex} from "@hearth/fork-choice";
import {ChainEvent} from "../emitter.js";
import {errorMessage} from "../errors.js";
import type {BeaconChain} from "../chain.js";

const {computeEpochAtSlot, computeStartSlotAtEpoch} = util;
const ZERO_HASH = new Uint8Array(32);

/** Recomputes the head; on a change, moves the head state, emits head (and chain_reorg) and tells the engine. */
export async function updateHead(chain: BeaconChain): Promise<void> {
  const fc = chain.forkChoice;
  const newNode = fc.getHead();
  const old = chain.headInternal;
  if (newNode.blockRoot === old.node.blockRoot) {
    // same block; its execution status may have moved on
    chain.headInternal = {node: newNode, state: old.state};
    return;
  }
  let state = chain.blockStates.get(newNode.blockRoot);
  if (state === undefined) {
    try {
      state = await chain.regen.getBlockState(newNode.blockRoot);
    } catch (e) {
      chain.logger.error("No state for the new head, keeping the old one", {head: newNode.blockRoot, error: errorMessage(e)});
      return;
    }
  }
  chain.headInternal = {node: newNode, state};
  chain.blockStates.setHead(newNode.blockRoot);
  chain.db.putHead(fromHex(newNode.blockRoot)).catch((e) => chain.logger.warn("Head root not written to the DB", {error: errorMessage(e)}));

  const optimistic = newNode.executionStatus === ExecutionStatus.Syncing;
  const epoch = computeEpochAtSlot(newNode.slot);
  const reorg = fc.hasBlock(old.node.blockRoot) && !fc.isAncestor(newNode.blockRoot, old.node.blockRoot);
  if (reorg) {
    const common = commonAncestor(chain, old.node, newNode);
    chain.emitter.emit(ChainEvent.chainReorg, {
      slot: newNode.slot,
      depth: old.node.slot - (common?.slot ?? 0),
      oldHeadBlock: old.node.blockRoot,
      newHeadBlock: newNode.blockRoot,
      oldHeadState: old.node.stateRoot,
      newHeadState: newNode.stateRoot,
      epoch,
      executionOptimistic: optimistic,
    });
    chain.logger.info("Chain reorg", {oldHead: old.node.blockRoot, newHead: newNode.blockRoot, slot: newNode.slot});
  }
  chain.emitter.emit(ChainEvent.head, {
    slot: newNode.slot,
    block: newNode.blockRoot,
    state: newNode.stateRoot,
    epochTransition: computeEpochAtSlot(old.node.slot) < epoch,
    previousDutyDependentRoot: dependentRoot(chain, newNode.blockRoot, state, epoch - 1),
    currentDutyDependentRoot: dependentRoot(chain, newNode.blockRoot, state, epoch),
    executionOptimistic: optimistic,
  });
  await notifyForkchoiceUpdate(chain);
}

/**
 * The root of the block at the last slot before `epoch` on the chain of `headRoot` (what duties of
 * `epoch` depend on); the anchor's root for epochs at genesis.
 */
export function dependentRoot(chain: BeaconChain, headRoot: RootHex, state: CachedBeaconState, epoch: number): RootHex {
  const slot = computeStartSlotAtEpoch(epoch) - 1;
  if (slot < 0) return chain.anchorRoot;
  const fc = chain.forkChoice;
  if (fc.hasBlock(headRoot)) {
    const ancestor = fc.getAncestor(headRoot, slot);
    if (ancestor !== null) return ancestor;
  }
  if (slot < state.state.slot && state.state.slot <= slot + SLOTS_PER_HISTORICAL_ROOT) return toHex(state.state.blockRoots.get(slot % SLOTS_PER_HISTORICAL_ROOT));
  return chain.anchorRoot;
}

function commonAncestor(chain: BeaconChain, a: ProtoNode, b: ProtoNode): ProtoNode | undefined {
  const fc = chain.forkChoice;
  for (let node: ProtoNode | undefined = a; node !== undefined; node = fc.getBlock(node.parentRoot)) {
    if (fc.isAncestor(b.blockRoot, node.blockRoot)) return node;
  }
  return undefined;
}

/** forkchoiceUpdated without payload attributes for the current head; skipped before the merge. */
export async function notifyForkchoiceUpdate(chain: BeaconChain): Promise<void> {
  const engine = chain.executionEngine;
  const head = chain.head.node;
  if (engine === null || head.executionPayloadBlockHash === null) return;
  const {safe, finalized} = safeAndFinalizedHashes(chain);
  try {
    await engine.notifyForkchoiceUpdate(chain.forkAtSlot(head.slot), fromHex(head.executionPayloadBlockHash), safe, finalized);
  } catch (e) {
    chain.logger.warn("forkchoiceUpdated failed", {head: head.blockRoot, error: errorMessage(e)});
  }
}

/** The payload hashes of the justified (safe_block_hash, fork-choice safe-block.md) and finalized blocks; zero before the merge. */
export function safeAndFinalizedHashes(chain: BeaconChain): {safe: Uint8Array; finalized: Uint8Array} {
  const fc = chain.forkChoice;
  const hashOf = (root: RootHex): Uint8Array => {
    const hash = fc.getBlock(root)?.executionPayloadBlockHash ?? null;
    return hash === null ? ZERO_HASH : fromHex(hash);
  };
  return {safe: hashOf(fc.justifiedCheckpoint.root), finalized: hashOf(fc.finalizedCheckpoint.root)};
}
