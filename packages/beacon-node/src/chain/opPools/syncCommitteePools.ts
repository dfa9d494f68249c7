// Sync committee messages and contributions (altair validator.md "Sync committees"): messages of one
// (slot, block root, subcommittee) aggregate into a contribution; the best contribution of each
// subcommittee makes the next block's SyncAggregate.
import {BitArray} from "@chainsafe/ssz";
import {SYNC_COMMITTEE_SIZE, SYNC_COMMITTEE_SUBNET_COUNT} from "@hearth/params";
import type {altair} from "@hearth/types";
import type {ValueOf} from "@chainsafe/ssz";

type SyncCommitteeContribution = ValueOf<typeof altair.SyncCommitteeContribution>;
import {G2_POINT_AT_INFINITY, Signature, aggregateSignatures} from "@hearth/bls";
import {PoolInsertOutcome, countBits} from "./attestationPool.js";

export const SYNC_SUBCOMMITTEE_SIZE = SYNC_COMMITTEE_SIZE / SYNC_COMMITTEE_SUBNET_COUNT;
/** Messages and contributions of a slot are only useful to the next slot's block. */
const RETAINED_SLOTS = 3;

interface Contribution {
  slot: number;
  beaconBlockRoot: Uint8Array;
  subcommitteeIndex: number;
  aggregationBits: BitArray;
  signature: Signature;
}

const keyOf = (slot: number, rootHex: string, subcommitteeIndex: number): string => `${slot}:${rootHex}:${subcommitteeIndex}`;

function toHexRoot(root: Uint8Array): string {
  return Buffer.from(root.buffer, root.byteOffset, root.byteLength).toString("hex");
}

/** Contributions per (slot, block root, subcommittee): aggregated messages, and the best received contribution. */
export class SyncCommitteePools {
  private readonly fromMessages = new Map<string, Contribution>();
  private readonly received = new Map<string, Contribution>();

  /**
   * A validated sync committee message of a member sitting at `positions` (indices in the
   * subcommittee; a validator may sit more than once).
   */
  addMessage(slot: number, beaconBlockRoot: Uint8Array, subcommitteeIndex: number, positions: number[], signature: Signature): PoolInsertOutcome {
    const key = keyOf(slot, toHexRoot(beaconBlockRoot), subcommitteeIndex);
    const entry = this.fromMessages.get(key);
    if (entry === undefined) {
      const aggregationBits = BitArray.fromBitLen(SYNC_SUBCOMMITTEE_SIZE);
      for (const p of positions) aggregationBits.set(p, true);
      this.fromMessages.set(key, {slot, beaconBlockRoot, subcommitteeIndex, aggregationBits, signature});
      return PoolInsertOutcome.ADDED;
    }
    if (positions.every((p) => entry.aggregationBits.get(p))) return PoolInsertOutcome.KNOWN;
    // The same signature counts once per position, as the aggregate's verification counts each set bit.
    const signatures = [entry.signature];
    for (const p of positions) {
      if (entry.aggregationBits.get(p)) continue;
      entry.aggregationBits.set(p, true);
      signatures.push(signature);
    }
    entry.signature = aggregateSignatures(signatures);
    return PoolInsertOutcome.MERGED;
  }

  /** A validated contribution (from a SignedContributionAndProof); kept if it has more votes than the one held. */
  addContribution(contribution: SyncCommitteeContribution): PoolInsertOutcome {
    const key = keyOf(contribution.slot, toHexRoot(contribution.beaconBlockRoot), contribution.subcommitteeIndex);
    const held = this.received.get(key);
    if (held !== undefined && countBits(held.aggregationBits) >= countBits(contribution.aggregationBits)) return PoolInsertOutcome.KNOWN;
    this.received.set(key, {
      slot: contribution.slot,
      beaconBlockRoot: contribution.beaconBlockRoot,
      subcommitteeIndex: contribution.subcommitteeIndex,
      aggregationBits: contribution.aggregationBits.clone(),
      signature: Signature.fromBytes(contribution.signature),
    });
    return PoolInsertOutcome.ADDED;
  }

  /** The best contribution for (slot, root, subcommittee): what a sync aggregator publishes. */
  getContribution(slot: number, beaconBlockRoot: Uint8Array, subcommitteeIndex: number): SyncCommitteeContribution | null {
    const best = this.best(keyOf(slot, toHexRoot(beaconBlockRoot), subcommitteeIndex));
    if (best === null) return null;
    return {
      slot,
      beaconBlockRoot,
      subcommitteeIndex,
      aggregationBits: best.aggregationBits.clone(),
      signature: best.signature.toBytes(),
    };
  }

  /**
   * The SyncAggregate of a block whose previous slot is `slot` and whose parent is `beaconBlockRoot`
   * (process_sync_aggregate signs get_block_root_at_slot(state, previous_slot)). Empty when nothing
   * was received: no bits and the G2 point at infinity.
   */
  getSyncAggregate(slot: number, beaconBlockRoot: Uint8Array): altair.SyncAggregate {
    const syncCommitteeBits = BitArray.fromBitLen(SYNC_COMMITTEE_SIZE);
    const signatures: Signature[] = [];
    const rootHex = toHexRoot(beaconBlockRoot);
    for (let s = 0; s < SYNC_COMMITTEE_SUBNET_COUNT; s++) {
      const best = this.best(keyOf(slot, rootHex, s));
      if (best === null) continue;
      for (let i = 0; i < SYNC_SUBCOMMITTEE_SIZE; i++) if (best.aggregationBits.get(i)) syncCommitteeBits.set(s * SYNC_SUBCOMMITTEE_SIZE + i, true);
      signatures.push(best.signature);
    }
    const syncCommitteeSignature = signatures.length === 0 ? G2_POINT_AT_INFINITY.slice() : aggregateSignatures(signatures).toBytes();
    return {syncCommitteeBits, syncCommitteeSignature};
  }

  prune(currentSlot: number): void {
    for (const map of [this.fromMessages, this.received]) {
      for (const [key, entry] of map) if (entry.slot + RETAINED_SLOTS < currentSlot) map.delete(key);
    }
  }

  private best(key: string): Contribution | null {
    const a = this.fromMessages.get(key);
    const b = this.received.get(key);
    if (a === undefined) return b ?? null;
    if (b === undefined) return a;
    return countBits(b.aggregationBits) > countBits(a.aggregationBits) ? b : a;
  }
}
