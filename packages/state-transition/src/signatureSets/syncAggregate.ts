// The sync committee's aggregate signature of process_sync_aggregate (altair beacon-chain.md).
import {DOMAIN_SYNC_COMMITTEE, SLOTS_PER_HISTORICAL_ROOT, SYNC_COMMITTEE_SIZE} from "@hearth/params";
import {computeSigningRoot} from "@hearth/config";
import {altair, ssz} from "@hearth/types";
import {G2_POINT_AT_INFINITY, PublicKey, type SignatureSet} from "@hearth/bls";
import type {BeaconStatePostAltair, CachedBeaconState} from "../types.js";
import {getDomain} from "../util/domain.js";
import {computeEpochAtSlot} from "../util/epoch.js";
import {bytesEqual} from "../util/bytes.js";

/**
 * The set eth_fast_aggregate_verify checks, or null when it holds without a pairing: no participants
 * and the G2 point at infinity as signature. No participants with any other signature gives a set
 * without pubkeys, which verifySignatureSets rejects, as eth_fast_aggregate_verify would.
 */
export function getSyncAggregateSignatureSet(cs: CachedBeaconState, syncAggregate: altair.SyncAggregate): SignatureSet | null {
  const state = cs.state as BeaconStatePostAltair;
  const bits = syncAggregate.syncCommitteeBits;
  const participantIndices = bits.getTrueBitIndexes();
  if (participantIndices.length === 0 && bytesEqual(syncAggregate.syncCommitteeSignature, G2_POINT_AT_INFINITY)) return null;

  const committee = state.currentSyncCommittee;
  let pubkeys: PublicKey[];
  if (participantIndices.length === SYNC_COMMITTEE_SIZE) {
    // The spec's own shortcut: every member signed, so the committee's stored aggregate key is the key.
    pubkeys = [PublicKey.fromBytes(committee.aggregatePubkey)];
  } else {
    const committeePubkeys = committee.pubkeys;
    pubkeys = participantIndices.map((i) => registryPubkey(cs, committeePubkeys.get(i)));
  }

  const previousSlot = Math.max(state.slot, 1) - 1;
  const domain = getDomain(state, DOMAIN_SYNC_COMMITTEE, computeEpochAtSlot(previousSlot));
  return {
    kind: "aggregate",
    pubkeys,
    signingRoot: computeSigningRoot(ssz.Root, getBlockRootAtSlot(cs, previousSlot), domain),
    signature: syncAggregate.syncCommitteeSignature,
  };
}

/** A committee member's key, decoded once through the shared pubkey cache. */
function registryPubkey(cs: CachedBeaconState, pubkey: Uint8Array): PublicKey {
  const index = cs.epochCtx.pubkeyCache.getIndex(cs.state, pubkey);
  return index === null ? PublicKey.fromBytes(pubkey) : cs.epochCtx.pubkeyCache.getPubkey(index);
}

/** get_block_root_at_slot (phase0 beacon-chain.md) */
function getBlockRootAtSlot(cs: CachedBeaconState, slot: number): Uint8Array {
  const stateSlot = cs.state.slot;
  if (!(slot < stateSlot && stateSlot <= slot + SLOTS_PER_HISTORICAL_ROOT)) {
    throw new Error(`get_block_root_at_slot: slot ${slot} out of range at state slot ${stateSlot}`);
  }
  return cs.state.blockRoots.get(slot % SLOTS_PER_HISTORICAL_ROOT);
}
