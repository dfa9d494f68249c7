// The Beacon API's state and block identifiers (beacon-APIs params/index.yaml StateId, BlockId):
// "head", "genesis", "finalized", "justified" (states only), a slot, or a 0x root (a state root for
// states, a block root for blocks), each with the response metadata executionOptimistic (fork
// choice holds the block's payload as not yet verified, sync/optimistic.md) and finalized (at or
// before the finalized checkpoint, on the canonical chain).
import type {Type} from "@chainsafe/ssz";
import {ApiError, type BlockId, type StateId} from "@hearth/api";
import {bytesEqual, toHex} from "@hearth/config";
import {ExecutionStatus, type Checkpoint, type RootHex} from "@hearth/fork-choice";
import {FORK_NAMES, ForkSeq, type ForkName} from "@hearth/params";
import {createCachedBeaconState, genesisBlockRoot, util, type CachedBeaconState, type SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {sszTypesFor} from "@hearth/types";
import type {ApiContext} from "./context.js";

export interface ResolvedState {
  state: CachedBeaconState;
  executionOptimistic: boolean;
  finalized: boolean;
}

export interface ResolvedBlock {
  root: RootHex;
  block: SignedBeaconBlockAllForks;
  fork: ForkName;
  executionOptimistic: boolean;
  finalized: boolean;
  canonical: boolean;
}

function stateNotFound(stateId: StateId, reason?: string): ApiError {
  return new ApiError(404, `State not found: ${stateId}${reason !== undefined ? ` (${reason})` : ""}`);
}

function blockNotFound(blockId: BlockId): ApiError {
  return new ApiError(404, `Block not found: ${blockId}`);
}

function finalizedSlot(ctx: ApiContext): number {
  return util.computeStartSlotAtEpoch(ctx.chain.forkChoice.finalizedCheckpoint.epoch);
}

function isOptimistic(ctx: ApiContext, root: RootHex): boolean {
  return ctx.chain.forkChoice.getBlock(root)?.executionStatus === ExecutionStatus.Syncing;
}

/** On the head's chain: the head itself or one of its ancestors. */
function isCanonical(ctx: ApiContext, root: RootHex): boolean {
  const fc = ctx.chain.forkChoice;
  return fc.hasBlock(root) && fc.isAncestor(ctx.chain.head.node.blockRoot, root);
}

/**
 * The genesis state: fork choice forgets the genesis block once it finalizes something later, but
 * the DB keeps the anchor state, which is genesis unless the node started from a checkpoint.
 */
async function genesisState(ctx: ApiContext): Promise<CachedBeaconState | null> {
  if (ctx.genesisState !== null) return ctx.genesisState;
  const {chain} = ctx;
  const anchor = await chain.db.getAnchor();
  if (anchor === null || anchor.state.state.slot !== 0) return null;
  ctx.genesisState = createCachedBeaconState(anchor.state.fork, anchor.state.state, chain.config, chain.head.state.epochCtx.pubkeyCache);
  return ctx.genesisState;
}

async function checkpointState(ctx: ApiContext, stateId: StateId, cp: Checkpoint): Promise<ResolvedState> {
  const {chain} = ctx;
  let state: CachedBeaconState;
  try {
    state = await chain.regen.getCheckpointState(cp);
  } catch (e) {
    ctx.logger.warn("Checkpoint state not available", {stateId: String(stateId), epoch: cp.epoch, error: (e as Error).message});
    throw stateNotFound(stateId, "checkpoint state not available");
  }
  return {state, executionOptimistic: isOptimistic(ctx, cp.root), finalized: cp.epoch <= chain.forkChoice.finalizedCheckpoint.epoch};
}

export async function resolveStateId(ctx: ApiContext, stateId: StateId): Promise<ResolvedState> {
  const {chain} = ctx;
  const fc = chain.forkChoice;
  if (stateId === "head") {
    const head = chain.head;
    // the head is finalized only while it is the finalized checkpoint's block (at genesis)
    return {state: head.state, executionOptimistic: isOptimistic(ctx, head.node.blockRoot), finalized: head.node.blockRoot === fc.finalizedCheckpoint.root};
  }
  if (stateId === "finalized") return checkpointState(ctx, stateId, fc.finalizedCheckpoint);
  if (stateId === "justified") return checkpointState(ctx, stateId, fc.justifiedCheckpoint);
  if (stateId === "genesis" || stateId === 0) {
    const state = await genesisState(ctx);
    if (state !== null) return {state, executionOptimistic: false, finalized: true};
    if (stateId === "genesis") throw stateNotFound(stateId, "the node started from a checkpoint, not genesis");
  }
  if (typeof stateId === "number") {
    if (stateId > chain.clock.currentSlot) throw stateNotFound(stateId, `slot is after the current slot ${chain.clock.currentSlot}`);
    const found = await chain.getStateAtSlot(stateId);
    if (found === null) throw stateNotFound(stateId);
    // getStateAtSlot walks the head's chain, so the state is canonical
    return {state: found.state, executionOptimistic: found.executionOptimistic, finalized: stateId <= finalizedSlot(ctx)};
  }
  if (typeof stateId === "string" && stateId.startsWith("0x")) {
    const root = stateId.toLowerCase();
    const node = fc.protoArray.nodes.find((n) => n.stateRoot === root);
    if (node !== undefined) {
      const found = await chain.getStateByBlockRoot(node.blockRoot);
      if (found !== null) {
        return {state: found.state, executionOptimistic: found.executionOptimistic, finalized: node.slot <= finalizedSlot(ctx) && isCanonical(ctx, node.blockRoot)};
      }
    }
    const genesis = await genesisState(ctx);
    if (genesis !== null && toHex(genesis.state.hashTreeRoot()) === root) return {state: genesis, executionOptimistic: false, finalized: true};
    throw stateNotFound(stateId);
  }
  throw new ApiError(400, `Invalid state ID: ${String(stateId)}`);
}

/**
 * The genesis block, which the DB does not store (it keeps the genesis state as the anchor): the
 * spec's genesis block (phase0 beacon-chain.md "Genesis block"): an empty, unsigned block whose
 * state_root is the genesis state's root. An interop genesis of a later fork is a phase0 genesis
 * upgraded, whose latest_block_header still has the empty phase0 body: the block is then served as
 * the fork whose empty body the header commits to, so that its root is the genesis block root. A
 * node started from a checkpoint has no genesis block.
 */
async function genesisBlock(ctx: ApiContext): Promise<ResolvedBlock | null> {
  const state = await genesisState(ctx);
  if (state === null) return null;
  const bodyRoot = state.state.latestBlockHeader.bodyRoot;
  const candidates = FORK_NAMES.filter((f) => ForkSeq[f] <= ForkSeq[state.fork]).reverse();
  const fork = candidates.find((f) => {
    const bodyType = sszTypesFor(f).BeaconBlockBody as unknown as Type<unknown>;
    return bytesEqual(bodyType.hashTreeRoot(bodyType.defaultValue()), bodyRoot);
  });
  if (fork === undefined) return null;
  const types = sszTypesFor(fork);
  const signed = types.SignedBeaconBlock.defaultValue() as SignedBeaconBlockAllForks;
  signed.message.stateRoot = state.state.hashTreeRoot();
  if (!bytesEqual(types.BeaconBlock.hashTreeRoot(signed.message as never), genesisBlockRoot(state))) return null;
  return {root: toHex(genesisBlockRoot(state)), block: signed, fork, executionOptimistic: false, finalized: true, canonical: true};
}

async function blockByRoot(ctx: ApiContext, root: RootHex): Promise<ResolvedBlock | null> {
  const found = await ctx.chain.getBlockByRoot(root);
  if (found !== null) return {...found, fork: ctx.chain.forkAtSlot(found.block.message.slot)};
  const genesis = await genesisBlock(ctx);
  return genesis !== null && genesis.root === root ? genesis : null;
}

export async function resolveBlockId(ctx: ApiContext, blockId: BlockId): Promise<ResolvedBlock> {
  const {chain} = ctx;
  let found: ResolvedBlock | null;
  if (blockId === "head") found = await blockByRoot(ctx, chain.head.node.blockRoot);
  else if (blockId === "finalized") found = await blockByRoot(ctx, chain.forkChoice.finalizedCheckpoint.root);
  else if (blockId === "genesis" || blockId === 0) found = await genesisBlock(ctx);
  else if (typeof blockId === "number") {
    const atSlot = await chain.getCanonicalBlockAtSlot(blockId);
    found = atSlot === null ? null : {...atSlot, fork: chain.forkAtSlot(blockId)};
  } else if (typeof blockId === "string" && blockId.startsWith("0x")) found = await blockByRoot(ctx, blockId.toLowerCase());
  else throw new ApiError(400, `Invalid block ID: ${String(blockId)}`);
  if (found === null) throw blockNotFound(blockId);
  return found;
}
