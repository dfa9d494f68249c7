// What range sync needs from the network and the chain, as narrow interfaces: the node adapts its
// Network and BeaconChain to them (node/syncAdapters.ts), the tests use fakes.
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";

/**
 * A peer penalty, by the network's PeerAction names (packages/network/src/peers/score.ts): the same
 * strings, so the node passes them straight through.
 */
export type SyncPeerAction = "Fatal" | "LowToleranceError" | "MidToleranceError" | "HighToleranceError";

/** The fields of a peer's Status (phase0 p2p-interface.md) that sync acts on. */
export interface SyncPeerStatus {
  finalizedRoot: Uint8Array;
  finalizedEpoch: number;
  headRoot: Uint8Array;
  headSlot: number;
}

export interface RangeSyncNetwork {
  /** beacon_blocks_by_range v2 (step 1); rejects on a transport, timeout or decoding error. */
  beaconBlocksByRange(peerId: string, startSlot: number, count: number): Promise<SignedBeaconBlockAllForks[]>;
  /** A new status handshake with the peer, for its current head; null when it is gone. */
  refreshStatus?(peerId: string): Promise<SyncPeerStatus | null>;
  /** Lowers the peer's score (the peer manager disconnects and bans on its own thresholds). */
  reportPeer(peerId: string, action: SyncPeerAction, reason: string): void;
}

export interface RangeSyncChain {
  headSlot(): number;
  /** The slot of the finalized checkpoint's block: a run that cannot start at the head starts after it. */
  finalizedBlockSlot(): number;
  /** The clock's slot. */
  currentSlot(): number;
  hasBlock(rootHex: string): boolean;
  /** hash_tree_root of the block's message, of its slot's fork. */
  blockRoot(block: SignedBeaconBlockAllForks): Uint8Array;
  /** The node's one import pipeline (chain.processBlock with source "sync"); rejects with a BlockError. */
  importBlock(block: SignedBeaconBlockAllForks): Promise<void>;
  /**
   * Consecutive blocks as one chain segment (chain.processChainSegment); resolves with how many were
   * new, rejects with the chain's ChainSegmentError. Range sync imports block by block without it.
   */
  importSegment?(blocks: SignedBeaconBlockAllForks[]): Promise<number>;
}
