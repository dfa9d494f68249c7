// The beacon chain of one node: fork choice, the state caches, the op pools and the clock, with one
// import pipeline for blocks from every source (blocks/), block production (produceBlock/), duties
// (duties.ts), pool submission (opPools/submit.ts) and finalization (finalization.ts).
import {EPOCHS_PER_SYNC_COMMITTEE_PERIOD, SLOTS_PER_EPOCH, type ForkName} from "@hearth/params";
import type {SignatureSet} from "@hearth/bls";
import type {ValueOf} from "@chainsafe/ssz";
import type {altair, electra, phase0} from "@hearth/types";
import {createForkSchedule, fromHex, toHex, type ChainConfig, type ForkSchedule} from "@hearth/config";
import {createCachedBeaconState, util, type CachedBeaconState, type SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {ForkChoice, getJustifiedBalances, type AttestationDataInput, type Checkpoint, type JustifiedBalances, type ProtoNode, type RootHex} from "@hearth/fork-choice";
import {Clock} from "./clock.js";
import {ChainEvent, ChainEventEmitter} from "./emitter.js";
import {ChainError, ChainErrorCode, errorMessage} from "./errors.js";
import {noopLogger, type ChainDb, type ChainExecutionEngine, type ChainLogger} from "./interface.js";
import {forkChoiceAnchorOf} from "./anchor.js";
import {BlockStateCache} from "./stateCache/blockStateCache.js";
import {CheckpointStateCache, checkpointKey} from "./stateCache/checkpointStateCache.js";
import {StateRegenerator} from "./stateCache/regen.js";
import {AttestationPool} from "./opPools/attestationPool.js";
import {OpPool} from "./opPools/opPool.js";
import {SyncCommitteePools} from "./opPools/syncCommitteePools.js";
import {processBlock, type ImportBlockOpts, type ImportBlockResult} from "./blocks/importBlock.js";
import {processChainSegment, type ChainSegmentResult} from "./blocks/importSegment.js";
import {updateHead} from "./blocks/head.js";
import {onCheckpointsChanged} from "./finalization.js";
import {LightClientServer} from "./lightClient/index.js";
import {ChainDbAdapter} from "./dbAdapter.js";
import {emitSidecarEvents} from "./sidecarEvents.js";
import {DataAvailability, DbSidecarStore, MemorySidecarStore, type CustodySettings, type SidecarStore} from "./dataAvailability/index.js";
import {
  getBlockByRoot,
  getCanonicalBlockAtSlot,
  getStateAtSlot,
  getStateByBlockRoot,
  getStateByStateRoot,
  getSyncStatus,
  type BlockQueryResult,
  type StateQueryResult,
  type SyncStatus,
} from "./queries.js";
import {produceBlock, type ProduceBlockOpts, type ProducedBlock} from "./produceBlock/produceBlock.js";
import {
  getAttestationData,
  getAttesterDuties,
  getProposerDuties,
  getSyncCommitteeDuties,
  type AttesterDuty,
  type Duties,
  type ProposerDuty,
  type SyncDuty,
} from "./duties.js";
import type {PoolInsertOutcome} from "./opPools/attestationPool.js";
import type {AttesterSlashing, ProposerSlashing, SignedBLSToExecutionChange, SignedVoluntaryExit} from "./opPools/opPool.js";
import {getAggregate, submitAggregateAndProof, submitAttestation, type SignedAggregateAndProof, type SubmittedAttestation} from "./opPools/submitAttestations.js";
import {
  submitAttesterSlashing,
  submitBlsToExecutionChange,
  submitContributionAndProof,
  submitProposerSlashing,
  submitSyncCommitteeMessage,
  submitVoluntaryExit,
} from "./opPools/submitOps.js";

function syncPeriodAtSlot(slot: number): number {
  return Math.floor(util.computeEpochAtSlot(slot) / EPOCHS_PER_SYNC_COMMITTEE_PERIOD);
}

export interface BeaconChainOptions {
  config: ChainConfig;
  db: ChainDb;
  /** Required from bellatrix on; null for a chain that never reaches it. */
  executionEngine: ChainExecutionEngine | null;
  logger?: ChainLogger;
  /** Milliseconds since the Unix epoch (Date.now by default): tests drive time by hand. */
  now?: () => number;
  /** Post-states of recent blocks kept in memory (default 64). */
  maxBlockStates?: number;
  /** Checkpoint states kept in memory (default 16). */
  maxCheckpointStates?: number;
  /** The fee recipient of produced blocks when the caller names none (20 bytes; default zero address). */
  defaultFeeRecipient?: Uint8Array;
  /** Verifies a block's signature sets off the main thread (a BlsWorkerPool); on the main thread when absent. */
  blsVerifier?: {verifySignatureSets(sets: readonly SignatureSet[]): Promise<boolean>};
  /** Sidecar storage and custody (chain/dataAvailability): the DB's sidecar buckets and CUSTODY_REQUIREMENT by default. */
  dataAvailability?: {store?: SidecarStore; custody?: CustodySettings; maxPendingBlocks?: number};
}

export interface ChainHead {
  node: ProtoNode;
  /** The head block's post-state (shared: clone before changing it). */
  state: CachedBeaconState;
}

export class BeaconChain {
  readonly config: ChainConfig;
  readonly forkSchedule: ForkSchedule;
  readonly genesisTime: number;
  readonly genesisValidatorsRoot: Uint8Array;
  readonly clock: Clock;
  readonly emitter = new ChainEventEmitter();
  readonly forkChoice: ForkChoice;
  readonly blockStates: BlockStateCache;
  readonly checkpointStates: CheckpointStateCache;
  readonly regen: StateRegenerator;
  readonly attestationPool = new AttestationPool();
  readonly opPool = new OpPool();
  readonly syncCommitteePools = new SyncCommitteePools();
  /** Light-client data from imported blocks (chain/lightClient), fed by the block and finalized events. */
  readonly lightClientServer: LightClientServer;
  /** Blobs and data columns: the availability check before import, pending blocks, sidecar storage. */
  readonly dataAvailability: DataAvailability;
  readonly db: ChainDb;
  readonly executionEngine: ChainExecutionEngine | null;
  readonly logger: ChainLogger;
  readonly defaultFeeRecipient: Uint8Array;
  readonly blsVerifier: BeaconChainOptions["blsVerifier"] | null;
  /** The anchor block's root: genesis, or the finalized block a restart resumed from. */
  readonly anchorRoot: RootHex;
  /** Balances of checkpoint states, computed while their states are at hand (fork choice asks synchronously). */
  readonly justifiedBalances = new Map<string, JustifiedBalances>();
  /** Internal: set by updateHead. */
  headInternal: ChainHead;
  /** The checkpoints last acted on (events, finalization): see finalization.ts. */
  seenCheckpoints: {justified: Checkpoint; finalized: Checkpoint};
  /** Votes for the current slot: on_attestation takes them once their slot is over. */
  private pendingVotes: {data: AttestationDataInput; indices: number[]}[] = [];
  /** Serializes imports and head updates: each sees the previous one's result. */
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;

  /** A chain on `anchor` (genesis or a finalized checkpoint state). Use initFromAnchor / initFromDb. */
  constructor(opts: BeaconChainOptions, anchor: CachedBeaconState) {
    this.config = opts.config;
    this.forkSchedule = createForkSchedule(opts.config);
    this.db = opts.db;
    this.executionEngine = opts.executionEngine;
    this.logger = opts.logger ?? noopLogger;
    this.defaultFeeRecipient = opts.defaultFeeRecipient ?? new Uint8Array(20);
    this.blsVerifier = opts.blsVerifier ?? null;
    this.genesisTime = anchor.state.genesisTime;
    this.genesisValidatorsRoot = anchor.state.genesisValidatorsRoot;
    this.clock = new Clock({genesisTime: this.genesisTime, slotDurationMs: opts.config.SLOT_DURATION_MS, now: opts.now});
    this.blockStates = new BlockStateCache(opts.maxBlockStates ?? 64);
    this.checkpointStates = new CheckpointStateCache(opts.maxCheckpointStates ?? 16);

    const {blockRoot, anchor: fcAnchor} = forkChoiceAnchorOf(anchor);
    this.anchorRoot = toHex(blockRoot);
    const anchorCheckpoint = {epoch: util.computeEpochAtSlot(anchor.state.slot), root: this.anchorRoot};
    const balances = getJustifiedBalances(anchor);
    this.justifiedBalances.set(checkpointKey(anchorCheckpoint), balances);
    this.forkChoice = new ForkChoice(
      opts.config,
      {...fcAnchor, balances},
      {getJustifiedBalances: (cp) => this.balancesOf(cp), validatorCount: anchor.state.validators.length}
    );
    this.blockStates.add(this.anchorRoot, anchor);
    this.blockStates.setHead(this.anchorRoot);
    if (anchor.state.slot % SLOTS_PER_EPOCH === 0) {
      this.checkpointStates.add(anchorCheckpoint, anchor);
      this.checkpointStates.pin(anchorCheckpoint);
    }
    this.regen = new StateRegenerator({
      blockStates: this.blockStates,
      checkpointStates: this.checkpointStates,
      forkChoice: () => this.forkChoice,
      getBlock: (root) => this.db.getBlock(root),
      getStoredCheckpointState: async (cp) => {
        const stored = await this.db.getCheckpointState({epoch: cp.epoch, root: fromHex(cp.root)});
        return stored === null ? null : createCachedBeaconState(stored.fork, stored.state, this.config, this.head.state.epochCtx.pubkeyCache);
      },
    });
    this.headInternal = {node: this.forkChoice.getHead(), state: anchor};
    this.seenCheckpoints = {justified: this.forkChoice.justifiedCheckpoint, finalized: this.forkChoice.finalizedCheckpoint};
    this.forkChoice.onTick(Math.max(this.clock.timeSeconds, this.genesisTime));
    this.clock.onSlot((slot) => this.onClockSlot(slot));
    this.lightClientServer = new LightClientServer({
      forkSchedule: this.forkSchedule,
      getBlock: (root) => this.db.getBlock(root),
      getBlockState: (root) => this.blockStates.peek(root) ?? null,
      logger: this.logger,
    });
    // Light-client updates from the current and the previous sync-committee period only: a block a
    // range sync brings from further back would cost a DB read and an update nobody asks for
    // (measured: a tenth of the syncing node's time in bench/rangeSync.bench.ts).
    this.emitter.on(ChainEvent.block, (d) => {
      if (syncPeriodAtSlot(d.slot) + 1 >= syncPeriodAtSlot(this.clock.currentSlot)) void this.lightClientServer.onBlockImported(d.block);
    });
    this.dataAvailability = new DataAvailability({
      config: opts.config,
      store: opts.dataAvailability?.store ?? (opts.db instanceof ChainDbAdapter ? new DbSidecarStore(opts.db.db) : new MemorySidecarStore()),
      custody: opts.dataAvailability?.custody,
      maxPendingBlocks: opts.dataAvailability?.maxPendingBlocks,
      engine: opts.executionEngine,
      logger: this.logger,
      currentSlot: () => this.clock.currentSlot,
      importBlock: (block, importOpts) => this.processBlock(block, importOpts),
    });
    this.dataAvailability.onSidecarsAvailable((data) => emitSidecarEvents(this.emitter, data));
    this.emitter.on(ChainEvent.clockEpoch, (epoch) => {
      this.dataAvailability.prune(epoch).catch((e) => this.logger.warn("Sidecar pruning failed", {epoch, error: errorMessage(e)}));
    });
    this.emitter.on(ChainEvent.finalizedCheckpoint, (d) => void this.lightClientServer.onFinalized(d.block));
  }

  /** A chain starting at `anchor` (e.g. createInteropGenesisState's genesis); the anchor is written to the DB. */
  static async initFromAnchor(opts: BeaconChainOptions, anchor: CachedBeaconState): Promise<BeaconChain> {
    const chain = new BeaconChain(opts, anchor);
    const root = fromHex(chain.anchorRoot);
    const anchorCheckpoint = {epoch: util.computeEpochAtSlot(anchor.state.slot), root};
    await chain.db.putAnchor(root, {fork: anchor.fork, state: anchor.state});
    await chain.db.putCheckpointState(anchorCheckpoint, {fork: anchor.fork, state: anchor.state});
    await chain.db.putFinalized(anchorCheckpoint);
    return chain;
  }

  /**
   * The chain a previous run left in the DB: its finalized anchor state, then every hot block
   * replayed through the import pipeline (signatures already checked), so the head is found again.
   */
  static async initFromDb(opts: BeaconChainOptions): Promise<BeaconChain> {
    // The finalized checkpoint's state if one was recorded, else the anchor the chain started from.
    const finalized = await opts.db.getFinalized();
    const stored = (finalized !== null ? await opts.db.getCheckpointState(finalized) : null) ?? (await opts.db.getAnchor())?.state ?? null;
    if (stored === null) throw new ChainError(ChainErrorCode.NO_ANCHOR);
    const anchor = createCachedBeaconState(stored.fork, stored.state, opts.config);
    const chain = new BeaconChain(opts, anchor);
    const hot = await chain.db.getHotBlocks();
    hot.sort((a, b) => a.block.message.slot - b.block.message.slot);
    let replayed = 0;
    const stale: Uint8Array[] = [];
    for (const {root, block} of hot) {
      try {
        await chain.processBlock(block, {source: "db", validSignatures: true, dataAvailable: true});
        replayed++;
      } catch (e) {
        chain.logger.warn("Stored block not replayed", {root: toHex(root), slot: block.message.slot, error: errorMessage(e)});
        stale.push(root);
      }
    }
    if (stale.length > 0) await chain.db.deleteBlocks(stale);
    chain.logger.info("Chain resumed from the DB", {anchorSlot: anchor.state.slot, replayed, headSlot: chain.head.node.slot});
    return chain;
  }

  get head(): ChainHead {
    return this.headInternal;
  }

  /** The fork in force at `slot` by the config's schedule. */
  forkAtSlot(slot: number): ForkName {
    return this.forkSchedule.forkAtEpoch(util.computeEpochAtSlot(slot));
  }

  /** Starts the slot timer. */
  start(): void {
    this.stopped = false;
    this.clock.start();
  }

  /** Stops the timer and waits for the import in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clock.stop();
    await this.queue.catch(() => undefined);
  }

  /** The single import pipeline (blocks/importBlock.ts), one block at a time. Rejects with a BlockError. */
  processBlock(signedBlock: SignedBeaconBlockAllForks, opts: ImportBlockOpts): Promise<ImportBlockResult> {
    return this.runExclusive(() => processBlock(this, signedBlock, opts));
  }

  /**
   * Consecutive blocks (range sync's batch) through the same checks, signatures verified on the pool
   * while the transitions run, one head update at the end (blocks/importSegment.ts). Rejects with a
   * ChainSegmentError naming the block it stopped at; the blocks before it stay imported.
   */
  processChainSegment(blocks: readonly SignedBeaconBlockAllForks[], opts?: {source: "sync" | "api"; dataAvailable?: boolean}): Promise<ChainSegmentResult> {
    return this.runExclusive(() => processChainSegment(this, blocks, opts));
  }

  /** An unsigned block for `opts.slot` on the current head (produceBlock/produceBlock.ts). */
  produceBlock(opts: ProduceBlockOpts): Promise<ProducedBlock> {
    return produceBlock(this, opts);
  }

  getAttestationData(slot: number, committeeIndex: number): Promise<phase0.AttestationData> {
    return getAttestationData(this, slot, committeeIndex);
  }

  getProposerDuties(epoch: number): Promise<Duties<ProposerDuty>> {
    return getProposerDuties(this, epoch);
  }

  getAttesterDuties(epoch: number, indices: number[]): Promise<Duties<AttesterDuty>> {
    return getAttesterDuties(this, epoch, indices);
  }

  getSyncCommitteeDuties(epoch: number, indices: number[]): Promise<{executionOptimistic: boolean; duties: SyncDuty[]}> {
    return getSyncCommitteeDuties(this, epoch, indices);
  }

  /** The best pooled aggregate for an AttestationData root (electra: of one committee). */
  getAggregate(slot: number, dataRoot: RootHex, committeeIndex?: number): phase0.Attestation | electra.Attestation | null {
    return getAggregate(this, slot, dataRoot, committeeIndex);
  }

  /** The best contribution of a sync subcommittee, for a sync aggregator. */
  getSyncCommitteeContribution(slot: number, subcommitteeIndex: number, beaconBlockRoot: Uint8Array): ValueOf<typeof altair.SyncCommitteeContribution> | null {
    return this.syncCommitteePools.getContribution(slot, beaconBlockRoot, subcommitteeIndex);
  }

  submitAttestation(attestation: SubmittedAttestation): Promise<PoolInsertOutcome> {
    return submitAttestation(this, attestation);
  }

  submitAggregateAndProof(signed: SignedAggregateAndProof): Promise<PoolInsertOutcome> {
    return submitAggregateAndProof(this, signed);
  }

  submitVoluntaryExit(exit: SignedVoluntaryExit): void {
    submitVoluntaryExit(this, exit);
  }

  submitProposerSlashing(slashing: ProposerSlashing): void {
    submitProposerSlashing(this, slashing);
  }

  submitAttesterSlashing(slashing: AttesterSlashing): void {
    submitAttesterSlashing(this, slashing);
  }

  submitBlsToExecutionChange(change: SignedBLSToExecutionChange): void {
    submitBlsToExecutionChange(this, change);
  }

  submitSyncCommitteeMessage(message: ValueOf<typeof altair.SyncCommitteeMessage>): PoolInsertOutcome {
    return submitSyncCommitteeMessage(this, message);
  }

  submitContributionAndProof(signed: ValueOf<typeof altair.SignedContributionAndProof>): PoolInsertOutcome {
    return submitContributionAndProof(this, signed);
  }

  getBlockByRoot(root: RootHex): Promise<BlockQueryResult | null> {
    return getBlockByRoot(this, root);
  }

  getCanonicalBlockAtSlot(slot: number): Promise<BlockQueryResult | null> {
    return getCanonicalBlockAtSlot(this, slot);
  }

  getStateByBlockRoot(root: RootHex): Promise<StateQueryResult | null> {
    return getStateByBlockRoot(this, root);
  }

  getStateAtSlot(slot: number): Promise<StateQueryResult | null> {
    return getStateAtSlot(this, slot);
  }

  getStateByStateRoot(stateRoot: RootHex): Promise<StateQueryResult | null> {
    return getStateByStateRoot(this, stateRoot);
  }

  getSyncStatus(elOffline = false): SyncStatus {
    return getSyncStatus(this, elOffline);
  }

  /** Fork choice's head, recomputed (after attestations, a tick …); updates the head state and events. */
  recomputeHead(): Promise<ChainHead> {
    return this.runExclusive(async () => {
      await updateHead(this);
      await onCheckpointsChanged(this);
      return this.head;
    });
  }

  /** Ticks fork choice to the clock's time: every slot passed resets the proposer boost. */
  tickForkChoice(): void {
    const time = this.clock.timeSeconds;
    if (time > this.forkChoice.time) this.forkChoice.onTick(time);
  }

  /**
   * A validated attestation's votes into fork choice (on_attestation, not from a block). A vote of the
   * current slot waits for the next (validate_on_attestation: attestations only count from the slot after).
   */
  addVote(data: phase0.AttestationData, indices: number[]): void {
    const input = {slot: data.slot, beaconBlockRoot: toHex(data.beaconBlockRoot), target: {epoch: data.target.epoch, root: toHex(data.target.root)}};
    this.tickForkChoice();
    if (this.forkChoice.currentSlot <= data.slot) {
      this.pendingVotes.push({data: input, indices});
      return;
    }
    this.applyVote(input, indices);
  }

  private applyVote(data: AttestationDataInput, indices: number[]): void {
    try {
      this.forkChoice.onAttestation(data, indices, false);
    } catch (e) {
      this.logger.debug("Vote not applied to fork choice", {slot: data.slot, error: errorMessage(e)});
    }
  }

  /** Runs `fn` after every import and head update queued before it. */
  runExclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The balances fork choice weighs votes with for checkpoint `cp`. */
  private balancesOf(cp: Checkpoint): JustifiedBalances {
    const key = checkpointKey(cp);
    let balances = this.justifiedBalances.get(key);
    if (balances === undefined) {
      const state = this.regen.getCheckpointStateSync(cp);
      if (state === null) {
        // Import computes these ahead of time; the head's balances are the closest stand-in.
        this.logger.warn("Justified checkpoint state not in memory, weighing with the head state's balances", {epoch: cp.epoch, root: cp.root});
        return getJustifiedBalances(this.head.state);
      }
      balances = getJustifiedBalances(state);
      this.justifiedBalances.set(key, balances);
    }
    return balances;
  }

  private onClockSlot(slot: number): void {
    if (this.stopped) return;
    this.tickForkChoice();
    const due = this.pendingVotes.filter((v) => v.data.slot < slot);
    this.pendingVotes = this.pendingVotes.filter((v) => v.data.slot >= slot);
    for (const vote of due) this.applyVote(vote.data, vote.indices);
    this.attestationPool.prune(slot);
    this.syncCommitteePools.prune(slot);
    this.emitter.emit(ChainEvent.clockSlot, slot);
    if (slot % SLOTS_PER_EPOCH === 0) this.emitter.emit(ChainEvent.clockEpoch, slot / SLOTS_PER_EPOCH);
    this.recomputeHead().catch((e) => this.logger.error("Head update failed", {slot, error: errorMessage(e)}));
  }
}
