// The spec's `Seen` (phase0…fulu p2p-interface.md): what gossip validation has already accepted.
// Every set is grouped by the slot or epoch it concerns so prune() can drop whole groups: memory stays
// bounded by the propagation windows, whatever a flood sends (only VALID messages are ever added).
import type {BitArray, ValueOf} from "@chainsafe/ssz";
import type {fulu} from "@hearth/types";
import {SLOTS_PER_EPOCH} from "@hearth/params";

/** A set of keys grouped by a slot or epoch number. */
class GroupedSet {
  private readonly groups = new Map<number, Set<string>>();
  has(group: number, key: string): boolean {
    return this.groups.get(group)?.has(key) ?? false;
  }
  add(group: number, key: string): void {
    let g = this.groups.get(group);
    if (g === undefined) this.groups.set(group, (g = new Set()));
    g.add(key);
  }
  pruneBelow(group: number): void {
    for (const k of this.groups.keys()) if (k < group) this.groups.delete(k);
  }
  get size(): number {
    let n = 0;
    for (const g of this.groups.values()) n += g.size;
    return n;
  }
}

/** Aggregation bit sets already seen per data key (is_non_strict_superset checks against them). */
class GroupedBits {
  private readonly groups = new Map<number, Map<string, BitArray[]>>();
  /** phase0 p2p-interface.md is_non_strict_superset: some seen set holds every bit of `bits`. */
  isCovered(group: number, key: string, bits: BitArray): boolean {
    const seen = this.groups.get(group)?.get(key);
    if (seen === undefined) return false;
    return seen.some((prior) => prior.bitLen === bits.bitLen && isSubsetOf(bits, prior));
  }
  add(group: number, key: string, bits: BitArray): void {
    let g = this.groups.get(group);
    if (g === undefined) this.groups.set(group, (g = new Map()));
    const list = g.get(key) ?? [];
    // Keep only maximal sets: one that the new set covers adds nothing.
    const kept = list.filter((prior) => !isSubsetOf(prior, bits));
    kept.push(bits);
    g.set(key, kept);
  }
  pruneBelow(group: number): void {
    for (const k of this.groups.keys()) if (k < group) this.groups.delete(k);
  }
}

function isSubsetOf(a: BitArray, b: BitArray): boolean {
  const x = a.uint8Array;
  const y = b.uint8Array;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if ((x[i] & ~y[i]) !== 0) return false;
  return true;
}

export class SeenCaches {
  /** (proposer, slot) of first valid blocks; grouped by slot. */
  readonly proposerSlots = new GroupedSet();
  /** (aggregator, target epoch); grouped by epoch. */
  readonly aggregatorEpochs = new GroupedSet();
  /** (data root, committee) → bits; grouped by target epoch. */
  readonly aggregateDataRoots = new GroupedBits();
  /** validator indices; a validator exits once, so these are never pruned (bounded by the registry). */
  readonly voluntaryExitIndices = new Set<number>();
  readonly proposerSlashingIndices = new Set<number>();
  readonly attesterSlashingIndices = new Set<number>();
  readonly blsToExecutionChangeIndices = new Set<number>();
  /** (validator, target epoch); grouped by epoch. */
  readonly attestationValidatorEpochs = new GroupedSet();
  /** (aggregator, slot, subcommittee); grouped by slot. */
  readonly syncContributionAggregatorSlots = new GroupedSet();
  /** (slot, block root, subcommittee) → bits; grouped by slot. */
  readonly syncContributionData = new GroupedBits();
  /** (slot, validator, subnet); grouped by slot. */
  readonly syncMessageValidatorSlots = new GroupedSet();
  /** (slot, proposer, index) of blob sidecars; grouped by slot. */
  readonly blobSidecarTuples = new GroupedSet();
  /** (slot, proposer, column index) of data column sidecars (fulu data_column_sidecar_tuples); grouped by slot. */
  readonly dataColumnSidecarTuples = new GroupedSet();
  /**
   * Sidecar headers whose proposer signature, and (header, commitments, proof) triples whose inclusion
   * proof, already verified: every column of a block repeats them (fulu p2p-interface.md allows this
   * cache). Only valid results are kept; grouped by slot.
   */
  readonly validSidecarHeaders = new GroupedSet();
  readonly validSidecarInclusionProofs = new GroupedSet();
  /** fulu partial columns: the validated PartialDataColumnHeader per block root (0x-hex), with its slot for pruning. */
  readonly partialDataColumnHeaders = new Map<string, {slot: number; header: ValueOf<typeof fulu.PartialDataColumnHeader>}>();
  /** Light-client updates: the highest slots forwarded. */
  lightClientFinalitySlot = -1;
  lightClientOptimisticSlot = -1;

  /** Drops what no longer passes the time windows anyway (call each slot). */
  prune(currentSlot: number, finalizedSlot: number): void {
    const epoch = Math.floor(currentSlot / SLOTS_PER_EPOCH);
    this.proposerSlots.pruneBelow(Math.max(finalizedSlot, currentSlot - 2 * SLOTS_PER_EPOCH));
    this.blobSidecarTuples.pruneBelow(Math.max(finalizedSlot, currentSlot - 2 * SLOTS_PER_EPOCH));
    this.dataColumnSidecarTuples.pruneBelow(Math.max(finalizedSlot, currentSlot - 2 * SLOTS_PER_EPOCH));
    this.validSidecarHeaders.pruneBelow(Math.max(finalizedSlot, currentSlot - 2 * SLOTS_PER_EPOCH));
    this.validSidecarInclusionProofs.pruneBelow(Math.max(finalizedSlot, currentSlot - 2 * SLOTS_PER_EPOCH));
    for (const [root, {slot}] of this.partialDataColumnHeaders) {
      if (slot < Math.max(finalizedSlot, currentSlot - 2 * SLOTS_PER_EPOCH)) this.partialDataColumnHeaders.delete(root);
    }
    // Attestations propagate for the current and previous epoch.
    this.aggregatorEpochs.pruneBelow(epoch - 1);
    this.aggregateDataRoots.pruneBelow(epoch - 1);
    this.attestationValidatorEpochs.pruneBelow(epoch - 1);
    // Sync committee messages are only valid in their own slot.
    this.syncContributionAggregatorSlots.pruneBelow(currentSlot - 1);
    this.syncContributionData.pruneBelow(currentSlot - 1);
    this.syncMessageValidatorSlots.pruneBelow(currentSlot - 1);
  }
}
