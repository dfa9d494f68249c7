// State regeneration: the pre-state of a block (its parent's post-state advanced to the block's
// slot), checkpoint states, and a block's post-state when it fell out of the cache — rebuilt by
// replaying stored blocks from the nearest state still held.
import {cloneCachedState, processBlock, processSlots, stateTransition, util, type CachedBeaconState, type SignedBeaconBlockAllForks} from "@hearth/state-transition";
import type {Checkpoint, ForkChoice, RootHex} from "@hearth/fork-choice";
import {fromHex} from "@hearth/config";
import type {BlockStateCache} from "./blockStateCache.js";
import type {CheckpointStateCache} from "./checkpointStateCache.js";
import {ChainError, ChainErrorCode, errorMessage} from "../errors.js";

const {computeEpochAtSlot, computeStartSlotAtEpoch} = util;

export interface RegenDeps {
  blockStates: BlockStateCache;
  checkpointStates: CheckpointStateCache;
  forkChoice: () => ForkChoice;
  getBlock: (root: Uint8Array) => Promise<SignedBeaconBlockAllForks | null>;
  /** A checkpoint state written to the DB at an epoch's first block, decoded; null when absent. */
  getStoredCheckpointState: (cp: Checkpoint) => Promise<CachedBeaconState | null>;
}

export class StateRegenerator {
  constructor(private readonly deps: RegenDeps) {}

  /**
   * The state a block at `slot` on top of `parentRoot` applies to: the parent's post-state through
   * process_slots. A crossed epoch boundary leaves its checkpoint state in the cache, so the epoch
   * transition runs once per branch. The result belongs to the caller.
   */
  async getPreState(parentRoot: RootHex, slot: number): Promise<CachedBeaconState> {
    const base = await this.getStateAtOrBefore(parentRoot, slot);
    return this.advance(base, parentRoot, slot);
  }

  /** getPreState from memory only; null when the parent's state would need a replay. */
  getPreStateSync(parentRoot: RootHex, slot: number): CachedBeaconState | null {
    const base = this.memoryState(parentRoot, slot);
    return base === null ? null : this.advance(base, parentRoot, slot);
  }

  /** store_target_checkpoint_state: the checkpoint block's state at the epoch's start slot. Shared: do not mutate. */
  async getCheckpointState(cp: Checkpoint): Promise<CachedBeaconState> {
    const cached = this.deps.checkpointStates.get(cp);
    if (cached !== undefined) return cached;
    const startSlot = computeStartSlotAtEpoch(cp.epoch);
    const base = await this.getStateAtOrBefore(cp.root, startSlot);
    return this.toCheckpoint(base, cp);
  }

  /** getCheckpointState from memory only (fork choice asks synchronously); null when a replay is needed. */
  getCheckpointStateSync(cp: Checkpoint): CachedBeaconState | null {
    const cached = this.deps.checkpointStates.get(cp);
    if (cached !== undefined) return cached;
    const base = this.memoryState(cp.root, computeStartSlotAtEpoch(cp.epoch));
    return base === null ? null : this.toCheckpoint(base, cp);
  }

  /** The post-state of a known block, replayed from stored blocks when not cached. Shared: do not mutate. */
  async getBlockState(blockRoot: RootHex): Promise<CachedBeaconState> {
    const node = this.deps.forkChoice().getBlock(blockRoot);
    if (node === undefined) throw new ChainError(ChainErrorCode.UNKNOWN, {blockRoot});
    const state = await this.getStateAtOrBefore(blockRoot, node.slot);
    if (state.state.slot !== node.slot) {
      // Only a checkpoint state at the block's own slot qualifies as its post-state.
      throw new ChainError(ChainErrorCode.STATE_UNAVAILABLE, {blockRoot, reason: "only an advanced checkpoint state is held"});
    }
    return state;
  }

  private advance(base: CachedBeaconState, root: RootHex, slot: number): CachedBeaconState {
    let state = base;
    const targetEpoch = computeEpochAtSlot(slot);
    if (computeEpochAtSlot(state.state.slot) < targetEpoch) {
      state = this.toCheckpoint(state, {epoch: targetEpoch, root});
    }
    const out = cloneCachedState(state);
    if (out.state.slot < slot) processSlots(out, slot);
    return out;
  }

  private toCheckpoint(base: CachedBeaconState, cp: Checkpoint): CachedBeaconState {
    const cached = this.deps.checkpointStates.get(cp);
    if (cached !== undefined) return cached;
    const startSlot = computeStartSlotAtEpoch(cp.epoch);
    const state = cloneCachedState(base);
    if (state.state.slot < startSlot) processSlots(state, startSlot);
    this.deps.checkpointStates.add(cp, state);
    return state;
  }

  /** A state of `root`'s chain whose slot is at most `maxSlot`, from memory: the block's own state or a checkpoint state of it. */
  private memoryState(root: RootHex, maxSlot: number): CachedBeaconState | null {
    const own = this.deps.blockStates.get(root);
    if (own !== undefined && own.state.slot <= maxSlot) return own;
    return this.deps.checkpointStates.getLatestForRoot(root, computeEpochAtSlot(maxSlot)) ?? null;
  }

  /** The latest checkpoint state of `root` stored in the DB for an epoch whose start is in [root's slot, maxSlot]. */
  private async storedState(root: RootHex, rootSlot: number, maxSlot: number): Promise<CachedBeaconState | null> {
    for (let epoch = computeEpochAtSlot(maxSlot); computeStartSlotAtEpoch(epoch) >= rootSlot && epoch >= 0; epoch--) {
      const cp = {epoch, root};
      const state = await this.deps.getStoredCheckpointState(cp);
      if (state !== null) {
        this.deps.checkpointStates.add(cp, state);
        return state;
      }
    }
    return null;
  }

  /**
   * `root`'s post-state (or a checkpoint state of it at most `maxSlot`), replaying stored blocks from
   * the nearest ancestor whose state is held.
   */
  private async getStateAtOrBefore(root: RootHex, maxSlot: number): Promise<CachedBeaconState> {
    const held = this.memoryState(root, maxSlot);
    if (held !== null) return held;

    const fc = this.deps.forkChoice();
    const top = fc.getBlock(root);
    if (top !== undefined) {
      const stored = await this.storedState(root, top.slot, maxSlot);
      if (stored !== null) return stored;
    }
    const toReplay: RootHex[] = [root];
    let base: CachedBeaconState | null = null;
    for (let node = top; node !== undefined; ) {
      const parent = fc.getBlock(node.parentRoot);
      if (parent === undefined) break;
      // A checkpoint state at the child's own slot is the child's pre-state: it serves too.
      base = this.memoryState(parent.blockRoot, node.slot) ?? (await this.storedState(parent.blockRoot, parent.slot, node.slot));
      if (base !== null) break;
      toReplay.push(parent.blockRoot);
      node = parent;
    }
    if (base === null) throw new ChainError(ChainErrorCode.STATE_UNAVAILABLE, {blockRoot: root, reason: "no ancestor state held"});

    let state = base;
    for (let i = toReplay.length - 1; i >= 0; i--) {
      const block = await this.deps.getBlock(fromHex(toReplay[i]));
      if (block === null) throw new ChainError(ChainErrorCode.STATE_UNAVAILABLE, {blockRoot: toReplay[i], reason: "block not in the DB"});
      try {
        // These blocks passed the full import once: signatures need no second check.
        state = replayBlock(state, block);
      } catch (e) {
        throw new ChainError(ChainErrorCode.STATE_UNAVAILABLE, {blockRoot: toReplay[i], reason: errorMessage(e)});
      }
      this.deps.blockStates.add(toReplay[i], state);
    }
    return state;
  }
}

/** state_transition without signature or state root checks; `state` may already be at the block's slot. */
function replayBlock(state: CachedBeaconState, block: SignedBeaconBlockAllForks): CachedBeaconState {
  if (state.state.slot < block.message.slot) return stateTransition(state, block, {verifySignatures: false, verifyProposer: false, verifyStateRoot: false});
  const post = cloneCachedState(state);
  processBlock(post, block.message, {verifySignatures: false});
  return post;
}
