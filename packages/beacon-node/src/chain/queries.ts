// Read-only questions the Beacon API asks of the chain: blocks and states by root or slot on the
// canonical chain, their optimistic/finalized status, and the node's sync status.
import {fromHex, toHex} from "@hearth/config";
import {cloneCachedState, processSlots, util, type CachedBeaconState, type SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {ExecutionStatus, type RootHex} from "@hearth/fork-choice";
import type {BeaconChain} from "./chain.js";

const {computeStartSlotAtEpoch} = util;

export interface BlockQueryResult {
  root: RootHex;
  block: SignedBeaconBlockAllForks;
  /** The block's payload is not yet verified by the engine (sync/optimistic.md). */
  executionOptimistic: boolean;
  /** At or before the finalized checkpoint's block. */
  finalized: boolean;
  /** On the chain of the current head. */
  canonical: boolean;
}

export interface StateQueryResult {
  state: CachedBeaconState;
  executionOptimistic: boolean;
  finalized: boolean;
}

export interface SyncStatus {
  headSlot: number;
  syncDistance: number;
  isSyncing: boolean;
  isOptimistic: boolean;
  elOffline: boolean;
}

function finalizedSlot(chain: BeaconChain): number {
  return computeStartSlotAtEpoch(chain.forkChoice.finalizedCheckpoint.epoch);
}

function isOptimistic(chain: BeaconChain, root: RootHex): boolean {
  return chain.forkChoice.getBlock(root)?.executionStatus === ExecutionStatus.Syncing;
}

/** A block by root, hot or archived. */
export async function getBlockByRoot(chain: BeaconChain, root: RootHex): Promise<BlockQueryResult | null> {
  const block = await chain.db.getBlock(fromHex(root));
  if (block === null) return null;
  const fc = chain.forkChoice;
  const inForkChoice = fc.hasBlock(root);
  const canonical = inForkChoice ? fc.isAncestor(chain.head.node.blockRoot, root) : block.message.slot <= finalizedSlot(chain);
  return {root, block, executionOptimistic: isOptimistic(chain, root), finalized: block.message.slot <= finalizedSlot(chain) && canonical, canonical};
}

/** The canonical block of `slot`; null for an empty slot or one before the stored history. */
export async function getCanonicalBlockAtSlot(chain: BeaconChain, slot: number): Promise<BlockQueryResult | null> {
  const head = chain.head.node;
  if (slot > head.slot) return null;
  // Fork choice's tree answers for every slot it still covers, below the finalized block too: between
  // a new finalized checkpoint and the end of its archiving (finalization.ts awaits the DB) those
  // blocks are hot, not yet archived, and asking the archive for them would find holes.
  const fc = chain.forkChoice;
  const root = fc.getAncestor(head.blockRoot, slot);
  if (root !== null) return fc.getBlock(root)?.slot === slot ? getBlockByRoot(chain, root) : null;
  // Below the tree's root (the last pruned-at finalized block, or the anchor): the archive.
  const archived = await chain.db.getArchivedBlock(slot);
  if (archived === null) return null;
  let rootHex: RootHex | null = null;
  return {
    // lazily, as the archive's root (see dbAdapter.getArchivedBlock)
    get root(): RootHex {
      return (rootHex ??= toHex(archived.root));
    },
    block: archived.block,
    executionOptimistic: false,
    finalized: true,
    canonical: true,
  };
}

/** The post-state of a known block (regenerated if needed); null for a block fork choice no longer holds. */
export async function getStateByBlockRoot(chain: BeaconChain, root: RootHex): Promise<StateQueryResult | null> {
  const node = chain.forkChoice.getBlock(root);
  if (node === undefined) return null;
  const state = root === chain.head.node.blockRoot ? chain.head.state : await chain.regen.getBlockState(root);
  return {state, executionOptimistic: node.executionStatus === ExecutionStatus.Syncing, finalized: node.slot <= finalizedSlot(chain)};
}

/** The canonical state at `slot` (the last block at or before it, advanced through empty slots); null outside the held range. */
export async function getStateAtSlot(chain: BeaconChain, slot: number): Promise<StateQueryResult | null> {
  const head = chain.head;
  if (slot === head.state.state.slot) return {state: head.state, executionOptimistic: isOptimistic(chain, head.node.blockRoot), finalized: false};
  if (slot > chain.clock.currentSlot) return null;
  const root = chain.forkChoice.getAncestor(head.node.blockRoot, slot);
  if (root === null) return null;
  const base = await getStateByBlockRoot(chain, root);
  if (base === null) return null;
  if (base.state.state.slot === slot) return base;
  if (base.state.state.slot > slot) return null;
  const advanced = cloneCachedState(base.state);
  processSlots(advanced, slot);
  return {...base, state: advanced};
}

/** A state of a block fork choice holds, by its state root. */
export async function getStateByStateRoot(chain: BeaconChain, stateRoot: RootHex): Promise<StateQueryResult | null> {
  const node = chain.forkChoice.protoArray.nodes.find((n) => n.stateRoot === stateRoot);
  return node === undefined ? null : getStateByBlockRoot(chain, node.blockRoot);
}

/**
 * /eth/v1/node/syncing: how far the head is behind the clock. Without a sync module the node never
 * calls itself syncing: a dev chain behind its clock must still propose to catch up.
 */
export function getSyncStatus(chain: BeaconChain, elOffline = false): SyncStatus {
  const headSlot = chain.head.node.slot;
  const syncDistance = Math.max(0, chain.clock.currentSlot - headSlot);
  return {headSlot, syncDistance, isSyncing: false, isOptimistic: isOptimistic(chain, chain.head.node.blockRoot), elOffline};
}
