// What gossip validation asks of the chain: the spec's `store`, head `state`, wall clock and BLS. The
// node implements it on BeaconChain (chainContext.ts); the spec-test runner on its own small store.
import type {ChainConfig} from "@hearth/config";
import type {SignatureSet} from "@hearth/bls";
import type {CachedBeaconState} from "@hearth/state-transition";
import {SLOTS_PER_EPOCH} from "@hearth/params";
import type {SeenCaches} from "./seen.js";

/** fulu p2p-interface.md PayloadValidationStatus of a block's execution payload. */
export type GossipPayloadStatus = "VALID" | "INVALIDATED" | "NOT_VALIDATED";

export interface GossipValidationContext {
  config: ChainConfig;
  /** Seconds since the Unix epoch of slot 0. */
  genesisTime: number;
  /** Milliseconds since the Unix epoch, now. */
  currentTimeMs(): number;
  /** The spec's `state` parameter: the head state. */
  headState(): CachedBeaconState;
  /** store.finalized_checkpoint, root as 0x-hex. */
  finalizedCheckpoint(): {epoch: number; root: string};
  /** The slot of a block in store.blocks, or null when unseen. */
  getBlockSlot(root: string): number | null;
  /** True when the block is in store.block_states (it passed validation). */
  isBlockValid(root: string): boolean;
  /** The payload status of a block; NOT_VALIDATED when unknown. */
  getPayloadStatus(root: string): GossipPayloadStatus;
  /** get_checkpoint_block(store, root, epoch), or null when root is unknown. */
  getCheckpointBlock(root: string, epoch: number): string | null;
  /** store.block_states[parentRoot] advanced to `slot`, or null when not available (→ IGNORE). */
  getPreState(parentRoot: string, slot: number): Promise<CachedBeaconState | null>;
  /**
   * Verifies signature sets; `batchable` sets may wait a few ms to be verified with others (the
   * node's attestation batching). Resolves false on any invalid set.
   */
  verifySignatureSets(sets: SignatureSet[], opts?: {batchable?: boolean}): Promise<boolean>;
  /** verify_blob_kzg_proof; absent when no KZG setup is loaded (blob sidecars are then ignored). */
  verifyBlobKzgProof?(blob: Uint8Array, commitment: Uint8Array, proof: Uint8Array): boolean;
  seen: SeenCaches;
}

/** phase0 p2p-interface.md compute_time_at_slot_ms */
export function computeTimeAtSlotMs(ctx: GossipValidationContext, slot: number): number {
  return ctx.genesisTime * 1000 + slot * ctx.config.SLOT_DURATION_MS;
}

/** phase0 p2p-interface.md is_not_from_future_slot */
export function isNotFromFutureSlot(ctx: GossipValidationContext, slot: number, currentTimeMs: number): boolean {
  return currentTimeMs + ctx.config.MAXIMUM_GOSSIP_CLOCK_DISPARITY >= computeTimeAtSlotMs(ctx, slot);
}

/** phase0 p2p-interface.md is_within_slot_range */
export function isWithinSlotRange(ctx: GossipValidationContext, slot: number, slotRange: number, currentTimeMs: number): boolean {
  const disparity = ctx.config.MAXIMUM_GOSSIP_CLOCK_DISPARITY;
  if (currentTimeMs + disparity < computeTimeAtSlotMs(ctx, slot)) return false;
  if (computeTimeAtSlotMs(ctx, slot + slotRange + 1) + disparity < currentTimeMs) return false;
  return true;
}

/** altair p2p-interface.md is_current_slot */
export function isCurrentSlot(ctx: GossipValidationContext, slot: number, currentTimeMs: number): boolean {
  return isWithinSlotRange(ctx, slot, 0, currentTimeMs);
}

/** deneb p2p-interface.md is_within_epoch */
export function isWithinEpoch(ctx: GossipValidationContext, epoch: number, currentTimeMs: number): boolean {
  return isWithinSlotRange(ctx, epoch * SLOTS_PER_EPOCH, SLOTS_PER_EPOCH - 1, currentTimeMs);
}

/** deneb p2p-interface.md is_current_or_previous_epoch */
export function isCurrentOrPreviousEpoch(ctx: GossipValidationContext, epoch: number, currentTimeMs: number): boolean {
  return isWithinEpoch(ctx, epoch, currentTimeMs) || isWithinEpoch(ctx, epoch + 1, currentTimeMs);
}

/** The wall-clock slot (capella bls_to_execution_change's current epoch). */
export function wallClockSlot(ctx: GossipValidationContext, currentTimeMs: number): number {
  return Math.max(0, Math.floor((currentTimeMs - ctx.genesisTime * 1000) / ctx.config.SLOT_DURATION_MS));
}
