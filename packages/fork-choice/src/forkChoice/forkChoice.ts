// The fork-choice Store of phase0 fork-choice.md with its handlers (on_tick, on_block, on_attestation,
// on_attester_slashing) and get_head, on a proto-array. Blocks reach it after the state transition:
// the caller passes the post-state's checkpoints and its pulled-up (unrealized) checkpoints.
import type {ChainConfig} from "@hearth/config";
import {EFFECTIVE_BALANCE_INCREMENT, MIN_SEED_LOOKAHEAD} from "@hearth/params";
import {util} from "@hearth/state-transition";
import type {phase0} from "@hearth/types";
import {ForkChoiceError, ForkChoiceErrorCode} from "../errors.js";
import {ExecutionStatus, NONE, type Checkpoint, type ProtoBlock, type ProtoNode, type RootHex} from "../protoArray/interface.js";
import {ProtoArray} from "../protoArray/protoArray.js";
import {pruneProtoArray} from "../protoArray/prune.js";
import {applyPayloadVerdict, type PayloadVerdict} from "../protoArray/executionStatus.js";
import type {VoteTracker} from "./votes.js";
import {NodeWeights} from "./weights.js";
import {validateOnAttestation} from "./validateAttestation.js";
import type {JustifiedBalances} from "./balances.js";
import {ZERO_ROOT_HEX, type AttestationDataInput, type ForkChoiceAnchor, type ForkChoiceOptions} from "./interface.js";
import {computeSlotAtTime, computeTimeAtSlot, computeTimeIntoSlotMs, getAttestationDueMs} from "./time.js";

const {computeEpochAtSlot, computeStartSlotAtEpoch, isSlashableAttestationData} = util;

export class ForkChoice {
  time: number;
  readonly genesisTime: number;
  justifiedCheckpoint: Checkpoint;
  finalizedCheckpoint: Checkpoint;
  unrealizedJustifiedCheckpoint: Checkpoint;
  unrealizedFinalizedCheckpoint: Checkpoint;
  /** store.proposer_boost_root; null stands for Root(). */
  proposerBoostRoot: RootHex | null = null;
  readonly equivocatingIndices = new Set<number>();
  readonly protoArray: ProtoArray;
  private readonly weights: NodeWeights;

  /** get_forkchoice_store */
  constructor(
    readonly config: ChainConfig,
    anchor: ForkChoiceAnchor,
    opts: ForkChoiceOptions
  ) {
    const anchorCheckpoint = {epoch: computeEpochAtSlot(anchor.stateSlot), root: anchor.block.blockRoot};
    this.genesisTime = anchor.genesisTime;
    this.time = computeTimeAtSlot(config, anchor.genesisTime, anchor.stateSlot);
    this.justifiedCheckpoint = anchorCheckpoint;
    this.finalizedCheckpoint = anchorCheckpoint;
    this.unrealizedJustifiedCheckpoint = anchorCheckpoint;
    this.unrealizedFinalizedCheckpoint = anchorCheckpoint;
    const block: ProtoBlock = {
      ...anchor.block,
      justified: anchorCheckpoint,
      finalized: anchorCheckpoint,
      unrealizedJustified: anchorCheckpoint,
      unrealizedFinalized: anchorCheckpoint,
    };
    this.protoArray = new ProtoArray(block, this.viabilityContext());
    this.weights = new NodeWeights(config, this.protoArray, anchorCheckpoint, anchor.balances, opts.getJustifiedBalances, opts.validatorCount);
  }

  /** store.latest_messages */
  get votes(): VoteTracker {
    return this.weights.votes;
  }

  /** get_current_slot */
  get currentSlot(): number {
    return computeSlotAtTime(this.config, this.genesisTime, this.time);
  }

  /** get_current_store_epoch */
  get currentEpoch(): number {
    return computeEpochAtSlot(this.currentSlot);
  }

  /** on_tick: on_tick_per_slot for each slot passed, folded into one step (see below). */
  onTick(time: number): void {
    const previousSlot = this.currentSlot;
    const tickSlot = computeSlotAtTime(this.config, this.genesisTime, time);
    this.time = time;
    if (tickSlot > previousSlot) {
      // Every slot passed resets the boost, and every epoch start passed pulls up the same
      // unrealized checkpoints: doing both once is what the slot-by-slot loop amounts to.
      this.proposerBoostRoot = null;
      if (computeEpochAtSlot(tickSlot) > computeEpochAtSlot(previousSlot)) {
        this.updateCheckpoints(this.unrealizedJustifiedCheckpoint, this.unrealizedFinalizedCheckpoint);
      }
    }
    this.syncViability();
  }

  /**
   * The checks on_block makes before the state transition: the caller may run them first to reject
   * a block early. Throws a ForkChoiceError.
   */
  validateBlock(slot: number, parentRoot: RootHex): void {
    const parent = this.protoArray.getNode(parentRoot);
    if (parent === undefined) throw new ForkChoiceError(ForkChoiceErrorCode.UNKNOWN_PARENT, {parentRoot});
    if (parent.executionStatus === ExecutionStatus.Invalid) throw new ForkChoiceError(ForkChoiceErrorCode.INVALID_PARENT, {parentRoot});
    const currentSlot = this.currentSlot;
    if (currentSlot < slot) throw new ForkChoiceError(ForkChoiceErrorCode.FUTURE_SLOT, {slot, currentSlot});
    const finalizedSlot = computeStartSlotAtEpoch(this.finalizedCheckpoint.epoch);
    if (slot <= finalizedSlot) throw new ForkChoiceError(ForkChoiceErrorCode.NOT_LATER_THAN_FINALIZED, {slot, finalizedSlot});
    // get_checkpoint_block(parent_root, finalized.epoch) == finalized.root, kept per node
    if (!parent.finalizedDescendant) throw new ForkChoiceError(ForkChoiceErrorCode.NOT_FINALIZED_DESCENDANT, {parentRoot});
  }

  /** on_block, after the state transition succeeded; a known block is a no-op. */
  onBlock(block: ProtoBlock): ProtoNode {
    const known = this.protoArray.getNode(block.blockRoot);
    if (known !== undefined) return known;
    this.validateBlock(block.slot, block.parentRoot);

    // record_block_timeliness
    const timely =
      this.currentSlot === block.slot && computeTimeIntoSlotMs(this.config, this.genesisTime, this.time) < getAttestationDueMs(this.config);
    // update_proposer_boost_root compares with the head before the block; it only matters for a first timely block
    const boostCandidate = timely && this.proposerBoostRoot === null;
    const headBefore = boostCandidate ? this.getHead() : undefined;
    const index = this.protoArray.addBlock(block, timely);
    if (headBefore !== undefined) {
      const epoch = this.currentEpoch;
      const headDependentRoot = this.getShufflingDependentRoot(this.protoArray.getIndex(headBefore.blockRoot) ?? NONE, epoch);
      if (headDependentRoot === this.getShufflingDependentRoot(index, epoch)) this.proposerBoostRoot = block.blockRoot;
    }
    if (block.executionStatus === ExecutionStatus.Valid) {
      applyPayloadVerdict(this.protoArray, {status: ExecutionStatus.Valid, blockRoot: block.blockRoot});
    }

    this.updateCheckpoints(block.justified, block.finalized);
    // compute_pulled_up_tip, with the caller's pulled-up checkpoints
    this.updateUnrealizedCheckpoints(block.unrealizedJustified, block.unrealizedFinalized);
    if (computeEpochAtSlot(block.slot) < this.currentEpoch) this.updateCheckpoints(block.unrealizedJustified, block.unrealizedFinalized);
    this.syncViability();
    return this.protoArray.nodes[index];
  }

  /** validate_on_attestation; throws a ForkChoiceError. */
  validateOnAttestation(data: AttestationDataInput, isFromBlock: boolean): void {
    validateOnAttestation(this, data, isFromBlock);
  }

  /**
   * on_attestation for an attestation whose indexed form the caller checked against the target
   * checkpoint state (get_indexed_attestation, is_valid_indexed_attestation): update_latest_messages.
   */
  onAttestation(data: AttestationDataInput, attestingIndices: ArrayLike<number>, isFromBlock = false): void {
    this.validateOnAttestation(data, isFromBlock);
    const nodeIndex = this.protoArray.getIndex(data.beaconBlockRoot) as number;
    for (let i = 0; i < attestingIndices.length; i++) {
      this.votes.addLatestMessage(attestingIndices[i], data.target.epoch, nodeIndex);
    }
  }

  /**
   * on_attester_slashing, for attestations the caller found valid against the justified block's state
   * (is_valid_indexed_attestation): the validators in both become equivocating.
   */
  onAttesterSlashing(slashing: {attestation1: phase0.IndexedAttestation; attestation2: phase0.IndexedAttestation}): void {
    const {attestation1, attestation2} = slashing;
    if (!isSlashableAttestationData(attestation1.data, attestation2.data)) throw new ForkChoiceError(ForkChoiceErrorCode.NOT_SLASHABLE);
    const second = new Set(attestation2.attestingIndices);
    for (const index of attestation1.attestingIndices) {
      if (!second.has(index)) continue;
      this.equivocatingIndices.add(index);
      this.votes.markEquivocating(index);
    }
  }

  /** An engine verdict on a payload after import (optimistic sync). */
  onPayloadVerdict(verdict: PayloadVerdict): void {
    applyPayloadVerdict(this.protoArray, verdict);
  }

  /** get_head */
  getHead(): ProtoNode {
    this.applyWeightChanges();
    return this.protoArray.findHead(this.justifiedCheckpoint.root);
  }

  /** get_weight, in Gwei. */
  getWeight(root: RootHex): bigint {
    this.applyWeightChanges();
    const index = this.indexOf(root);
    const boost = this.weights.boostUnitsIn(index);
    const votes = BigInt(this.protoArray.nodes[index].weight - boost) * BigInt(EFFECTIVE_BALANCE_INCREMENT);
    return boost === 0 ? votes : votes + this.weights.proposerScore(this.justifiedCheckpoint);
  }

  /** get_attestation_score of a node (its weight without the proposer boost), in increments. */
  getAttestationScoreIncrements(root: RootHex): number {
    this.applyWeightChanges();
    const index = this.indexOf(root);
    return this.protoArray.nodes[index].weight - this.weights.boostUnitsIn(index);
  }

  /** The leaves of get_filtered_block_tree with their get_weight (the viable head candidates). */
  getViableHeads(): {node: ProtoNode; weight: bigint}[] {
    this.applyWeightChanges();
    const nodes = this.protoArray.nodes;
    const inSubtree = new Uint8Array(nodes.length);
    const out: {node: ProtoNode; weight: bigint}[] = [];
    for (let i = this.indexOf(this.justifiedCheckpoint.root); i < nodes.length; i++) {
      const node = nodes[i];
      if (node.blockRoot !== this.justifiedCheckpoint.root && (node.parent === NONE || inSubtree[node.parent] === 0)) continue;
      inSubtree[i] = 1;
      if (node.bestDescendant === i) out.push({node, weight: this.getWeight(node.blockRoot)});
    }
    return out;
  }

  /** The justified checkpoint's balances in use. */
  get justifiedBalances(): JustifiedBalances {
    return this.weights.balancesOf(this.justifiedCheckpoint);
  }

  getBlock(root: RootHex): ProtoNode | undefined {
    return this.protoArray.getNode(root);
  }

  hasBlock(root: RootHex): boolean {
    return this.protoArray.hasBlock(root);
  }

  /** get_checkpoint_block: the root of the block at `epoch`'s start slot on the chain of `root`. */
  getCheckpointBlock(root: RootHex, epoch: number): RootHex | null {
    const index = this.indexOf(root);
    const node = this.protoArray.nodes[index];
    if (computeEpochAtSlot(node.slot) === epoch) return node.targetRoot;
    const ancestor = this.protoArray.getAncestorAtSlot(index, computeStartSlotAtEpoch(epoch));
    return ancestor === NONE ? null : this.protoArray.nodes[ancestor].blockRoot;
  }

  /** get_ancestor, as a root; null when the chain reaches below the kept tree. */
  getAncestor(root: RootHex, slot: number): RootHex | null {
    const ancestor = this.protoArray.getAncestorAtSlot(this.indexOf(root), slot);
    return ancestor === NONE ? null : this.protoArray.nodes[ancestor].blockRoot;
  }

  /** is_ancestor(root, ancestor) */
  isAncestor(root: RootHex, ancestorRoot: RootHex): boolean {
    return this.protoArray.isAncestor(this.indexOf(root), this.protoArray.getIndex(ancestorRoot) ?? NONE);
  }

  /** Drops the blocks that are not the finalized block or its descendants; returns how many. */
  prune(): number {
    this.applyWeightChanges();
    const {removed, remap} = pruneProtoArray(this.protoArray, this.finalizedCheckpoint.root);
    if (removed === 0) return 0;
    this.weights.remapNodes(remap);
    return removed;
  }

  /** get_shuffling_dependent_root, as a root (null below the kept tree). */
  getShufflingDependentRoot(index: number, epoch: number): RootHex | null {
    if (epoch <= MIN_SEED_LOOKAHEAD) return ZERO_ROOT_HEX;
    const ancestor = this.protoArray.getAncestorAtSlot(index, computeStartSlotAtEpoch(epoch - MIN_SEED_LOOKAHEAD) - 1);
    return ancestor === NONE ? null : this.protoArray.nodes[ancestor].blockRoot;
  }

  /** update_checkpoints */
  private updateCheckpoints(justified: Checkpoint, finalized: Checkpoint): void {
    if (justified.epoch > this.justifiedCheckpoint.epoch) this.justifiedCheckpoint = justified;
    if (finalized.epoch > this.finalizedCheckpoint.epoch) this.finalizedCheckpoint = finalized;
    this.syncViability();
  }

  /** update_unrealized_checkpoints */
  private updateUnrealizedCheckpoints(justified: Checkpoint, finalized: Checkpoint): void {
    if (justified.epoch > this.unrealizedJustifiedCheckpoint.epoch) this.unrealizedJustifiedCheckpoint = justified;
    if (finalized.epoch > this.unrealizedFinalizedCheckpoint.epoch) this.unrealizedFinalizedCheckpoint = finalized;
  }

  private viabilityContext(): {currentEpoch: number; justifiedEpoch: number; finalized: Checkpoint} {
    return {currentEpoch: this.currentEpoch, justifiedEpoch: this.justifiedCheckpoint.epoch, finalized: this.finalizedCheckpoint};
  }

  /** Keeps the proto-array's view of time and checkpoints current (on_block's finalized check reads it). */
  private syncViability(): void {
    this.protoArray.setViabilityContext(this.viabilityContext());
  }

  /** Votes, balances and proposer boost into node weights, then best children (get_weight for all nodes). */
  private applyWeightChanges(): void {
    this.syncViability();
    this.weights.apply(this.justifiedCheckpoint, this.proposerBoostRoot);
  }

  private indexOf(root: RootHex): number {
    const index = this.protoArray.getIndex(root);
    if (index === undefined) throw new ForkChoiceError(ForkChoiceErrorCode.UNKNOWN_BLOCK, {root});
    return index;
  }
}
