// The block tree of fork choice as a proto-array: nodes in insertion order (a parent always before its
// children), weights changed by deltas, and each node's best child and best descendant kept current,
// so that the head is one lookup. Only the nodes whose weight or best path changed are revisited, plus
// a full pass when viability itself changes (new justified/finalized checkpoint or a new epoch).
import {GENESIS_EPOCH} from "@hearth/params";
import {util} from "@hearth/state-transition";
import {ForkChoiceError, ForkChoiceErrorCode} from "../errors.js";
import {MaxHeap} from "../util/maxHeap.js";
import {ExecutionStatus, NONE, type Checkpoint, type ProtoBlock, type ProtoNode, type RootHex, type ViabilityContext} from "./interface.js";

const {computeEpochAtSlot, computeStartSlotAtEpoch} = util;

export class ProtoArray {
  readonly nodes: ProtoNode[] = [];
  private readonly indices = new Map<RootHex, number>();
  /** Weight not yet applied to a node, and whether the node waits in the heap. */
  private pendingDelta: number[] = [];
  private queued: Uint8Array = new Uint8Array(256);
  private readonly heap = new MaxHeap();
  private fullPassDue = true;
  private ctx: ViabilityContext;
  /** How many nodes the last applyChanges visited (a metric of how incremental the update was). */
  lastUpdateVisits = 0;

  constructor(anchor: ProtoBlock, ctx: ViabilityContext) {
    this.ctx = ctx;
    this.addBlock(anchor, true);
  }

  get length(): number {
    return this.nodes.length;
  }

  getIndex(root: RootHex): number | undefined {
    return this.indices.get(root);
  }

  getNode(root: RootHex): ProtoNode | undefined {
    const i = this.indices.get(root);
    return i === undefined ? undefined : this.nodes[i];
  }

  hasBlock(root: RootHex): boolean {
    return this.indices.has(root);
  }

  /** Adds a block whose parent is known (or the anchor, whose parent never is); a known root is a no-op. */
  addBlock(block: ProtoBlock, timely: boolean): number {
    const known = this.indices.get(block.blockRoot);
    if (known !== undefined) return known;
    const parent = this.indices.get(block.parentRoot) ?? NONE;
    if (parent === NONE && this.nodes.length > 0) {
      throw new ForkChoiceError(ForkChoiceErrorCode.UNKNOWN_PARENT, {parentRoot: block.parentRoot});
    }
    const index = this.nodes.length;
    const parentNode = parent === NONE ? undefined : this.nodes[parent];
    const epochStart = computeStartSlotAtEpoch(computeEpochAtSlot(block.slot));
    // get_ancestor(root, epochStart) by one step: the parent, or the parent's own checkpoint block
    const targetRoot =
      parentNode === undefined || block.slot === epochStart
        ? block.blockRoot
        : parentNode.slot <= epochStart
          ? parentNode.blockRoot
          : parentNode.targetRoot;
    // Every field spelled out (no spread), so that all nodes share one map with in-object fields.
    const node: ProtoNode = {
      slot: block.slot,
      blockRoot: block.blockRoot,
      parentRoot: block.parentRoot,
      stateRoot: block.stateRoot,
      proposerIndex: block.proposerIndex,
      justified: block.justified,
      finalized: block.finalized,
      unrealizedJustified: block.unrealizedJustified,
      unrealizedFinalized: block.unrealizedFinalized,
      executionStatus: block.executionStatus,
      executionPayloadBlockHash: block.executionPayloadBlockHash,
      parent,
      children: [],
      targetRoot,
      timely,
      weight: 0,
      bestChild: NONE,
      bestDescendant: NONE,
      leadsToViableHead: false,
      finalizedDescendant: false,
    };
    node.finalizedDescendant = this.computeFinalizedDescendant(node);
    this.nodes.push(node);
    this.indices.set(block.blockRoot, index);
    this.pendingDelta.push(0);
    if (parentNode !== undefined) {
      parentNode.children.push(index);
      // An invalid parent makes the child invalid: INVALIDATED spreads to all descendants.
      if (parentNode.executionStatus === ExecutionStatus.Invalid) node.executionStatus = ExecutionStatus.Invalid;
    }
    // The parent too: a first child that is not viable changes the parent's viability by itself.
    this.enqueue(index);
    if (parent !== NONE) this.enqueue(parent);
    return index;
  }

  /** Changes what node viability depends on; a change re-evaluates every node at the next update. */
  setViabilityContext(ctx: ViabilityContext): void {
    const old = this.ctx;
    if (old.currentEpoch === ctx.currentEpoch && old.justifiedEpoch === ctx.justifiedEpoch && sameCheckpoint(old.finalized, ctx.finalized)) {
      return;
    }
    this.ctx = ctx;
    if (!sameCheckpoint(old.finalized, ctx.finalized)) {
      for (let i = 0; i < this.nodes.length; i++) this.nodes[i].finalizedDescendant = this.computeFinalizedDescendant(this.nodes[i]);
    }
    this.fullPassDue = true;
  }

  get viabilityContext(): ViabilityContext {
    return this.ctx;
  }

  /** Adds `delta` increments to a node's weight (and, at the next update, to its ancestors'). */
  addWeight(index: number, delta: number): void {
    if (delta === 0) return;
    this.pendingDelta[index] += delta;
    this.enqueue(index);
  }

  /** Forces every node to be re-evaluated at the next update (after an execution-status change). */
  requireFullPass(): void {
    this.fullPassDue = true;
  }

  /** Applies pending deltas and re-evaluates best children, bottom up, where anything changed. */
  applyChanges(): void {
    if (this.fullPassDue) {
      this.fullPassDue = false;
      this.heap.clear();
      this.queued.fill(0);
      for (let i = this.nodes.length - 1; i >= 0; i--) this.updateNode(i, true);
      this.lastUpdateVisits = this.nodes.length;
      return;
    }
    let visits = 0;
    for (let i = this.heap.pop(); i !== undefined; i = this.heap.pop()) {
      this.queued[i] = 0;
      this.updateNode(i, false);
      visits++;
    }
    this.lastUpdateVisits = visits;
  }

  /** The head from `justifiedRoot` (get_head); call applyChanges first. */
  findHead(justifiedRoot: RootHex): ProtoNode {
    const index = this.indices.get(justifiedRoot);
    if (index === undefined) throw new ForkChoiceError(ForkChoiceErrorCode.UNKNOWN_BLOCK, {root: justifiedRoot});
    const node = this.nodes[index];
    return node.bestDescendant === NONE ? node : this.nodes[node.bestDescendant];
  }

  /** get_ancestor: the index of the last block at or before `slot` on the chain of `index`, or NONE. */
  getAncestorAtSlot(index: number, slot: number): number {
    let i = index;
    while (i !== NONE && this.nodes[i].slot > slot) i = this.nodes[i].parent;
    return i;
  }

  /** Whether `ancestor` is `index` or one of its ancestors (is_ancestor). */
  isAncestor(index: number, ancestor: number): boolean {
    return ancestor !== NONE && this.getAncestorAtSlot(index, this.nodes[ancestor].slot) === ancestor;
  }

  private enqueue(index: number): void {
    if (index >= this.queued.length) {
      const grown = new Uint8Array(Math.max(index + 1, this.queued.length * 2));
      grown.set(this.queued);
      this.queued = grown;
    }
    if (this.queued[index] === 0) {
      this.queued[index] = 1;
      this.heap.push(index);
    }
  }

  /** Applies a node's pending delta, recomputes its best child, and passes changes to its parent. */
  private updateNode(index: number, fullPass: boolean): void {
    const nodes = this.nodes;
    const node = nodes[index];
    const delta = this.pendingDelta[index];
    this.pendingDelta[index] = 0;
    node.weight += delta;
    const oldBestDescendant = node.bestDescendant;
    const oldLeads = node.leadsToViableHead;

    // filter_block_tree + get_head's max over (weight, root), restricted to the not-invalidated children
    let best = NONE;
    let validChildren = 0;
    for (const c of node.children) {
      const child = nodes[c];
      if (child.executionStatus === ExecutionStatus.Invalid) continue;
      validChildren++;
      if (!child.leadsToViableHead) continue;
      if (best === NONE || isBetter(child, nodes[best])) best = c;
    }
    node.bestChild = best;
    if (node.executionStatus === ExecutionStatus.Invalid) {
      node.leadsToViableHead = false;
      node.bestDescendant = NONE;
    } else if (validChildren > 0) {
      node.leadsToViableHead = best !== NONE;
      node.bestDescendant = best === NONE ? NONE : nodes[best].bestDescendant;
    } else {
      node.leadsToViableHead = this.nodeIsViableForHead(node);
      node.bestDescendant = node.leadsToViableHead ? index : NONE;
    }

    const parent = node.parent;
    if (parent === NONE) return;
    // The weight of an invalidated block is not applied to its ancestors (optimistic.md "Fork Choice").
    if (delta !== 0 && node.executionStatus !== ExecutionStatus.Invalid) this.pendingDelta[parent] += delta;
    if (!fullPass && (delta !== 0 || oldBestDescendant !== node.bestDescendant || oldLeads !== node.leadsToViableHead)) {
      this.enqueue(parent);
    }
  }

  /** The leaf test of filter_block_tree: the voting source and the finalized checkpoint agree with the store. */
  private nodeIsViableForHead(node: ProtoNode): boolean {
    const {currentEpoch, justifiedEpoch, finalized} = this.ctx;
    // get_voting_source: a block from a prior epoch votes with its pulled-up justification
    const votingSource = currentEpoch > computeEpochAtSlot(node.slot) ? node.unrealizedJustified : node.justified;
    const correctJustified =
      justifiedEpoch === GENESIS_EPOCH || votingSource.epoch === justifiedEpoch || votingSource.epoch + 2 >= currentEpoch;
    const correctFinalized = finalized.epoch === GENESIS_EPOCH || node.finalizedDescendant;
    return correctJustified && correctFinalized;
  }

  /** get_checkpoint_block(root, finalized.epoch) == finalized.root, from the parent's answer. */
  private computeFinalizedDescendant(node: ProtoNode): boolean {
    const {finalized} = this.ctx;
    if (node.slot <= computeStartSlotAtEpoch(finalized.epoch) || node.parent === NONE) return node.blockRoot === finalized.root;
    return this.nodes[node.parent].finalizedDescendant;
  }

  /**
   * Replaces the nodes with `kept` (a prune: indices, parents and children already renumbered).
   * Pending changes must have been applied.
   */
  replaceNodes(kept: ProtoNode[]): void {
    this.nodes.length = 0;
    this.nodes.push(...kept);
    this.indices.clear();
    for (let i = 0; i < kept.length; i++) this.indices.set(kept[i].blockRoot, i);
    this.pendingDelta = new Array<number>(kept.length).fill(0);
    this.queued = new Uint8Array(Math.max(256, kept.length * 2));
    this.heap.clear();
  }
}

/** get_head's order: higher weight, then the lexicographically higher root. */
function isBetter(a: ProtoNode, b: ProtoNode): boolean {
  return a.weight > b.weight || (a.weight === b.weight && a.blockRoot > b.blockRoot);
}

export function sameCheckpoint(a: Checkpoint, b: Checkpoint): boolean {
  return a.epoch === b.epoch && a.root === b.root;
}
