// Who aggregates: a validator whose selection proof hashes to 0 modulo the committee's share.
import {createHash} from "node:crypto";
import {
  SYNC_COMMITTEE_SIZE,
  SYNC_COMMITTEE_SUBNET_COUNT,
  TARGET_AGGREGATORS_PER_COMMITTEE,
  TARGET_AGGREGATORS_PER_SYNC_SUBCOMMITTEE,
} from "@hearth/params";

/** bytes_to_uint64(hash(signature)[0:8]) % modulo == 0, the uint64 read little-endian. */
function selectedBy(signature: Uint8Array, modulo: number): boolean {
  const hash = createHash("sha256").update(signature).digest();
  return hash.readBigUInt64LE(0) % BigInt(modulo) === 0n;
}

/**
 * phase0 validator.md, is_aggregator, with the committee given by its length (the attester duty's
 * committee_length) instead of get_beacon_committee(state, slot, index).
 */
export function isAggregator(committeeLength: number, slotSignature: Uint8Array): boolean {
  return selectedBy(slotSignature, Math.max(1, Math.floor(committeeLength / TARGET_AGGREGATORS_PER_COMMITTEE)));
}

/** altair validator.md, is_sync_committee_aggregator */
export function isSyncCommitteeAggregator(selectionProof: Uint8Array): boolean {
  const modulo = Math.max(1, Math.floor(SYNC_COMMITTEE_SIZE / SYNC_COMMITTEE_SUBNET_COUNT / TARGET_AGGREGATORS_PER_SYNC_SUBCOMMITTEE));
  return selectedBy(selectionProof, modulo);
}

/** The subcommittee (and sync subnet) of a position in the sync committee (altair validator.md). */
export function syncSubcommitteeIndex(syncCommitteeIndex: number): number {
  return Math.floor(syncCommitteeIndex / (SYNC_COMMITTEE_SIZE / SYNC_COMMITTEE_SUBNET_COUNT));
}
