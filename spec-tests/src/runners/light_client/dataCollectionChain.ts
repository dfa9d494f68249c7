// The chain of the light_client/data_collection runner: a simplified chain from initial_state that
// imports blocks on any branch, is told its head from outside, and collects light-client data the way
// the spec's generator does — per block, the best update of its period along its own branch and the
// latest signature slot; per head, the best updates of non-finalized periods, the latest finality and
// optimistic updates, and bootstraps of newly finalized epoch boundary blocks.
import {EPOCHS_PER_SYNC_COMMITTEE_PERIOD, MIN_SYNC_COMMITTEE_PARTICIPANTS, SLOTS_PER_EPOCH, type ForkName} from "@hearth/params";
import {sszTypesFor} from "@hearth/types";
import type {BeaconConfig} from "@hearth/config";
import {
  cloneCachedState,
  lightClient,
  processSlots,
  stateTransition,
  util,
  type CachedBeaconState,
  type SignedBeaconBlockAllForks,
} from "@hearth/state-transition";
import {toHex} from "../../util/files.js";

const {computeSyncCommitteePeriodAtSlot, lightClientTypesFor, lightClientForkOf} = lightClient;
type LcFork = lightClient.LightClientFork;

interface BlockId {
  slot: number;
  root: string;
}
interface StoredBlock {
  fork: ForkName;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  message: any;
  root: string;
}
export interface Forked<T> {
  fork: LcFork;
  data: T;
}
interface CachedData {
  currentSyncCommitteeBranch: Uint8Array[];
  nextSyncCommitteeBranch: Uint8Array[];
  finalizedSlot: number;
  finalityBranch: Uint8Array[];
  currentPeriodBestUpdate: Forked<lightClient.LightClientUpdate> | null;
  latestSignatureSlot: number;
}

const key = (bid: BlockId): string => `${bid.slot}:${bid.root}`;

function startSlotOfPeriod(period: number): number {
  return util.computeStartSlotAtEpoch(period * EPOCHS_PER_SYNC_COMMITTEE_PERIOD);
}

export class DataCollection {
  readonly blocks = new Map<string, StoredBlock>();
  readonly finalizedBlockRoots = new Map<number, string>();
  readonly states = new Map<string, CachedBeaconState>();
  readonly finalizedCheckpointStates = new Map<string, CachedBeaconState>();
  latestFinalizedEpoch: number;
  latestFinalizedBid: BlockId;
  readonly historicalTailSlot: number;
  // light-client data
  readonly cache = new Map<string, CachedData>();
  latest: Forked<lightClient.LightClientFinalityUpdate> | null = null;
  readonly tailSlot: number;
  readonly headers = new Map<string, Forked<lightClient.LightClientHeader>>();
  readonly currentBranches = new Map<number, Uint8Array[]>();
  readonly syncCommittees = new Map<number, lightClient.SyncCommittee | null>();
  readonly bestUpdates = new Map<number, Forked<lightClient.LightClientUpdate>>();

  constructor(
    readonly config: BeaconConfig,
    initial: CachedBeaconState
  ) {
    const state = initial.state;
    this.latestFinalizedEpoch = state.finalizedCheckpoint.epoch;
    this.latestFinalizedBid = {slot: util.computeStartSlotAtEpoch(state.finalizedCheckpoint.epoch), root: toHex(state.finalizedCheckpoint.root)};
    this.historicalTailSlot = state.slot;
    this.tailSlot = Math.max(state.slot, util.computeStartSlotAtEpoch(config.forkEpoch("altair")));

    // The anchor: a block with only the state root set, which is what the state's latest header names.
    const fork = initial.fork;
    const message = sszTypesFor(fork).BeaconBlock.defaultValue() as {stateRoot: Uint8Array; slot: number};
    message.stateRoot = state.hashTreeRoot();
    message.slot = state.slot;
    const bid = this.stateToBlockId(initial);
    this.blocks.set(bid.root, {fork, message, root: bid.root});
    this.finalizedBlockRoots.set(bid.slot, bid.root);
    this.states.set(toHex(message.stateRoot), initial);
    this.finalizedCheckpointStates.set(toHex(message.stateRoot), initial);
    this.cacheLcData(initial, bid, null, 0);
    this.createLcBootstrap(bid);
  }

  stateToBlockId(cs: CachedBeaconState): BlockId {
    return {slot: cs.state.slot, root: toHex(lightClient.stateBlockRoot(forked(cs)))};
  }

  blockId(block: StoredBlock): BlockId {
    return {slot: block.message.slot, root: block.root};
  }

  ancestorOf(bid: BlockId, slot: number): BlockId | null {
    let block = this.blocks.get(bid.root);
    while (block !== undefined) {
      if (block.message.slot <= slot) return this.blockId(block);
      block = this.blocks.get(toHex(block.message.parentRoot));
    }
    return null;
  }

  blockIdAtFinalizedSlot(slot: number): BlockId | null {
    for (let s = slot; s >= this.historicalTailSlot; s--) {
      const root = this.finalizedBlockRoots.get(s);
      if (root !== undefined) return {slot: s, root};
    }
    return null;
  }

  currentSyncCommitteeForFinalizedPeriod(period: number): lightClient.SyncCommittee | null {
    const lowSlot = Math.max(this.historicalTailSlot, util.computeStartSlotAtEpoch(this.config.forkEpoch("altair")));
    if (period < computeSyncCommitteePeriodAtSlot(lowSlot)) return null;
    const syncCommitteeSlot = Math.max(startSlotOfPeriod(period), lowSlot);
    const bid = this.blockIdAtFinalizedSlot(syncCommitteeSlot);
    if (bid === null) return null;
    const block = this.getBlock(bid.root);
    let cs = this.finalizedCheckpointStates.get(toHex(block.message.stateRoot));
    if (cs === undefined) throw new Error(`no finalized checkpoint state for block ${bid.root}`);
    if (syncCommitteeSlot > cs.state.slot) {
      cs = cloneCachedState(cs);
      processSlots(cs, syncCommitteeSlot);
    }
    return (cs.state as unknown as {currentSyncCommittee: {toValue(): lightClient.SyncCommittee}}).currentSyncCommittee.toValue();
  }

  getBlock(root: string): StoredBlock {
    const block = this.blocks.get(root);
    if (block === undefined) throw new Error(`unknown block ${root}`);
    return block;
  }

  lcData(bid: BlockId): CachedData {
    const data = this.cache.get(key(bid));
    if (data === undefined) throw new Error(`light-client data of block ${bid.root} at slot ${bid.slot} is not cached`);
    return data;
  }

  headerFor(bid: BlockId, to?: LcFork): Forked<lightClient.LightClientHeader> {
    const block = this.getBlock(bid.root);
    const fork = to ?? lightClientForkOf(block.fork);
    return {fork, data: lightClient.blockToLightClientHeader(this.config, block, fork)};
  }

  cacheLcData(cs: CachedBeaconState, bid: BlockId, best: Forked<lightClient.LightClientUpdate> | null, latestSignatureSlot: number): void {
    if (this.cache.has(key(bid))) throw new Error("redundant light-client data for a block");
    const f = forked(cs);
    this.cache.set(key(bid), {
      currentSyncCommitteeBranch: lightClient.currentSyncCommitteeBranch(this.config, f),
      nextSyncCommitteeBranch: lightClient.nextSyncCommitteeBranch(this.config, f),
      finalizedSlot: util.computeStartSlotAtEpoch(cs.state.finalizedCheckpoint.epoch),
      finalityBranch: lightClient.finalityBranch(this.config, f),
      currentPeriodBestUpdate: best,
      latestSignatureSlot,
    });
  }

  finalityUpdateFromLcData(attestedBid: BlockId, signatureSlot: number, syncAggregate: lightClient.SyncAggregate): Forked<lightClient.LightClientFinalityUpdate> {
    const attestedHeader = this.headerFor(attestedBid);
    const fork = attestedHeader.fork;
    const types = lightClientTypesFor(fork);
    const attestedData = this.lcData(attestedBid);
    const finalizedBid = this.blockIdAtFinalizedSlot(attestedData.finalizedSlot);
    let finalizedHeader = types.LightClientHeader.defaultValue() as lightClient.LightClientHeader;
    let finalityBranch = types.FinalityBranch.defaultValue() as Uint8Array[];
    if (finalizedBid !== null) {
      // empty slots at the end of the epoch: remember the slot of the block the checkpoint names
      if (finalizedBid.slot !== attestedData.finalizedSlot) attestedData.finalizedSlot = finalizedBid.slot;
      if (finalizedBid.slot !== 0) finalizedHeader = this.headerFor(finalizedBid, fork).data;
      finalityBranch = attestedData.finalityBranch;
    }
    return {fork, data: {attestedHeader: attestedHeader.data, finalizedHeader, finalityBranch, syncAggregate, signatureSlot}};
  }

  createLcUpdate(cs: CachedBeaconState, block: StoredBlock, parentBid: BlockId): void {
    const bid = this.blockId(block);
    const attestedSlot = parentBid.slot;
    if (attestedSlot < this.tailSlot) {
      this.cacheLcData(cs, bid, null, 0);
      return;
    }
    const attestedPeriod = computeSyncCommitteePeriodAtSlot(attestedSlot);
    const signatureSlot = block.message.slot;
    const signaturePeriod = computeSyncCommitteePeriodAtSlot(signatureSlot);
    const attestedData = this.lcData(parentBid);
    let best = attestedPeriod !== signaturePeriod ? null : attestedData.currentPeriodBestUpdate;

    const syncAggregate = block.message.body.syncAggregate as lightClient.SyncAggregate;
    const participants = lightClient.sumBits({syncAggregate});
    const latestSignatureSlot = participants < MIN_SYNC_COMMITTEE_PARTICIPANTS ? attestedData.latestSignatureSlot : signatureSlot;
    if (participants < MIN_SYNC_COMMITTEE_PARTICIPANTS || attestedPeriod !== signaturePeriod) {
      this.cacheLcData(cs, bid, best, latestSignatureSlot);
      return;
    }

    const finality = this.finalityUpdateFromLcData(parentBid, signatureSlot, syncAggregate);
    const update: Forked<lightClient.LightClientUpdate> = {
      fork: finality.fork,
      data: {
        ...finality.data,
        nextSyncCommittee: (cs.state as unknown as {nextSyncCommittee: {toValue(): lightClient.SyncCommittee}}).nextSyncCommittee.toValue(),
        nextSyncCommitteeBranch: this.lcData(parentBid).nextSyncCommitteeBranch,
      },
    };
    const isBetter = best === null || lightClient.isBetterUpdate(update.data, lightClient.upgradeLcUpdate(best.data, update.fork));
    if (isBetter) best = update;
    this.cacheLcData(cs, bid, best, latestSignatureSlot);
  }

  createLcBootstrap(bid: BlockId): void {
    const period = computeSyncCommitteePeriodAtSlot(bid.slot);
    if (!this.syncCommittees.has(period)) this.syncCommittees.set(period, this.currentSyncCommitteeForFinalizedPeriod(period));
    this.headers.set(bid.root, this.headerFor(bid));
    this.currentBranches.set(bid.slot, this.lcData(bid).currentSyncCommitteeBranch);
  }

  /** new_block: the block's post-state from its parent's, then its light-client data. */
  addBlock(fork: ForkName, signed: SignedBeaconBlockAllForks): void {
    const message = signed.message;
    const parent = this.getBlock(toHex(message.parentRoot));
    const pre = this.states.get(toHex(parent.message.stateRoot));
    if (pre === undefined) throw new Error(`no post-state for parent ${parent.root}`);
    const post = stateTransition(pre, signed, {verifyProposer: false, verifySignatures: false});
    if (post.fork !== fork) throw new Error(`block of ${fork} produced a ${post.fork} state`);
    const root = toHex(sszTypesFor(fork).BeaconBlock.hashTreeRoot(message as never));
    const block: StoredBlock = {fork, message, root};
    this.blocks.set(root, block);
    this.states.set(toHex(message.stateRoot), post);
    if (message.slot < this.tailSlot) return;
    this.createLcUpdate(post, block, this.blockId(parent));
  }

  processHeadChange(headBid: BlockId, oldFinalizedBid: BlockId): void {
    if (headBid.slot < this.tailSlot) return;
    // Commit the best light-client data of non-finalized periods along the new head's branch
    const headPeriod = computeSyncCommitteePeriodAtSlot(headBid.slot);
    const lowSlot = Math.max(this.tailSlot, oldFinalizedBid.slot);
    const lowPeriod = computeSyncCommitteePeriodAtSlot(lowSlot);
    let bid: BlockId | null = headBid;
    for (let period = headPeriod; period >= lowPeriod; period--) {
      bid = this.ancestorOf(bid, startSlotOfPeriod(period + 1) - 1);
      if (bid === null || bid.slot < lowSlot) break;
      const best = this.lcData(bid).currentPeriodBestUpdate;
      if (best === null || lightClient.sumBits(best.data) < MIN_SYNC_COMMITTEE_PARTICIPANTS) this.bestUpdates.delete(period);
      else this.bestUpdates.set(period, best);
    }

    // The latest data: the newest signature along the head's branch
    this.latest = null;
    const signatureSlot = this.lcData(headBid).latestSignatureSlot;
    if (signatureSlot <= lowSlot) return;
    const signatureBid = this.ancestorOf(headBid, signatureSlot);
    if (signatureBid === null || signatureBid.slot <= lowSlot) return;
    const attestedBid = this.ancestorOf(signatureBid, signatureBid.slot - 1);
    if (attestedBid === null || attestedBid.slot < lowSlot) return;
    const signatureBlock = this.getBlock(signatureBid.root);
    this.latest = this.finalityUpdateFromLcData(attestedBid, signatureSlot, signatureBlock.message.body.syncAggregate);
  }

  processFinalization(finalizedBid: BlockId, oldFinalizedBid: BlockId): void {
    if (finalizedBid.slot < this.tailSlot) return;
    // Bootstraps for newly finalized epoch boundary blocks
    const lowSlot = Math.max(oldFinalizedBid.slot + 1, this.tailSlot);
    let boundarySlot = finalizedBid.slot;
    while (boundarySlot >= lowSlot) {
      const bid = this.blockIdAtFinalizedSlot(boundarySlot);
      if (bid === null) break;
      if (bid.slot >= lowSlot) this.createLcBootstrap(bid);
      // the first epoch-start slot at or after the block: a checkpoint naming it lies there
      boundarySlot = util.computeStartSlotAtEpoch(util.computeEpochAtSlot(bid.slot + SLOTS_PER_EPOCH - 1));
      if (boundarySlot < SLOTS_PER_EPOCH) break;
      boundarySlot -= SLOTS_PER_EPOCH;
    }
    // Data that no future update can refer to
    for (const k of [...this.cache.keys()]) if (Number(k.split(":")[0]) < finalizedBid.slot) this.cache.delete(k);
  }

  /** new_head: as the generator's select_new_head, then the light-client data to check. */
  selectNewHead(headBid: BlockId): void {
    const oldFinalizedBid = this.latestFinalizedBid;
    this.processHeadChange(headBid, oldFinalizedBid);
    let block = this.getBlock(headBid.root);
    const headState = this.states.get(toHex(block.message.stateRoot));
    if (headState === undefined) throw new Error(`no state for head ${headBid.root}`);
    const checkpoint = headState.state.finalizedCheckpoint;
    if (checkpoint.epoch === 0) return;
    block = this.getBlock(toHex(checkpoint.root));
    let bid = this.blockId(block);
    const newFinalizedBid = bid;
    if (newFinalizedBid.slot <= oldFinalizedBid.slot) return;
    let oldFinalizedEpoch: number | null = null;
    while (bid.slot > this.latestFinalizedBid.slot) {
      this.finalizedBlockRoots.set(bid.slot, bid.root);
      const finalizedEpoch = util.computeEpochAtSlot(bid.slot + SLOTS_PER_EPOCH - 1);
      if (finalizedEpoch !== oldFinalizedEpoch) {
        const stateRoot = toHex(block.message.stateRoot);
        const cs = this.states.get(stateRoot);
        if (cs === undefined) throw new Error(`no state for finalized block ${bid.root}`);
        this.finalizedCheckpointStates.set(stateRoot, cs);
        oldFinalizedEpoch = finalizedEpoch;
      }
      block = this.getBlock(toHex(block.message.parentRoot));
      bid = this.blockId(block);
    }
    this.latestFinalizedEpoch = checkpoint.epoch;
    this.latestFinalizedBid = newFinalizedBid;
    this.processFinalization(newFinalizedBid, oldFinalizedBid);
    for (const [root, b] of this.blocks) if (b.message.slot < newFinalizedBid.slot) this.blocks.delete(root);
    for (const [root, s] of this.states) if (s.state.slot < newFinalizedBid.slot) this.states.delete(root);
  }

  bootstrap(root: string): Forked<lightClient.LightClientBootstrap> | null {
    const header = this.headers.get(root);
    if (header === undefined) return null;
    const slot = header.data.beacon.slot;
    const committee = this.syncCommittees.get(computeSyncCommitteePeriodAtSlot(slot));
    const branch = this.currentBranches.get(slot);
    if (!committee || !branch) return null;
    return {fork: header.fork, data: {header: header.data, currentSyncCommittee: committee, currentSyncCommitteeBranch: branch}};
  }
}

function forked(cs: CachedBeaconState): lightClient.ForkedState {
  return {fork: cs.fork, state: cs.state};
}
