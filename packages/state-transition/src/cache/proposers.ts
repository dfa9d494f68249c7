// compute_proposer_index (phase0, modified in electra) and the per-epoch proposer list
// (get_beacon_proposer_index for each slot; fulu's compute_proposer_indices).
import {digest} from "@chainsafe/as-sha256";
import {
  DOMAIN_BEACON_PROPOSER,
  EFFECTIVE_BALANCE_INCREMENT,
  ForkSeq,
  MAX_EFFECTIVE_BALANCE,
  MAX_EFFECTIVE_BALANCE_ELECTRA,
  SLOTS_PER_EPOCH,
  type ForkName,
} from "@hearth/params";
import type {BeaconStateAllForks} from "../types.js";
import {getSeed} from "../util/seed.js";
import {uint64ToBytes} from "../util/bytes.js";
import {ShuffledIndexSampler} from "../util/shuffledIndexSampler.js";
import {computeStartSlotAtEpoch} from "../util/epoch.js";

/**
 * compute_proposer_index: a random index of `indices`, sampled by effective balance. Effective
 * balances come from the epoch cache's increments, not the state tree.
 */
export function computeProposerIndex(
  fork: ForkName,
  effectiveBalanceIncrements: Uint16Array,
  indices: ArrayLike<number>,
  seed: Uint8Array,
  sampler?: ShuffledIndexSampler
): number {
  const total = indices.length;
  if (total === 0) throw new Error("compute_proposer_index: no active validators");
  const electra = ForkSeq[fork] >= ForkSeq.electra;
  const input = new Uint8Array(40);
  input.set(seed, 0);
  let randomBytes: Uint8Array | null = null;
  let randomBlock = -1;
  // compute_shuffled_index of candidates 0, 1, 2, … under one seed shares its round hashes.
  const shuffled = sampler?.isFor(seed, total) ? sampler : new ShuffledIndexSampler(seed, total);
  for (let i = 0; ; i++) {
    const candidate = indices[shuffled.shuffledIndex(i % total)];
    const effectiveBalance = effectiveBalanceIncrements[candidate] * EFFECTIVE_BALANCE_INCREMENT;
    // phase0: one random byte per candidate, 32 per hash; electra: 2 bytes, 16 per hash.
    const block = electra ? Math.floor(i / 16) : Math.floor(i / 32);
    if (block !== randomBlock) {
      input.set(uint64ToBytes(block), 32);
      randomBytes = digest(input);
      randomBlock = block;
    }
    const bytes = randomBytes as Uint8Array;
    if (electra) {
      const offset = (i % 16) * 2;
      const randomValue = bytes[offset] | (bytes[offset + 1] << 8);
      if (effectiveBalance * 0xffff >= MAX_EFFECTIVE_BALANCE_ELECTRA * randomValue) return candidate;
    } else {
      const randomByte = bytes[i % 32];
      if (effectiveBalance * 0xff >= MAX_EFFECTIVE_BALANCE * randomByte) return candidate;
    }
  }
}

/** The seed of each slot of `epoch`: hash(get_seed(state, epoch, DOMAIN_BEACON_PROPOSER) + uint_to_bytes(slot)). */
export function getProposerSeeds(state: BeaconStateAllForks, epoch: number): Uint8Array[] {
  const epochSeed = getSeed(state, epoch, DOMAIN_BEACON_PROPOSER);
  const startSlot = computeStartSlotAtEpoch(epoch);
  const input = new Uint8Array(40);
  input.set(epochSeed, 0);
  const seeds: Uint8Array[] = [];
  for (let slot = startSlot; slot < startSlot + SLOTS_PER_EPOCH; slot++) {
    input.set(uint64ToBytes(slot), 32);
    seeds.push(digest(input));
  }
  return seeds;
}

/**
 * The proposer of every slot of `epoch`: compute_proposer_index with each slot's seed. This is what
 * get_beacon_proposer_index computes slot by slot, and fulu's compute_proposer_indices at once.
 * `samplers`, when given, are per slot and may carry shuffled indices another thread computed.
 */
export function computeProposers(
  fork: ForkName,
  state: BeaconStateAllForks,
  epoch: number,
  activeIndices: ArrayLike<number>,
  effectiveBalanceIncrements: Uint16Array,
  samplers?: ShuffledIndexSampler[]
): number[] {
  return getProposerSeeds(state, epoch).map((seed, i) =>
    computeProposerIndex(fork, effectiveBalanceIncrements, activeIndices, seed, samplers?.[i])
  );
}
