// get_next_sync_committee_indices (altair; electra samples with 16-bit random values against
// MAX_EFFECTIVE_BALANCE_ELECTRA) and get_next_sync_committee.
import {digest} from "@chainsafe/as-sha256";
import {
  DOMAIN_SYNC_COMMITTEE,
  EFFECTIVE_BALANCE_INCREMENT,
  ForkSeq,
  MAX_EFFECTIVE_BALANCE,
  MAX_EFFECTIVE_BALANCE_ELECTRA,
  SYNC_COMMITTEE_SIZE,
} from "@hearth/params";
import type {altair} from "@hearth/types";
import {ethAggregatePubkeys} from "@hearth/bls";
import type {CachedBeaconState} from "../types.js";
import {getCurrentEpoch} from "./epoch.js";
import {getSeed} from "./seed.js";
import {uint64ToBytes} from "./bytes.js";
import {ShuffledIndexSampler} from "./shuffledIndexSampler.js";

/** The active validators of the next epoch: the epoch cache's, unless it belongs to another epoch. */
function nextEpochActiveIndices(cs: CachedBeaconState, epoch: number): ArrayLike<number> {
  if (cs.epochCtx.epoch + 1 === epoch) return cs.epochCtx.nextShuffling.activeIndices;
  const out: number[] = [];
  // getAllReadonly, unlike getAllReadonlyValues, also sees changes not yet committed.
  const validators = cs.state.validators.getAllReadonly();
  for (let i = 0; i < validators.length; i++) {
    if (validators[i].activationEpoch <= epoch && epoch < validators[i].exitEpoch) out.push(i);
  }
  return out;
}

/**
 * get_next_sync_committee_indices: candidates in shuffled order, each kept with probability
 * effective_balance / max. Effective balances come from the epoch cache's increments, which epoch
 * processing keeps current.
 */
export function getNextSyncCommitteeIndices(cs: CachedBeaconState): number[] {
  const epoch = getCurrentEpoch(cs.state) + 1;
  const electra = ForkSeq[cs.fork] >= ForkSeq.electra;
  const active = nextEpochActiveIndices(cs, epoch);
  const count = active.length;
  const seed = getSeed(cs.state, epoch, DOMAIN_SYNC_COMMITTEE);
  const sampler = new ShuffledIndexSampler(seed, count);
  const increments = cs.epochCtx.effectiveBalanceIncrements;
  // Compared in increments: effective_balance * MAX_RANDOM >= MAX * random, both sides / INCREMENT.
  const maxIncrements = (electra ? MAX_EFFECTIVE_BALANCE_ELECTRA : MAX_EFFECTIVE_BALANCE) / EFFECTIVE_BALANCE_INCREMENT;
  const input = new Uint8Array(40);
  input.set(seed, 0);
  let randomBytes: Uint8Array = new Uint8Array(32);
  let randomBlock = -1;
  const out: number[] = [];
  for (let i = 0; out.length < SYNC_COMMITTEE_SIZE; i++) {
    const candidate = active[sampler.shuffledIndex(i % count)];
    // altair: one random byte per candidate, 32 per hash; electra: 2 bytes (little-endian), 16 per hash.
    const block = electra ? Math.floor(i / 16) : Math.floor(i / 32);
    if (block !== randomBlock) {
      input.set(uint64ToBytes(block), 32);
      randomBytes = digest(input);
      randomBlock = block;
    }
    const inc = increments[candidate];
    if (electra) {
      const offset = (i % 16) * 2;
      const randomValue = randomBytes[offset] | (randomBytes[offset + 1] << 8);
      if (inc * 0xffff >= maxIncrements * randomValue) out.push(candidate);
    } else {
      if (inc * 0xff >= maxIncrements * randomBytes[i % 32]) out.push(candidate);
    }
  }
  return out;
}

/** get_next_sync_committee: the members' pubkeys, duplicates kept, and their aggregate. */
export function getNextSyncCommittee(cs: CachedBeaconState): altair.SyncCommittee {
  const indices = getNextSyncCommitteeIndices(cs);
  const validators = cs.state.validators;
  const pubkeys = indices.map((i) => validators.getReadonly(i).pubkey);
  const aggregatePubkey = ethAggregatePubkeys(indices.map((i) => cs.epochCtx.pubkeyCache.getPubkey(i)));
  return {pubkeys, aggregatePubkey};
}
