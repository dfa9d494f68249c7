// The light-client server (altair light-client/full-node.md): from each imported block, the update
// its sync aggregate makes for its parent; the best such update per sync-committee period, the
// latest finality and optimistic updates (pushed to subscribers when they change), and bootstraps
// for finalized checkpoint blocks. Everything is kept in memory with fixed bounds: MAX_PERIODS best
// updates (the oldest period goes first) and MAX_BOOTSTRAPS bootstraps (the oldest first); a
// restarted node serves what it imports from then on.
import {EventEmitter} from "node:events";
import {MIN_SYNC_COMMITTEE_PARTICIPANTS, ForkSeq} from "@hearth/params";
import {fromHex, toHex, type ForkSchedule} from "@hearth/config";
import {lightClient, util, type CachedBeaconState, type SignedBeaconBlockAllForks} from "@hearth/state-transition";
import type {ChainLogger} from "../interface.js";

export const MAX_PERIODS = 128;
export const MAX_BOOTSTRAPS = 64;

/** Light-client data with the fork whose containers hold it (the attested/bootstrap header's fork). */
export interface Forked<T> {
  fork: lightClient.LightClientFork;
  data: T;
}

export interface LightClientServerDeps {
  forkSchedule: ForkSchedule;
  /** A stored block by root (the DB). */
  getBlock(root: Uint8Array): Promise<SignedBeaconBlockAllForks | null>;
  /** A block's post-state if it is at hand (the block-state cache); null otherwise. */
  getBlockState(rootHex: string): CachedBeaconState | null;
  logger: ChainLogger;
}

export enum LightClientServerEvent {
  finalityUpdate = "light_client_finality_update",
  optimisticUpdate = "light_client_optimistic_update",
}

export class LightClientServer {
  private readonly bestUpdates = new Map<number, Forked<lightClient.LightClientUpdate>>();
  private readonly bootstraps = new Map<string, Forked<lightClient.LightClientBootstrap>>();
  private latestFinality: Forked<lightClient.LightClientFinalityUpdate> | null = null;
  private latestOptimistic: Forked<lightClient.LightClientOptimisticUpdate> | null = null;
  private readonly events = new EventEmitter();

  constructor(private readonly deps: LightClientServerDeps) {}

  onFinalityUpdate(listener: (u: Forked<lightClient.LightClientFinalityUpdate>) => void): () => void {
    this.events.on(LightClientServerEvent.finalityUpdate, listener);
    return () => this.events.off(LightClientServerEvent.finalityUpdate, listener);
  }

  onOptimisticUpdate(listener: (u: Forked<lightClient.LightClientOptimisticUpdate>) => void): () => void {
    this.events.on(LightClientServerEvent.optimisticUpdate, listener);
    return () => this.events.off(LightClientServerEvent.optimisticUpdate, listener);
  }

  getBootstrap(blockRootHex: string): Forked<lightClient.LightClientBootstrap> | null {
    return this.bootstraps.get(blockRootHex.toLowerCase()) ?? null;
  }

  /** The best update of each period in [startPeriod, startPeriod + count), skipping periods without one. */
  getUpdates(startPeriod: number, count: number): Forked<lightClient.LightClientUpdate>[] {
    const out: Forked<lightClient.LightClientUpdate>[] = [];
    for (let p = startPeriod; p < startPeriod + count; p++) {
      const u = this.bestUpdates.get(p);
      if (u !== undefined) out.push(u);
    }
    return out;
  }

  getFinalityUpdate(): Forked<lightClient.LightClientFinalityUpdate> | null {
    return this.latestFinality;
  }

  getOptimisticUpdate(): Forked<lightClient.LightClientOptimisticUpdate> | null {
    return this.latestOptimistic;
  }

  /** A block was imported: derive the update its sync aggregate makes for its parent. Never throws. */
  async onBlockImported(blockRootHex: string): Promise<void> {
    try {
      await this.processBlock(blockRootHex);
    } catch (e) {
      this.deps.logger.debug("No light-client update from block", {root: blockRootHex, error: (e as Error).message});
    }
  }

  /** A checkpoint was finalized: serve a bootstrap for its block. Never throws. */
  async onFinalized(blockRootHex: string): Promise<void> {
    try {
      const state = this.deps.getBlockState(blockRootHex);
      const block = await this.deps.getBlock(fromHex(blockRootHex));
      if (state === null || block === null || ForkSeq[state.fork] < ForkSeq.altair) return;
      const bootstrap = lightClient.createLightClientBootstrap(this.deps.forkSchedule, forkedState(state), forkedBlock(this.deps.forkSchedule, block));
      this.bootstraps.set(blockRootHex.toLowerCase(), {fork: lightClient.lightClientForkOf(state.fork), data: bootstrap});
      while (this.bootstraps.size > MAX_BOOTSTRAPS) this.bootstraps.delete(this.bootstraps.keys().next().value as string);
    } catch (e) {
      this.deps.logger.debug("No light-client bootstrap for finalized block", {root: blockRootHex, error: (e as Error).message});
    }
  }

  private async processBlock(blockRootHex: string): Promise<void> {
    const {forkSchedule, getBlock, getBlockState} = this.deps;
    const signed = await getBlock(fromHex(blockRootHex));
    const state = getBlockState(blockRootHex);
    if (signed === null || state === null || ForkSeq[state.fork] < ForkSeq.altair) return;
    const block = forkedBlock(forkSchedule, signed);
    const participants = lightClient.sumBits({syncAggregate: block.message.body.syncAggregate});
    if (participants < MIN_SYNC_COMMITTEE_PARTICIPANTS) return;

    const parentRootHex = toHex(block.message.parentRoot);
    const attestedState = getBlockState(parentRootHex);
    const attestedSigned = await getBlock(block.message.parentRoot);
    if (attestedState === null || attestedSigned === null || ForkSeq[attestedState.fork] < ForkSeq.altair) return;
    const cp = (attestedState.state as unknown as {finalizedCheckpoint: {epoch: number; root: Uint8Array}}).finalizedCheckpoint;
    const finalizedSigned = cp.epoch === 0 ? null : await getBlock(cp.root);
    const update = lightClient.createLightClientUpdate(forkSchedule, {
      state: forkedState(state),
      block,
      attestedState: forkedState(attestedState),
      attestedBlock: forkedBlock(forkSchedule, attestedSigned),
      finalizedBlock: finalizedSigned === null ? null : forkedBlock(forkSchedule, finalizedSigned),
    });
    const fork = lightClient.lightClientForkAtSlot(forkSchedule, update.attestedHeader.beacon.slot);
    this.considerBestUpdate({fork, data: update});
    this.considerLatest({fork, data: update});
  }

  /** full-node.md: the best update per period, by attested slot, only when signed in the same period. */
  private considerBestUpdate(update: Forked<lightClient.LightClientUpdate>): void {
    const attestedPeriod = lightClient.computeSyncCommitteePeriodAtSlot(update.data.attestedHeader.beacon.slot);
    if (attestedPeriod !== lightClient.computeSyncCommitteePeriodAtSlot(update.data.signatureSlot)) return;
    const old = this.bestUpdates.get(attestedPeriod);
    if (old !== undefined && !lightClient.isBetterUpdate(update.data, lightClient.upgradeLcUpdate(old.data, update.fork))) return;
    this.bestUpdates.set(attestedPeriod, update);
    while (this.bestUpdates.size > MAX_PERIODS) this.bestUpdates.delete(Math.min(...this.bestUpdates.keys()));
  }

  /** full-node.md: the finality and optimistic updates with the highest attested slot, then signature slot. */
  private considerLatest(update: Forked<lightClient.LightClientUpdate>): void {
    const newer = (old: {attestedHeader: {beacon: {slot: number}}; signatureSlot: number} | undefined): boolean =>
      old === undefined ||
      update.data.attestedHeader.beacon.slot > old.attestedHeader.beacon.slot ||
      (update.data.attestedHeader.beacon.slot === old.attestedHeader.beacon.slot && update.data.signatureSlot > old.signatureSlot);

    if (newer(this.latestOptimistic?.data)) {
      const headerChanged = this.latestOptimistic?.data.attestedHeader.beacon.slot !== update.data.attestedHeader.beacon.slot;
      this.latestOptimistic = {fork: update.fork, data: lightClient.createLightClientOptimisticUpdate(update.data)};
      if (headerChanged) this.events.emit(LightClientServerEvent.optimisticUpdate, this.latestOptimistic);
    }
    if (lightClient.isFinalityUpdate(update.data) && newer(this.latestFinality?.data)) {
      const old = this.latestFinality;
      const finalizedChanged = old === null || old.data.finalizedHeader.beacon.slot !== update.data.finalizedHeader.beacon.slot;
      const bitLen = update.data.syncAggregate.syncCommitteeBits.bitLen;
      // a second push for the same finalized header once it gains a supermajority
      const gainedSupermajority =
        old !== null && lightClient.sumBits(old.data) * 3 < bitLen * 2 && lightClient.sumBits(update.data) * 3 >= bitLen * 2;
      this.latestFinality = {fork: update.fork, data: lightClient.createLightClientFinalityUpdate(update.data)};
      if (finalizedChanged || gainedSupermajority) this.events.emit(LightClientServerEvent.finalityUpdate, this.latestFinality);
    }
  }
}

function forkedState(cs: CachedBeaconState): lightClient.ForkedState {
  return {fork: cs.fork, state: cs.state};
}

function forkedBlock(schedule: ForkSchedule, signed: SignedBeaconBlockAllForks): lightClient.ForkedBlock {
  return {fork: schedule.forkAtEpoch(util.computeEpochAtSlot(signed.message.slot)), message: signed.message};
}
