// The data-availability check before import (deneb and fulu fork-choice.md is_data_available) and the
// node's sidecars around it: sidecars received before their block wait here, blocks received before
// their data wait here, the blobs of locally built payloads make their own sidecars, the execution
// engine's blob pool (engine_getBlobsV1/V2) fills gaps, and >= 50% of the columns recover the rest.
// Imported blocks' sidecars go to the store, which is pruned past the retention window.
import {createHash} from "node:crypto";
import {ForkSeq, NUMBER_OF_COLUMNS, SLOTS_PER_EPOCH, type ForkName} from "@hearth/params";
import type {deneb, fulu} from "@hearth/types";
import {toHex, type ChainConfig} from "@hearth/config";
import {kzgCommitmentToVersionedHash, util, type SignedBeaconBlockAllForks} from "@hearth/state-transition";
import type {BlobsBundle, GetBlobsResult} from "../../execution/interface.js";
import {noopLogger, type ChainLogger} from "../interface.js";
import {errorMessage} from "../errors.js";
import type {ImportBlockOpts} from "../blocks/importBlock.js";
import {getCustodyColumns, type CustodyColumns, type CustodySettings} from "./custody.js";
import {matrixFromBlobsAndCellProofs, recoverMatrix, splitCellProofs} from "./matrix.js";
import {ALL_COLUMNS, blobKzgCommitmentsOf, getBlobSidecars, getDataColumnSidecarsFromBlock, getDataColumnSidecarsFromColumnSidecar} from "./sidecars.js";
import {sidecarBlockRoot, verifyBlobSidecarsForBlock, verifyColumnSidecarsForBlock} from "./verify.js";
import {PendingBlockCache} from "./pendingBlocks.js";
import type {SidecarStore} from "./store.js";
import {DataAvailabilityError} from "./errors.js";

/** How the data of a block was made available. */
export type DataOrigin = "network" | "local" | "engine" | "recovered";

export type AvailableData =
  | {kind: "none"}
  | {kind: "blobs"; fork: ForkName; blockRoot: Uint8Array; origin: DataOrigin; sidecars: deneb.BlobSidecar[]}
  /** `sidecars`: the columns to keep (custody); `built`: every column this node made itself (to publish). */
  | {kind: "columns"; fork: ForkName; blockRoot: Uint8Array; origin: DataOrigin; sidecars: fulu.DataColumnSidecar[]; built: fulu.DataColumnSidecar[]};

/** The engine's blob pool, when the engine has one (engine_getBlobsV1/V2). */
export interface BlobSource {
  getBlobs(fork: ForkName, versionedHashes: Uint8Array[]): Promise<GetBlobsResult>;
}

export interface DataAvailabilityOptions {
  config: ChainConfig;
  store: SidecarStore;
  custody?: CustodySettings;
  engine?: Partial<BlobSource> | null;
  logger?: ChainLogger;
  /** The clock's slot: the retention window and pruning are measured from it. */
  currentSlot: () => number;
  /** Re-runs the import of a block whose data completed (the chain's processBlock). */
  importBlock?: (block: SignedBeaconBlockAllForks, opts: ImportBlockOpts) => Promise<unknown>;
  /** Blocks held for their data (default 32). */
  maxPendingBlocks?: number;
}

/** Sidecars of one block not yet imported. `verified` holds those the caller already checked in full. */
interface PendingSidecars {
  slot: number;
  blobs: Map<number, deneb.BlobSidecar>;
  columns: Map<number, fulu.DataColumnSidecar>;
  verified: Set<number>;
}

/** Blocks whose sidecars are kept in memory before import, and locally built bundles kept. */
const MAX_PENDING_SIDECAR_BLOCKS = 64;
const MAX_LOCAL_BUNDLES = 16;

export type SidecarsListener = (data: Exclude<AvailableData, {kind: "none"}>) => void;

export class DataAvailability {
  private readonly config: ChainConfig;
  private readonly store: SidecarStore;
  private readonly logger: ChainLogger;
  private readonly engine: Partial<BlobSource> | null;
  private readonly currentSlot: () => number;
  private importBlock: DataAvailabilityOptions["importBlock"];
  private custody: CustodyColumns;
  private readonly pendingSidecars = new Map<string, PendingSidecars>();
  readonly pendingBlocks: PendingBlockCache;
  private readonly localBundles = new Map<string, {fork: ForkName; bundle: BlobsBundle}>();
  private readonly listeners: SidecarsListener[] = [];

  constructor(opts: DataAvailabilityOptions) {
    this.config = opts.config;
    this.store = opts.store;
    this.logger = opts.logger ?? noopLogger;
    this.engine = opts.engine ?? null;
    this.currentSlot = opts.currentSlot;
    this.importBlock = opts.importBlock;
    this.pendingBlocks = new PendingBlockCache(opts.maxPendingBlocks ?? 32);
    this.custody = getCustodyColumns(opts.config, opts.custody ?? {nodeId: 0n});
  }

  /** The node id and cgc are known once the network is up; `--supernode` custodies every column. */
  setCustody(settings: CustodySettings): void {
    this.custody = getCustodyColumns(this.config, settings);
  }

  get custodyColumns(): CustodyColumns {
    return this.custody;
  }

  setImporter(importBlock: NonNullable<DataAvailabilityOptions["importBlock"]>): void {
    this.importBlock = importBlock;
  }

  /**
   * Called with the sidecars a block's data was made available with, once the block is imported:
   * the network publishes those of origin "local" (all columns of our own block), "engine" and
   * "recovered" (the custody columns the node rebuilt).
   */
  onSidecarsAvailable(listener: SidecarsListener): void {
    this.listeners.push(listener);
  }

  /** A payload this node built (getPayload's blobs bundle): a block carrying its commitments needs no sidecars from peers. */
  addLocalBlobsBundle(fork: ForkName, bundle: BlobsBundle): void {
    if (bundle.commitments.length === 0) return;
    const key = commitmentsKey(bundle.commitments);
    this.localBundles.delete(key);
    this.localBundles.set(key, {fork, bundle});
    while (this.localBundles.size > MAX_LOCAL_BUNDLES) this.localBundles.delete(this.localBundles.keys().next().value as string);
  }

  /**
   * A blob sidecar from the network (gossip or req/resp). Pass `verified` when the caller ran the
   * inclusion proof and KZG checks already (gossip validation did). Completes a waiting block.
   */
  addBlobSidecar(sidecar: deneb.BlobSidecar, _opts: {verified?: boolean} = {}): void {
    const rootHex = toHex(sidecarBlockRoot(sidecar));
    const entry = this.pendingEntry(rootHex, sidecar.signedBlockHeader.message.slot);
    entry.blobs.set(sidecar.index, sidecar);
    this.retryPendingBlock(rootHex);
  }

  /** A data column sidecar from the network; as addBlobSidecar. */
  addDataColumnSidecar(sidecar: fulu.DataColumnSidecar, opts: {verified?: boolean} = {}): void {
    const rootHex = toHex(sidecarBlockRoot(sidecar));
    const entry = this.pendingEntry(rootHex, sidecar.signedBlockHeader.message.slot);
    entry.columns.set(sidecar.index, sidecar);
    if (opts.verified) entry.verified.add(sidecar.index);
    else entry.verified.delete(sidecar.index);
    this.retryPendingBlock(rootHex);
  }

  /** Columns of a waiting block that the node must sample and does not have: what to request by root. */
  missingColumns(blockRootHex: string): number[] {
    const have = this.pendingSidecars.get(blockRootHex)?.columns;
    return this.custody.samplingColumns.filter((c) => !have?.has(c));
  }

  /** The import pipeline's hold on a block without its data: it is retried when the data completes. */
  addPendingBlock(block: SignedBeaconBlockAllForks, rootHex: string, opts: ImportBlockOpts): void {
    this.pendingBlocks.add({block, opts, rootHex, commitmentCount: blobKzgCommitmentsOf(block).length});
  }

  /** True when a block at `slot` must have its data (within MIN_EPOCHS_FOR_*_SIDECARS_REQUESTS of now). */
  isWithinRetention(fork: ForkName, slot: number): boolean {
    const window = ForkSeq[fork] >= ForkSeq.fulu ? this.config.MIN_EPOCHS_FOR_DATA_COLUMN_SIDECARS_REQUESTS : this.config.MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS;
    return util.computeEpochAtSlot(slot) + window >= util.computeEpochAtSlot(this.currentSlot());
  }

  /**
   * is_data_available for a block about to be imported: the sidecars to keep when the data is there
   * and valid, {kind: "none"} when the block needs none, null when it is (still) missing. Invalid
   * sidecars at hand are dropped and logged, never trusted; the block may still be completed later.
   */
  async checkAvailability(fork: ForkName, blockRoot: Uint8Array, signedBlock: SignedBeaconBlockAllForks): Promise<AvailableData | null> {
    const commitments = blobKzgCommitmentsOf(signedBlock);
    if (ForkSeq[fork] < ForkSeq.deneb || commitments.length === 0) return {kind: "none"};
    if (!this.isWithinRetention(fork, signedBlock.message.slot)) return {kind: "none"};
    const rootHex = toHex(blockRoot);
    try {
      return ForkSeq[fork] >= ForkSeq.fulu
        ? await this.checkColumns(fork, blockRoot, rootHex, signedBlock, commitments)
        : await this.checkBlobs(fork, blockRoot, rootHex, signedBlock, commitments);
    } catch (e) {
      if (!(e instanceof DataAvailabilityError)) throw e;
      this.logger.warn("Sidecars of a block failed verification and were dropped", {root: rootHex, slot: signedBlock.message.slot, error: e.message});
      this.pendingSidecars.delete(rootHex);
      return null;
    }
  }

  /** Writes the sidecars of an imported block and tells the listeners. Logs, never throws: the block is in. */
  async onBlockImported(data: AvailableData): Promise<void> {
    if (data.kind === "none") return;
    const rootHex = toHex(data.blockRoot);
    this.pendingSidecars.delete(rootHex);
    this.pendingBlocks.take(rootHex);
    try {
      if (data.kind === "blobs") await this.store.putBlobSidecars(data.fork, data.blockRoot, data.sidecars);
      else await this.store.putDataColumnSidecars(data.fork, data.blockRoot, data.sidecars);
    } catch (e) {
      this.logger.error("Sidecars not written to the DB", {root: rootHex, error: errorMessage(e)});
    }
    for (const listener of this.listeners) {
      try {
        listener(data);
      } catch (e) {
        this.logger.warn("Sidecar listener failed", {root: rootHex, error: errorMessage(e)});
      }
    }
  }

  /** A block's stored blob sidecars (blob_sidecars_by_root / by_range, the Beacon API). */
  getBlobSidecars(blockRoot: Uint8Array): Promise<deneb.BlobSidecar[] | null> {
    return this.store.getBlobSidecars(blockRoot);
  }

  /** A block's stored data columns, only `indices` when given (data_column_sidecars_by_root / by_range). */
  getDataColumnSidecars(blockRoot: Uint8Array, indices?: readonly number[]): Promise<fulu.DataColumnSidecar[]> {
    return this.store.getDataColumnSidecars(blockRoot, indices);
  }

  /** Deletes sidecars past the retention windows (MIN_EPOCHS_FOR_{BLOB,DATA_COLUMN}_SIDECARS_REQUESTS) and stale pending entries. */
  async prune(currentEpoch: number): Promise<{blobBlocks: number; columns: number}> {
    const blobEpoch = Math.max(0, currentEpoch - this.config.MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS);
    const columnEpoch = Math.max(0, currentEpoch - this.config.MIN_EPOCHS_FOR_DATA_COLUMN_SIDECARS_REQUESTS);
    const pruned = await this.store.pruneBelowSlot(blobEpoch * SLOTS_PER_EPOCH, columnEpoch * SLOTS_PER_EPOCH);
    // Sidecars and blocks waiting more than two epochs will not complete.
    const staleSlot = (currentEpoch - 2) * SLOTS_PER_EPOCH;
    for (const [root, entry] of this.pendingSidecars) if (entry.slot < staleSlot) this.pendingSidecars.delete(root);
    this.pendingBlocks.pruneAtOrBelow(staleSlot);
    if (pruned.blobBlocks > 0 || pruned.columns > 0) this.logger.debug("Sidecars pruned", {currentEpoch, ...pruned});
    return pruned;
  }

  // --- deneb / electra ---

  private async checkBlobs(fork: ForkName, blockRoot: Uint8Array, rootHex: string, block: SignedBeaconBlockAllForks, commitments: Uint8Array[]): Promise<AvailableData | null> {
    const received = this.pendingSidecars.get(rootHex)?.blobs;
    if (received !== undefined && received.size >= commitments.length) {
      const sidecars = [...received.values()];
      verifyBlobSidecarsForBlock(blockRoot, commitments, sidecars);
      return {kind: "blobs", fork, blockRoot, origin: "network", sidecars: sidecars.sort((a, b) => a.index - b.index)};
    }
    const local = this.localBundles.get(commitmentsKey(commitments));
    if (local !== undefined) {
      const sidecars = getBlobSidecars(fork, block, local.bundle.blobs, local.bundle.proofs);
      verifyBlobSidecarsForBlock(blockRoot, commitments, sidecars);
      return {kind: "blobs", fork, blockRoot, origin: "local", sidecars};
    }
    const fromEngine = await this.blobsFromEngine(fork, commitments);
    if (fromEngine === null || fromEngine.version !== 1) return null;
    const blobs: Uint8Array[] = [];
    const proofs: Uint8Array[] = [];
    for (const [i, entry] of fromEngine.blobs.entries()) {
      // The engine's per-blob answer fills what the network has not delivered.
      const have = received?.get(i);
      if (entry !== null) {
        blobs.push(entry.blob);
        proofs.push(entry.proof);
      } else if (have !== undefined) {
        blobs.push(have.blob);
        proofs.push(have.kzgProof);
      } else {
        return null;
      }
    }
    const sidecars = getBlobSidecars(fork, block, blobs, proofs);
    verifyBlobSidecarsForBlock(blockRoot, commitments, sidecars);
    return {kind: "blobs", fork, blockRoot, origin: "engine", sidecars};
  }

  // --- fulu ---

  private async checkColumns(fork: ForkName, blockRoot: Uint8Array, rootHex: string, block: SignedBeaconBlockAllForks, commitments: Uint8Array[]): Promise<AvailableData | null> {
    const {samplingColumns, custodyColumns} = this.custody;
    const entry = this.pendingSidecars.get(rootHex);
    const received = entry?.columns ?? new Map<number, fulu.DataColumnSidecar>();
    const keep = (all: Map<number, fulu.DataColumnSidecar>): fulu.DataColumnSidecar[] =>
      custodyColumns.map((c) => all.get(c)).filter((s): s is fulu.DataColumnSidecar => s !== undefined);

    if (samplingColumns.every((c) => received.has(c))) {
      // Only what was not already checked in full (gossip validation) is verified here.
      const unverified = samplingColumns.filter((c) => !entry?.verified.has(c)).map((c) => received.get(c) as fulu.DataColumnSidecar);
      verifyColumnSidecarsForBlock(this.config, blockRoot, commitments, unverified);
      return {kind: "columns", fork, blockRoot, origin: "network", sidecars: keep(received), built: []};
    }

    const local = this.localBundles.get(commitmentsKey(commitments));
    if (local !== undefined) {
      const matrix = matrixFromBlobsAndCellProofs(local.bundle.blobs, splitCellProofs(local.bundle.proofs, local.bundle.blobs.length));
      const built = getDataColumnSidecarsFromBlock(fork, block, matrix, ALL_COLUMNS);
      verifyColumnSidecarsForBlock(this.config, blockRoot, commitments, samplingColumns.map((c) => built[c]));
      return {kind: "columns", fork, blockRoot, origin: "local", sidecars: custodyColumns.map((c) => built[c]), built};
    }

    // recover_matrix once half of the columns are here (fulu das-core.md "Reconstruction").
    if (received.size * 2 >= NUMBER_OF_COLUMNS) {
      const present = [...received.values()];
      verifyColumnSidecarsForBlock(this.config, blockRoot, commitments, present.filter((s) => !entry?.verified.has(s.index)));
      const matrix = recoverMatrix(present, commitments.length);
      const built = getDataColumnSidecarsFromColumnSidecar(present[0], matrix, ALL_COLUMNS);
      const missing = built.filter((s) => !received.has(s.index));
      this.logger.debug("Columns recovered", {root: rootHex, had: received.size, recovered: missing.length});
      return {kind: "columns", fork, blockRoot, origin: "recovered", sidecars: custodyColumns.map((c) => built[c]), built: missing};
    }

    const fromEngine = await this.blobsFromEngine(fork, commitments);
    if (fromEngine === null || fromEngine.version !== 2 || fromEngine.blobs === null) return null;
    const matrix = matrixFromBlobsAndCellProofs(
      fromEngine.blobs.map((b) => b.blob),
      fromEngine.blobs.map((b) => b.proofs)
    );
    const built = getDataColumnSidecarsFromBlock(fork, block, matrix, ALL_COLUMNS);
    verifyColumnSidecarsForBlock(this.config, blockRoot, commitments, samplingColumns.map((c) => built[c]));
    return {kind: "columns", fork, blockRoot, origin: "engine", sidecars: custodyColumns.map((c) => built[c]), built};
  }

  /** engine_getBlobsV1/V2 for the block's versioned hashes; null when the engine has none or fails. */
  private async blobsFromEngine(fork: ForkName, commitments: Uint8Array[]): Promise<GetBlobsResult | null> {
    if (typeof this.engine?.getBlobs !== "function") return null;
    try {
      return await this.engine.getBlobs(fork, commitments.map(kzgCommitmentToVersionedHash));
    } catch (e) {
      this.logger.debug("Engine getBlobs failed", {fork, error: errorMessage(e)});
      return null;
    }
  }

  private pendingEntry(rootHex: string, slot: number): PendingSidecars {
    let entry = this.pendingSidecars.get(rootHex);
    if (entry === undefined) {
      entry = {slot, blobs: new Map(), columns: new Map(), verified: new Set()};
      this.pendingSidecars.set(rootHex, entry);
      while (this.pendingSidecars.size > MAX_PENDING_SIDECAR_BLOCKS) this.pendingSidecars.delete(this.pendingSidecars.keys().next().value as string);
    }
    return entry;
  }

  /** Re-imports a waiting block once its sidecars may be complete (the import re-checks them in full). */
  private retryPendingBlock(rootHex: string): void {
    const pending = this.pendingBlocks.get(rootHex);
    const entry = this.pendingSidecars.get(rootHex);
    if (pending === undefined || entry === undefined || this.importBlock === undefined) return;
    const complete =
      entry.blobs.size > 0
        ? entry.blobs.size >= pending.commitmentCount
        : this.custody.samplingColumns.every((c) => entry.columns.has(c)) || entry.columns.size * 2 >= NUMBER_OF_COLUMNS;
    if (!complete) return;
    this.pendingBlocks.take(rootHex);
    this.importBlock(pending.block, pending.opts).catch((e) => {
      this.logger.debug("Block with completed data not imported", {root: rootHex, error: errorMessage(e)});
    });
  }
}

/** The key of a bundle: its commitments, hashed (a block carries exactly the bundle's commitments). */
function commitmentsKey(commitments: Uint8Array[]): string {
  const h = createHash("sha256");
  for (const c of commitments) h.update(c);
  return h.digest("hex");
}
