// Attestations waiting for a block, per (slot, AttestationData root, committee): single votes merge
// into one aggregate by OR-ing bits and adding signatures; received aggregates are kept beside it
// unless one covers another. It serves the aggregate API (getAggregate) and block packing.
import type {BitArray} from "@chainsafe/ssz";
import {SLOTS_PER_EPOCH} from "@hearth/params";
import type {phase0} from "@hearth/types";
import {aggregateSignatures, type Signature} from "@hearth/bls";

/** One aggregate of one committee's votes on one AttestationData. */
export interface PooledAttestation {
  data: phase0.AttestationData;
  /** hash_tree_root(data) as hex. */
  dataRoot: string;
  committeeIndex: number;
  /** One bit per committee member. */
  aggregationBits: BitArray;
  signature: Signature;
}

export enum PoolInsertOutcome {
  /** A new entry. */
  ADDED = "ADDED",
  /** OR-ed into an entry it did not overlap. */
  MERGED = "MERGED",
  /** Every bit was already in one entry: nothing new. */
  KNOWN = "KNOWN",
}

/** How many distinct aggregates one (data, committee) keeps: overlapping partial aggregates rarely add much. */
const MAX_AGGREGATES_PER_KEY = 16;
/** Attestations are includable until the end of the epoch after their own (deneb, EIP-7045). */
const RETAINED_SLOTS = 2 * SLOTS_PER_EPOCH;

function isSubset(a: BitArray, b: BitArray): boolean {
  const x = a.uint8Array;
  const y = b.uint8Array;
  for (let i = 0; i < x.length; i++) if ((x[i] & ~y[i]) !== 0) return false;
  return true;
}

function isDisjoint(a: BitArray, b: BitArray): boolean {
  const x = a.uint8Array;
  const y = b.uint8Array;
  for (let i = 0; i < x.length; i++) if ((x[i] & y[i]) !== 0) return false;
  return true;
}

export function countBits(bits: BitArray): number {
  let n = 0;
  for (const byte of bits.uint8Array) {
    let b = byte;
    while (b !== 0) {
      b &= b - 1;
      n++;
    }
  }
  return n;
}

export class AttestationPool {
  /** slot → `${dataRoot}:${committeeIndex}` → aggregates */
  private readonly bySlot = new Map<number, Map<string, PooledAttestation[]>>();

  get size(): number {
    let n = 0;
    for (const byKey of this.bySlot.values()) for (const list of byKey.values()) n += list.length;
    return n;
  }

  /**
   * Adds an already validated attestation (bits sized to its committee, signature verified). A vote
   * disjoint from an entry joins it; one whose bits an entry already has changes nothing.
   */
  add(att: PooledAttestation): PoolInsertOutcome {
    const slot = att.data.slot;
    let byKey = this.bySlot.get(slot);
    if (byKey === undefined) {
      byKey = new Map();
      this.bySlot.set(slot, byKey);
    }
    const key = `${att.dataRoot}:${att.committeeIndex}`;
    const list = byKey.get(key);
    if (list === undefined) {
      byKey.set(key, [copy(att)]);
      return PoolInsertOutcome.ADDED;
    }
    for (const entry of list) if (isSubset(att.aggregationBits, entry.aggregationBits)) return PoolInsertOutcome.KNOWN;
    for (const entry of list) {
      if (isDisjoint(att.aggregationBits, entry.aggregationBits)) {
        entry.aggregationBits.mergeOrWith(att.aggregationBits);
        entry.signature = aggregateSignatures([entry.signature, att.signature]);
        dropCovered(list, entry);
        return PoolInsertOutcome.MERGED;
      }
    }
    const added = copy(att);
    list.push(added);
    dropCovered(list, added);
    if (list.length > MAX_AGGREGATES_PER_KEY) {
      list.sort((a, b) => countBits(b.aggregationBits) - countBits(a.aggregationBits));
      list.length = MAX_AGGREGATES_PER_KEY;
    }
    return PoolInsertOutcome.ADDED;
  }

  /**
   * The aggregate with the most votes for (slot, data root, committee), or null. Without a committee
   * (phase0's API, where the data names it) any committee of that data.
   */
  getAggregate(slot: number, dataRoot: string, committeeIndex?: number): PooledAttestation | null {
    const byKey = this.bySlot.get(slot);
    if (byKey === undefined) return null;
    const root = dataRoot.toLowerCase();
    let best: PooledAttestation | null = null;
    for (const [key, list] of byKey) {
      const [keyRoot, keyCommittee] = key.split(":");
      if (keyRoot !== root || (committeeIndex !== undefined && Number(keyCommittee) !== committeeIndex)) continue;
      for (const entry of list) if (best === null || countBits(entry.aggregationBits) > countBits(best.aggregationBits)) best = entry;
    }
    return best;
  }

  /** Every entry whose slot is in [fromSlot, toSlot]. */
  *entriesInSlots(fromSlot: number, toSlot: number): Generator<PooledAttestation> {
    for (const [slot, byKey] of this.bySlot) {
      if (slot < fromSlot || slot > toSlot) continue;
      for (const list of byKey.values()) yield* list;
    }
  }

  /** Drops what no block at or after `currentSlot` can include any more. */
  prune(currentSlot: number): void {
    for (const slot of this.bySlot.keys()) if (slot + RETAINED_SLOTS < currentSlot) this.bySlot.delete(slot);
  }
}

function copy(att: PooledAttestation): PooledAttestation {
  return {...att, aggregationBits: att.aggregationBits.clone()};
}

/** Removes the entries other than `kept` whose bits `kept` covers. */
function dropCovered(list: PooledAttestation[], kept: PooledAttestation): void {
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i] !== kept && isSubset(list[i].aggregationBits, kept.aggregationBits)) list.splice(i, 1);
  }
}
