// The sampling loop of get_next_sync_committee_indices (altair; electra samples with 16-bit random
// values against MAX_EFFECTIVE_BALANCE_ELECTRA), apart from the state: a worker thread runs it too.
import {digest} from "@chainsafe/as-sha256";
import {EFFECTIVE_BALANCE_INCREMENT, MAX_EFFECTIVE_BALANCE, MAX_EFFECTIVE_BALANCE_ELECTRA, SYNC_COMMITTEE_SIZE} from "@hearth/params";
import {uint64ToBytes} from "./bytes.js";
import {ShuffledIndexSampler} from "./shuffledIndexSampler.js";

/** A sampler sized for a sync committee: a 32 ETH candidate is kept 1 time in 64 at electra, about always before. */
export function newSyncCommitteeSampler(electra: boolean, seed: Uint8Array, count: number): ShuffledIndexSampler {
  return new ShuffledIndexSampler(seed, count, electra ? SYNC_COMMITTEE_SIZE * 64 : SYNC_COMMITTEE_SIZE * 2);
}

/**
 * Candidates in shuffled order, each kept with probability effective_balance / max, until
 * SYNC_COMMITTEE_SIZE are kept. Effective balances as increments: effective_balance * MAX_RANDOM >=
 * MAX * random holds the same with both sides divided by EFFECTIVE_BALANCE_INCREMENT.
 */
export function sampleSyncCommitteeIndices(
  electra: boolean,
  active: ArrayLike<number>,
  seed: Uint8Array,
  effectiveBalanceIncrements: Uint16Array,
  sampler?: ShuffledIndexSampler
): number[] {
  const count = active.length;
  if (count === 0) throw new Error("get_next_sync_committee_indices: no active validators");
  const shuffled = sampler?.isFor(seed, count) ? sampler : newSyncCommitteeSampler(electra, seed, count);
  const maxIncrements = (electra ? MAX_EFFECTIVE_BALANCE_ELECTRA : MAX_EFFECTIVE_BALANCE) / EFFECTIVE_BALANCE_INCREMENT;
  const input = new Uint8Array(40);
  input.set(seed, 0);
  let randomBytes: Uint8Array = new Uint8Array(32);
  let randomBlock = -1;
  const out: number[] = [];
  for (let i = 0; out.length < SYNC_COMMITTEE_SIZE; i++) {
    const candidate = active[shuffled.shuffledIndex(i % count)];
    // altair: one random byte per candidate, 32 per hash; electra: 2 bytes (little-endian), 16 per hash.
    const block = electra ? Math.floor(i / 16) : Math.floor(i / 32);
    if (block !== randomBlock) {
      input.set(uint64ToBytes(block), 32);
      randomBytes = digest(input);
      randomBlock = block;
    }
    const inc = effectiveBalanceIncrements[candidate];
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
