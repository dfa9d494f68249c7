// Range sync (phase0 p2p-interface.md "Syncing"): when peers' status heads are ahead of ours, fetch
// the slots between in epoch-sized batches with beacon_blocks_by_range from several peers at once,
// a bounded number ahead of the import, check each response on arrival, import the batches strictly
// in order through the chain's one import pipeline, and retry failed batches with other peers,
// penalising a peer where the fault is provably its own.
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {toHex} from "@hearth/config";
import {BlockError, BlockErrorCode, errorMessage} from "../../chain/errors.js";
import type {ChainLogger} from "../../chain/interface.js";
import {Batch, BatchStatus, checkBatchBlocks} from "./batch.js";
import {importBatchAsSegment} from "./segmentImport.js";
import {ChainSegmentError} from "../../chain/blocks/importSegment.js";
import {RangeSyncError, RangeSyncErrorCode} from "./errors.js";
import {ProgressTracker, formatEta} from "./progress.js";
import type {RangeSyncChain, RangeSyncNetwork, SyncPeerAction, SyncPeerStatus} from "./interface.js";

/**
 * Whole epochs, at least 32 slots: one epoch on mainnet; on the minimal preset (8-slot epochs) four,
 * since a request's round trip costs the same for 8 blocks as for 32 and 2 requests per peer may be
 * in flight (measured by bench/rangeSync.bench.ts).
 */
const DEFAULT_SLOTS_PER_BATCH = Math.ceil(32 / SLOTS_PER_EPOCH) * SLOTS_PER_EPOCH;

export interface RangeSyncOptions {
  chain: RangeSyncChain;
  network: RangeSyncNetwork;
  logger: ChainLogger;
  /** Slots per batch: whole epochs, at least 32 slots, by default. */
  slotsPerBatch?: number;
  /** Batches held beyond the one being imported, downloading or downloaded (bounds memory). */
  maxBatchesAhead?: number;
  /** Requests in flight to one peer. */
  maxRequestsPerPeer?: number;
  /** Failures of one batch before the run is given up (and retried on the next check). */
  maxBatchAttempts?: number;
  /** A peer must be at least this many slots ahead of our head to sync from it (closer: gossip). */
  minSlotsAhead?: number;
  /** Progress log period while syncing; 0 turns it off. */
  logIntervalMs?: number;
  /** How often an idle sync looks whether the head fell behind (refreshing peers' statuses); 0: never. */
  recheckIntervalMs?: number;
  now?: () => number;
}

export type SyncStateName = "synced" | "syncing" | "stalled";

/** What /eth/v1/node/syncing and the logs report. */
export interface SyncState {
  state: SyncStateName;
  headSlot: number;
  /** The best head among connected peers (our own when they are all behind). */
  targetSlot: number;
  /** Slots between the clock and our head. */
  syncDistance: number;
  peers: number;
}

interface PeerState {
  status: SyncPeerStatus;
  active: number;
  assigned: number;
}

interface SyncRun {
  /** Started at our head (true) or at the finalized block (after the head's branch did not link). */
  fromHead: boolean;
  targetSlot: number;
  /** Batches not yet imported, in slot order; the first is the next to import. */
  batches: Batch[];
  /** The last batch imported: downloaded again when the next one does not link to it. */
  lastDone: Batch | null;
  nextStart: number;
  startHead: number;
  startedMs: number;
  imported: number;
}

export class RangeSync {
  private readonly chain: RangeSyncChain;
  private readonly network: RangeSyncNetwork;
  private readonly logger: ChainLogger;
  private readonly slotsPerBatch: number;
  private readonly maxBatchesAhead: number;
  private readonly maxRequestsPerPeer: number;
  private readonly maxBatchAttempts: number;
  private readonly minSlotsAhead: number;
  private readonly now: () => number;
  private readonly peers = new Map<string, PeerState>();
  private readonly progress: ProgressTracker;
  private run: SyncRun | null = null;
  private inFlight = 0;
  private processing: Promise<void> | null = null;
  private refreshing: Promise<void> | null = null;
  private stopped = true;
  private timers: ReturnType<typeof setInterval>[] = [];
  private readonly opts: RangeSyncOptions;

  constructor(opts: RangeSyncOptions) {
    this.opts = opts;
    this.chain = opts.chain;
    this.network = opts.network;
    this.logger = opts.logger;
    this.slotsPerBatch = opts.slotsPerBatch ?? DEFAULT_SLOTS_PER_BATCH;
    this.maxBatchesAhead = opts.maxBatchesAhead ?? 8;
    this.maxRequestsPerPeer = opts.maxRequestsPerPeer ?? 2;
    this.maxBatchAttempts = opts.maxBatchAttempts ?? 5;
    this.minSlotsAhead = opts.minSlotsAhead ?? 2;
    this.now = opts.now ?? Date.now;
    this.progress = new ProgressTracker(this.now);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const logMs = this.opts.logIntervalMs ?? 10_000;
    if (logMs > 0) this.timers.push(setInterval(() => this.logProgress(), logMs));
    const recheckMs = this.opts.recheckIntervalMs ?? 6_000;
    if (recheckMs > 0) this.timers.push(setInterval(() => void this.recheck(), recheckMs));
    for (const t of this.timers) t.unref?.();
    this.maybeStart();
  }

  /** Stops scheduling and waits for the batch being imported. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.run = null;
    await this.processing;
  }

  /** A peer passed the status handshake (or re-status): sync from it when it is ahead. */
  addPeer(peerId: string, status: SyncPeerStatus): void {
    const known = this.peers.get(peerId);
    if (known) known.status = status;
    else this.peers.set(peerId, {status, active: 0, assigned: 0});
    const run = this.run;
    if (run !== null && status.headSlot > run.targetSlot) run.targetSlot = status.headSlot;
    this.maybeStart();
    this.pump();
  }

  removePeer(peerId: string): void {
    this.peers.delete(peerId);
  }

  get peerCount(): number {
    return this.peers.size;
  }

  get isRunning(): boolean {
    return this.run !== null;
  }

  getSyncState(): SyncState {
    const headSlot = this.chain.headSlot();
    const syncDistance = Math.max(0, this.chain.currentSlot() - headSlot);
    const best = this.bestPeerHead();
    const targetSlot = Math.max(headSlot, best, this.run?.targetSlot ?? 0);
    let state: SyncStateName = "synced";
    if (this.run !== null || best > headSlot + this.minSlotsAhead) state = "syncing";
    else if (this.peers.size === 0 && syncDistance > SLOTS_PER_EPOCH) state = "stalled";
    return {state, headSlot, targetSlot, syncDistance, peers: this.peers.size};
  }

  /** The current run's speed over the progress window (metrics); null when no run is on. */
  getProgress(): {slotsPerSecond: number; blocksPerSecond: number} | null {
    const run = this.run;
    if (run === null) return null;
    const {slotsPerSecond, blocksPerSecond} = this.progress.progress(run.targetSlot);
    return {slotsPerSecond, blocksPerSecond};
  }

  /** Looks whether the head fell behind the clock, asks peers for their current heads, and syncs. */
  async recheck(): Promise<void> {
    if (this.stopped || this.run !== null || this.refreshing !== null) return;
    const behind = this.chain.currentSlot() - this.chain.headSlot() > this.minSlotsAhead;
    if (behind && this.network.refreshStatus !== undefined && this.peers.size > 0) {
      this.refreshing = this.refreshStatuses().finally(() => (this.refreshing = null));
      await this.refreshing;
    }
    this.maybeStart();
  }

  private async refreshStatuses(): Promise<void> {
    const refresh = this.network.refreshStatus;
    if (refresh === undefined) return;
    await Promise.all(
      [...this.peers.keys()].map(async (peerId) => {
        try {
          const status = await refresh.call(this.network, peerId);
          if (status === null) this.peers.delete(peerId);
          else if (this.peers.has(peerId)) this.peers.get(peerId)!.status = status;
        } catch (e) {
          this.logger.debug("Status refresh failed", {peer: peerId, error: errorMessage(e)});
        }
      })
    );
  }

  private bestPeerHead(): number {
    let best = 0;
    for (const p of this.peers.values()) best = Math.max(best, p.status.headSlot);
    return best;
  }

  private maybeStart(): void {
    if (this.stopped || this.run !== null) return;
    const headSlot = this.chain.headSlot();
    const best = this.bestPeerHead();
    if (best <= headSlot + this.minSlotsAhead - 1) return;
    this.startRun(true, best);
  }

  private startRun(fromHead: boolean, targetSlot: number): void {
    const headSlot = this.chain.headSlot();
    const startSlot = (fromHead ? headSlot : this.chain.finalizedBlockSlot()) + 1;
    this.run = {fromHead, targetSlot, batches: [], lastDone: null, nextStart: startSlot, startHead: headSlot, startedMs: this.now(), imported: 0};
    this.progress.reset();
    this.progress.record(headSlot);
    this.logger.info("Range sync started", {fromSlot: startSlot, targetSlot, headSlot, peers: this.peers.size});
    this.pump();
  }

  /** Creates batches up to the window, hands idle batches to peers, and imports the next one when ready. */
  private pump(): void {
    const run = this.run;
    if (run === null || this.stopped) return;
    while (run.nextStart <= run.targetSlot && run.batches.length < this.maxBatchesAhead + 1) {
      const count = Math.min(this.slotsPerBatch, run.targetSlot - run.nextStart + 1);
      run.batches.push(new Batch(run.nextStart, count));
      run.nextStart += count;
    }
    for (const batch of run.batches) {
      if (batch.status !== BatchStatus.AwaitingDownload) continue;
      const peer = this.pickPeer(batch);
      if (peer !== null) this.download(run, batch, peer);
    }
    const next = run.batches[0];
    if (next?.status === BatchStatus.AwaitingProcessing && this.processing === null) {
      this.processing = this.process(run, next).finally(() => {
        this.processing = null;
        this.pump();
      });
      return;
    }
    if (next === undefined) {
      this.finishRun(run);
    } else if (next.status === BatchStatus.AwaitingDownload && this.inFlight === 0 && this.processing === null) {
      // nothing is moving and no peer can serve the next batch
      this.abortRun(run, "no peer can serve the next batch", {batch: next.toString()});
    }
  }

  /** The least busy peer whose head reaches the batch, preferring peers that have not failed it. */
  private pickPeer(batch: Batch): string | null {
    let best: string | null = null;
    let bestKey: number[] | null = null;
    for (const [peerId, p] of this.peers) {
      if (p.status.headSlot < batch.startSlot || p.active >= this.maxRequestsPerPeer) continue;
      const key = [batch.failedPeers.has(peerId) ? 1 : 0, peerId === batch.preferredPeer ? 0 : 1, p.active, p.assigned];
      if (bestKey === null || compareKeys(key, bestKey) < 0) {
        best = peerId;
        bestKey = key;
      }
    }
    return best;
  }

  private download(run: SyncRun, batch: Batch, peerId: string): void {
    const peer = this.peers.get(peerId)!;
    batch.status = BatchStatus.Downloading;
    batch.peer = peerId;
    peer.active++;
    peer.assigned++;
    this.inFlight++;
    this.network
      .beaconBlocksByRange(peerId, batch.startSlot, batch.count)
      .then(
        (blocks) => {
          if (this.run !== run) return;
          try {
            batch.blocks = checkBatchBlocks(blocks, batch.startSlot, batch.count, (b) => this.chain.blockRoot(b));
            batch.status = BatchStatus.AwaitingProcessing;
          } catch (e) {
            this.penalise(peerId, "LowToleranceError", e);
            this.failBatch(run, batch, peerId, e);
          }
        },
        (e: unknown) => {
          if (this.run !== run) return;
          const error = new RangeSyncError(RangeSyncErrorCode.DOWNLOAD_FAILED, {batch: batch.toString(), reason: errorMessage(e)});
          this.penalise(peerId, "HighToleranceError", error);
          this.failBatch(run, batch, peerId, error);
        }
      )
      .finally(() => {
        peer.active--;
        this.inFlight--;
        this.pump();
      });
  }

  private async process(run: SyncRun, batch: Batch): Promise<void> {
    batch.status = BatchStatus.Processing;
    let imported = 0;
    try {
      imported = await this.importBatch(batch);
    } catch (e) {
      if (this.run !== run) return;
      this.onProcessError(run, batch, e);
      return;
    }
    if (this.run !== run) return;
    run.batches.shift();
    batch.status = BatchStatus.Done;
    batch.blocks = [];
    run.lastDone = batch;
    run.imported += imported;
    this.progress.record(this.chain.headSlot(), imported);
  }

  /** Imports the batch's blocks in order; returns how many were new. */
  private async importBatch(batch: Batch): Promise<number> {
    const {chain} = this;
    if (chain.importSegment !== undefined) {
      // the batch as one chain segment (segmentImport.ts)
      try {
        return await importBatchAsSegment(chain, chain.importSegment, batch);
      } catch (e) {
        throw e instanceof ChainSegmentError ? classifyImportError(e.cause, e.slot, e.root) : e;
      }
    }
    let imported = 0;
    for (const {block, rootHex} of batch.blocks) {
      if (this.chain.hasBlock(rootHex)) continue;
      const parentRoot = toHex(block.message.parentRoot);
      if (!this.chain.hasBlock(parentRoot)) {
        throw new RangeSyncError(RangeSyncErrorCode.FIRST_NOT_LINKED, {batch: batch.toString(), slot: block.message.slot, parentRoot});
      }
      try {
        await this.chain.importBlock(block);
        imported++;
      } catch (e) {
        // gossip may have brought it meanwhile
        if (e instanceof BlockError && e.code === BlockErrorCode.ALREADY_KNOWN) continue;
        throw classifyImportError(e, block.message.slot, rootHex);
      }
    }
    return imported;
  }

  private onProcessError(run: SyncRun, batch: Batch, e: unknown): void {
    const code = e instanceof RangeSyncError ? e.code : RangeSyncErrorCode.IMPORT_FAILED;
    const peer = batch.peer;
    if (code === RangeSyncErrorCode.FIRST_NOT_LINKED) {
      if (run.lastDone === null) {
        if (run.fromHead) {
          // our head's branch is not the peers' chain: start over from the finalized block
          this.logger.info("Range sync: the peers' chain does not extend our head, syncing from the finalized block", {batch: batch.toString()});
          this.run = null;
          this.startRun(false, run.targetSlot);
          return;
        }
        // it does not build on our finalized block: another chain
        if (peer !== null) this.penalise(peer, "LowToleranceError", e);
        this.failBatch(run, batch, peer, e);
        return;
      }
      const prev = run.lastDone;
      if (peer !== prev.peer && batch.preferredPeer === null) {
        // Peers on different branches, or one withholding: ask the previous batch's peer for this
        // one too, whose chain we have been following. Nobody is provably at fault yet.
        batch.retry(peer);
        batch.preferredPeer = prev.peer;
        return;
      }
      // The previous batch's peer may have withheld its last blocks, or this peer is on another
      // branch: download both again, each from another peer if there is one.
      prev.retry(prev.peer);
      batch.retry(peer);
      run.lastDone = null;
      run.batches.unshift(prev);
      this.logger.debug("Range sync: batch does not link to the previous one, downloading both again", {batch: batch.toString(), previous: prev.toString()});
      if (prev.attempts >= this.maxBatchAttempts || batch.attempts >= this.maxBatchAttempts) this.abortRun(run, "batches keep failing to link", {batch: batch.toString()});
      return;
    }
    if (code === RangeSyncErrorCode.BLOCK_INVALID) {
      if (peer !== null) this.penalise(peer, "LowToleranceError", e);
      this.failBatch(run, batch, peer, e);
      return;
    }
    // our side (engine, state, clock): nobody to blame; give up this run, the next check resumes
    this.abortRun(run, "import failed", {batch: batch.toString(), error: errorMessage(e)});
  }

  private failBatch(run: SyncRun, batch: Batch, peer: string | null, e: unknown): void {
    batch.retry(peer);
    this.logger.debug("Range sync: batch failed", {batch: batch.toString(), peer: peer ?? "none", attempts: batch.attempts, error: errorMessage(e)});
    if (batch.attempts >= this.maxBatchAttempts) this.abortRun(run, "batch failed too often", {batch: batch.toString(), error: errorMessage(e)});
  }

  private penalise(peerId: string, action: SyncPeerAction, e: unknown): void {
    this.logger.debug("Range sync: penalising peer", {peer: peerId, action, error: errorMessage(e)});
    this.network.reportPeer(peerId, action, e instanceof RangeSyncError ? e.code : errorMessage(e));
  }

  private abortRun(run: SyncRun, reason: string, ctx: Record<string, unknown>): void {
    if (this.run !== run) return;
    this.run = null;
    this.logger.warn("Range sync stopped", {reason, headSlot: this.chain.headSlot(), ...ctx});
  }

  private finishRun(run: SyncRun): void {
    this.run = null;
    const seconds = (this.now() - run.startedMs) / 1000;
    const headSlot = this.chain.headSlot();
    this.logger.info("Range sync reached its target", {
      headSlot,
      targetSlot: run.targetSlot,
      blocks: run.imported,
      seconds: Math.round(seconds * 10) / 10,
      blocksPerSecond: seconds > 0 ? Math.round((run.imported / seconds) * 10) / 10 : run.imported,
    });
    // Peers moved on meanwhile: ask again and continue; a run that made no progress waits for the
    // next check instead, so that a peer claiming a head it does not serve cannot spin us.
    if (headSlot > run.startHead) void this.recheckAfterRun();
  }

  private async recheckAfterRun(): Promise<void> {
    if (this.network.refreshStatus !== undefined && this.refreshing === null) {
      this.refreshing = this.refreshStatuses().finally(() => (this.refreshing = null));
      await this.refreshing;
    }
    this.maybeStart();
  }

  private logProgress(): void {
    const run = this.run;
    if (run === null) return;
    const {slotsPerSecond, blocksPerSecond, etaSeconds} = this.progress.progress(run.targetSlot);
    this.logger.info("Syncing", {
      headSlot: this.chain.headSlot(),
      targetSlot: run.targetSlot,
      peers: this.peers.size,
      slotsPerSecond: Math.round(slotsPerSecond * 10) / 10,
      blocksPerSecond: Math.round(blocksPerSecond * 10) / 10,
      eta: formatEta(etaSeconds),
    });
  }
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** A BlockError from the import pipeline, as a sync error: the peer's fault or ours. */
function classifyImportError(e: unknown, slot: number, root: string): RangeSyncError {
  if (!(e instanceof BlockError)) return new RangeSyncError(RangeSyncErrorCode.IMPORT_FAILED, {slot, root, reason: errorMessage(e)});
  switch (e.code) {
    case BlockErrorCode.PARENT_UNKNOWN:
      return new RangeSyncError(RangeSyncErrorCode.FIRST_NOT_LINKED, {slot, root});
    case BlockErrorCode.EXECUTION_ENGINE_ERROR:
    case BlockErrorCode.PRESTATE_MISSING:
    case BlockErrorCode.FUTURE_SLOT:
    case BlockErrorCode.DATA_UNAVAILABLE:
      return new RangeSyncError(RangeSyncErrorCode.IMPORT_FAILED, {slot, root, reason: e.code});
    default:
      return new RangeSyncError(RangeSyncErrorCode.BLOCK_INVALID, {slot, root, reason: e.code});
  }
}
