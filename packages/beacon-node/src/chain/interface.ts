// What the chain needs from the rest of the node: a logger, a store, an execution engine. Each is a
// narrow interface the node's real parts satisfy (the DB through an adapter, see db.ts).
import type {ForkName} from "@hearth/params";
import type {BeaconStateAllForks, SignedBeaconBlockAllForks} from "@hearth/state-transition";
import type {IExecutionEngine} from "../execution/interface.js";

/** The node's logger, structurally: pino-backed in the node, a no-op in tests. */
export interface ChainLogger {
  error(msg: string, ctx?: Record<string, unknown>): void;
  warn(msg: string, ctx?: Record<string, unknown>): void;
  info(msg: string, ctx?: Record<string, unknown>): void;
  debug(msg: string, ctx?: Record<string, unknown>): void;
}

export const noopLogger: ChainLogger = {error() {}, warn() {}, info() {}, debug() {}};

/** The engine methods the chain calls. */
export type ChainExecutionEngine = Pick<IExecutionEngine, "notifyNewPayload" | "notifyForkchoiceUpdate" | "getPayload"> &
  /** engine_getBlobsV1/V2, when the engine has it: data availability fills missing blobs and columns from it. */
  Partial<Pick<IExecutionEngine, "getBlobs">>;

/** A state as stored and loaded: the tree-backed view and its fork. */
export interface StoredState {
  fork: ForkName;
  state: BeaconStateAllForks;
}

/** A checkpoint with its root as bytes, as the DB keys it. */
export interface StoredCheckpoint {
  epoch: number;
  root: Uint8Array;
}

/**
 * What the chain stores. Hot blocks are those after the finalized checkpoint, keyed by root; at
 * finalization the canonical ones move to the archive (keyed by slot) and the rest are deleted.
 * Checkpoint states are written at each epoch's first block and pruned below the finalized epoch;
 * the finalized checkpoint's state is what a restart resumes from. The anchor (genesis, or a
 * checkpoint-sync state) is written once.
 */
export interface ChainDb {
  putBlock(root: Uint8Array, block: SignedBeaconBlockAllForks): Promise<void>;
  /** A hot or archived block by root. */
  getBlock(root: Uint8Array): Promise<SignedBeaconBlockAllForks | null>;
  /** Every hot block, in any order. */
  getHotBlocks(): Promise<{root: Uint8Array; block: SignedBeaconBlockAllForks}[]>;
  deleteBlocks(roots: Uint8Array[]): Promise<void>;
  /** Moves finalized blocks to the archive (by slot) and removes them from the hot store, atomically. */
  archiveBlocks(blocks: {root: Uint8Array; block: SignedBeaconBlockAllForks}[]): Promise<void>;
  getArchivedBlock(slot: number): Promise<{root: Uint8Array; block: SignedBeaconBlockAllForks} | null>;

  putCheckpointState(cp: StoredCheckpoint, state: StoredState): Promise<void>;
  getCheckpointState(cp: StoredCheckpoint): Promise<StoredState | null>;
  /** Deletes the checkpoint states of every epoch before `epoch`. */
  deleteCheckpointStatesBelow(epoch: number): Promise<void>;

  /** Records the finalized checkpoint (whose checkpoint state is stored). */
  putFinalized(cp: StoredCheckpoint): Promise<void>;
  getFinalized(): Promise<StoredCheckpoint | null>;
  /** Records the head block's root, for tools and a restart's log. */
  putHead(root: Uint8Array): Promise<void>;

  /** The chain's anchor state (genesis or a checkpoint-sync state) and its block root. */
  putAnchor(blockRoot: Uint8Array, state: StoredState): Promise<void>;
  getAnchor(): Promise<{blockRoot: Uint8Array; state: StoredState} | null>;
}
