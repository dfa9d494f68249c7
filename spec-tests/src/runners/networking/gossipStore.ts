// The minimal store of tests/formats/networking/gossip_validation.md "Condition", as a
// GossipValidationContext: the state, the imported blocks (failed ones seen but without a state),
// payload statuses, the finalized checkpoint and the test's clock.
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {toHex, type ChainConfig} from "@hearth/config";
import {phase0, sszTypesFor} from "@hearth/types";
import {cloneCachedState, processSlots, stateTransition, type CachedBeaconState, type SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {verifySignatureSets} from "@hearth/bls";
import {kzg, SeenCaches, type GossipPayloadStatus, type GossipValidationContext} from "@hearth/beacon-node";

export interface StoredBlock {
  slot: number;
  parentRoot: string;
}

export class GossipTestStore implements GossipValidationContext {
  readonly seen = new SeenCaches();
  readonly genesisTime: number;
  readonly blocks = new Map<string, StoredBlock>();
  readonly blockStates = new Map<string, CachedBeaconState>();
  readonly payloadStatuses = new Map<string, GossipPayloadStatus>();
  finalized: {epoch: number; root: string};
  nowMs = 0;

  constructor(
    readonly config: ChainConfig,
    readonly state: CachedBeaconState
  ) {
    this.genesisTime = state.state.genesisTime;
    // The anchor: the state's latest block header with its state root filled in (get_forkchoice_store).
    const header = phase0.BeaconBlockHeader.clone(state.state.latestBlockHeader.toValue());
    if (header.stateRoot.every((b) => b === 0)) header.stateRoot = state.state.hashTreeRoot();
    const anchorRoot = toHex(phase0.BeaconBlockHeader.hashTreeRoot(header));
    this.blocks.set(anchorRoot, {slot: header.slot, parentRoot: toHex(header.parentRoot)});
    this.blockStates.set(anchorRoot, state);
    const cp = state.state.finalizedCheckpoint;
    // A genesis state's finalized root is zero: the store's is the anchor block.
    this.finalized = {epoch: cp.epoch, root: cp.root.every((b) => b === 0) ? anchorRoot : toHex(cp.root)};
  }

  blockRoot(block: SignedBeaconBlockAllForks): string {
    const fork = this.state.fork;
    return toHex(sszTypesFor(fork).BeaconBlock.hashTreeRoot(block.message as never));
  }

  /** Imports a block of meta.blocks: a failed one is seen but has no state. */
  importBlock(block: SignedBeaconBlockAllForks, failed: boolean): string {
    const root = this.blockRoot(block);
    const parentRoot = toHex(block.message.parentRoot);
    this.blocks.set(root, {slot: block.message.slot, parentRoot});
    if (failed || this.blockStates.has(root)) return root;
    const pre = this.blockStates.get(parentRoot);
    if (pre === undefined) throw new Error(`block ${root}: parent ${parentRoot} has no state`);
    this.blockStates.set(root, stateTransition(pre, block, {verifyProposer: false}));
    return root;
  }

  currentTimeMs(): number {
    return this.nowMs;
  }
  headState(): CachedBeaconState {
    return this.state;
  }
  finalizedCheckpoint(): {epoch: number; root: string} {
    return this.finalized;
  }
  getBlockSlot(root: string): number | null {
    return this.blocks.get(root)?.slot ?? null;
  }
  isBlockValid(root: string): boolean {
    return this.blockStates.has(root);
  }
  getPayloadStatus(root: string): GossipPayloadStatus {
    return this.payloadStatuses.get(root) ?? "NOT_VALIDATED";
  }
  getCheckpointBlock(root: string, epoch: number): string | null {
    const startSlot = epoch * SLOTS_PER_EPOCH;
    let node = root;
    for (;;) {
      const b = this.blocks.get(node);
      if (b === undefined) return null;
      if (b.slot <= startSlot) return node;
      node = b.parentRoot;
    }
  }
  async getPreState(parentRoot: string, slot: number): Promise<CachedBeaconState | null> {
    const parent = this.blockStates.get(parentRoot);
    if (parent === undefined) return null;
    const cs = cloneCachedState(parent);
    if (cs.state.slot < slot) processSlots(cs, slot);
    return cs;
  }
  verifyBlobKzgProof(blob: Uint8Array, commitment: Uint8Array, proof: Uint8Array): boolean {
    try {
      return kzg.verifyBlobKzgProofBatch([blob], [commitment], [proof]);
    } catch {
      return false;
    }
  }
  async verifySignatureSets(sets: Parameters<typeof verifySignatureSets>[0]): Promise<boolean> {
    try {
      return verifySignatureSets(sets);
    } catch {
      return false;
    }
  }
}
