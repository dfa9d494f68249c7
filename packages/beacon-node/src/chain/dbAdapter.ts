// The chain's store (ChainDb) on @hearth/db's repositories: hot blocks, the block archive with its
// root index, checkpoint states, the anchor state and the chain info records. Archiving is one
// atomic batch, so a crash leaves each block either hot or archived, never both or neither.
import {createForkSchedule, type ChainConfig} from "@hearth/config";
import type {Db, ForkedBeaconState, ForkedSignedBeaconBlock} from "@hearth/db";
import {util, type SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {blockType} from "./anchor.js";
import type {ChainDb, StoredCheckpoint, StoredState} from "./interface.js";

export class ChainDbAdapter implements ChainDb {
  private readonly forkAtEpoch: (epoch: number) => ReturnType<ReturnType<typeof createForkSchedule>["forkAtEpoch"]>;

  constructor(
    readonly db: Db,
    config: ChainConfig
  ) {
    const schedule = createForkSchedule(config);
    this.forkAtEpoch = (epoch) => schedule.forkAtEpoch(epoch);
  }

  private forked(block: SignedBeaconBlockAllForks): ForkedSignedBeaconBlock {
    return {fork: this.forkAtEpoch(util.computeEpochAtSlot(block.message.slot)), value: block} as ForkedSignedBeaconBlock;
  }

  async putBlock(root: Uint8Array, block: SignedBeaconBlockAllForks): Promise<void> {
    await this.db.hotBlocks.put(root, this.forked(block));
  }

  async getBlock(root: Uint8Array): Promise<SignedBeaconBlockAllForks | null> {
    const hot = await this.db.hotBlocks.get(root);
    if (hot !== null) return hot.value as SignedBeaconBlockAllForks;
    const archived = await this.db.blockArchive.getByRoot(root);
    return archived === null ? null : (archived.value as SignedBeaconBlockAllForks);
  }

  async getHotBlocks(): Promise<{root: Uint8Array; block: SignedBeaconBlockAllForks}[]> {
    const out: {root: Uint8Array; block: SignedBeaconBlockAllForks}[] = [];
    for await (const root of this.db.hotBlocks.roots()) {
      const block = await this.db.hotBlocks.get(root);
      if (block !== null) out.push({root, block: block.value as SignedBeaconBlockAllForks});
    }
    return out;
  }

  async deleteBlocks(roots: Uint8Array[]): Promise<void> {
    if (roots.length === 0) return;
    const batch = this.db.batch();
    for (const root of roots) this.db.hotBlocks.batchDelete(batch, root);
    await batch.commit();
  }

  async archiveBlocks(blocks: {root: Uint8Array; block: SignedBeaconBlockAllForks}[]): Promise<void> {
    if (blocks.length === 0) return;
    const batch = this.db.batch();
    for (const {root, block} of blocks) {
      this.db.blockArchive.batchPut(batch, root, this.forked(block));
      this.db.hotBlocks.batchDelete(batch, root);
    }
    await batch.commit();
  }

  async getArchivedBlock(slot: number): Promise<{root: Uint8Array; block: SignedBeaconBlockAllForks} | null> {
    const stored = await this.db.blockArchive.get(slot);
    if (stored === null) return null;
    const block = stored.value as SignedBeaconBlockAllForks;
    const type = blockType(stored.fork);
    let root: Uint8Array | null = null;
    // Hashed on first use only: serving blocks by range needs the block, not its root.
    return {
      block,
      get root(): Uint8Array {
        return (root ??= type.hashTreeRoot(block.message));
      },
    };
  }

  async putCheckpointState(cp: StoredCheckpoint, state: StoredState): Promise<void> {
    await this.db.checkpointStates.put(cp, {fork: state.fork, value: state.state} as ForkedBeaconState);
  }

  async getCheckpointState(cp: StoredCheckpoint): Promise<StoredState | null> {
    const stored = await this.db.checkpointStates.get(cp);
    return stored === null ? null : {fork: stored.fork, state: stored.value as StoredState["state"]};
  }

  async deleteCheckpointStatesBelow(epoch: number): Promise<void> {
    if (epoch <= 0) return;
    const keys = await this.db.checkpointStates.keys({toEpoch: epoch - 1});
    if (keys.length === 0) return;
    const batch = this.db.batch();
    for (const key of keys) this.db.checkpointStates.batchDelete(batch, key);
    await batch.commit();
  }

  async putFinalized(cp: StoredCheckpoint): Promise<void> {
    await this.db.chainInfo.finalizedCheckpoint.put(cp);
  }

  async getFinalized(): Promise<StoredCheckpoint | null> {
    return this.db.chainInfo.finalizedCheckpoint.get();
  }

  async putHead(root: Uint8Array): Promise<void> {
    await this.db.chainInfo.headRoot.put(root);
  }

  async putAnchor(blockRoot: Uint8Array, state: StoredState): Promise<void> {
    const stateRoot = state.state.hashTreeRoot();
    const batch = this.db.batch();
    this.db.anchorStates.batchPut(batch, stateRoot, {fork: state.fork, value: state.state} as ForkedBeaconState);
    this.db.chainInfo.anchor.batchPut(batch, {slot: state.state.slot, blockRoot, stateRoot});
    this.db.chainInfo.genesis.batchPut(batch, {genesisTime: state.state.genesisTime, genesisValidatorsRoot: state.state.genesisValidatorsRoot});
    await batch.commit();
  }

  async getAnchor(): Promise<{blockRoot: Uint8Array; state: StoredState} | null> {
    const info = await this.db.chainInfo.anchor.get();
    if (info === null) return null;
    const stored = await this.db.anchorStates.get(info.stateRoot);
    return stored === null ? null : {blockRoot: info.blockRoot, state: {fork: stored.fork, state: stored.value as StoredState["state"]}};
  }
}
