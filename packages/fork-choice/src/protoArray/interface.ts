// The shapes the proto-array works on. Roots are lowercase 0x-prefixed hex strings: they key the
// root → index map and compare lexicographically like the bytes they encode (get_head's tie-break).

export type RootHex = string;

/** A Checkpoint (phase0 beacon-chain.md) with its root as hex. */
export interface Checkpoint {
  epoch: number;
  root: RootHex;
}

/** The index that means "no node". */
export const NONE = -1;

/**
 * What the engine said about a block's payload (sync/optimistic.md): VALID, SYNCING for the
 * NOT_VALIDATED aliases (SYNCING, ACCEPTED), INVALID for the INVALIDATED ones, PRE_MERGE for a block
 * without an execution payload.
 */
export enum ExecutionStatus {
  Valid = "VALID",
  Syncing = "SYNCING",
  PreMerge = "PRE_MERGE",
  Invalid = "INVALID",
}

/**
 * What fork choice keeps of a block: the block's identity plus the FFG information of its post-state,
 * which the caller computed when it ran the state transition.
 */
export interface ProtoBlock {
  slot: number;
  blockRoot: RootHex;
  parentRoot: RootHex;
  stateRoot: RootHex;
  proposerIndex: number;
  /** The post-state's current_justified_checkpoint and finalized_checkpoint. */
  justified: Checkpoint;
  finalized: Checkpoint;
  /**
   * The same after process_justification_and_finalization on a copy of the post-state
   * (compute_pulled_up_tip); `unrealizedJustified` is the spec's unrealized_justifications[root].
   */
  unrealizedJustified: Checkpoint;
  unrealizedFinalized: Checkpoint;
  executionStatus: ExecutionStatus;
  /** body.execution_payload.block_hash, or null before the merge. */
  executionPayloadBlockHash: RootHex | null;
}

/** A block in the proto-array, with its weight and its best path to a viable head. */
export interface ProtoNode extends ProtoBlock {
  /** Index of the parent, NONE for the tree's root (the anchor or the last finalized block kept). */
  parent: number;
  /** Indices of the children; the parent is always at a lower index than its children. */
  children: number[];
  /** The checkpoint block of the block's own epoch: get_checkpoint_block(root, epoch(slot)). */
  targetRoot: RootHex;
  /** record_block_timeliness: arrived in its slot, before the attestation deadline. */
  timely: boolean;
  /**
   * get_weight in effective-balance increments, including the proposer boost when this node is the
   * boosted block or an ancestor of it. The boost is the only part that may hold a half unit.
   */
  weight: number;
  /** The child with the highest (weight, root) among those that lead to a viable head, or NONE. */
  bestChild: number;
  /** The head reached by following best children from here, or NONE when no leaf below is viable. */
  bestDescendant: number;
  /** filter_block_tree(store, root): some leaf of this subtree is viable for head. */
  leadsToViableHead: boolean;
  /**
   * get_checkpoint_block(root, finalized.epoch) == finalized.root for the store's current finalized
   * checkpoint; recomputed whenever that checkpoint changes.
   */
  finalizedDescendant: boolean;
}

/** What node viability depends on besides the node itself (filter_block_tree). */
export interface ViabilityContext {
  /** get_current_store_epoch */
  currentEpoch: number;
  justifiedEpoch: number;
  finalized: Checkpoint;
}
