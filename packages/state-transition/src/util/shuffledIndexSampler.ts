// compute_shuffled_index (phase0 beacon-chain.md) for many indices under one seed, as the samplers of
// compute_proposer_index and get_next_sync_committee_indices use it.
import {digest} from "@chainsafe/as-sha256";
import {SHUFFLE_ROUND_COUNT} from "@hearth/params";

const TWO_POW_32 = 2 ** 32;

/**
 * compute_shuffled_index(index, count, seed) for any number of indices of one (seed, count): each
 * round's pivot is hashed once, and each 256-position decision block once per round. A sampler
 * walks candidates 0, 1, 2, …; their positions stay in a few narrow windows for the first rounds, so
 * the blocks are shared there. The spec function hashes twice per round per index: proposer
 * sampling at electra (a 32 ETH candidate is kept 1 time in 64) costs half the hashing this way, and
 * a sync committee's tens of thousands of candidates far less.
 */
export class ShuffledIndexSampler {
  private readonly pivots = new Float64Array(SHUFFLE_ROUND_COUNT);
  private readonly sources: Map<number, Uint8Array>[] = [];
  private readonly input = new Uint8Array(37);

  constructor(
    seed: Uint8Array,
    private readonly count: number
  ) {
    if (count <= 0 || count > TWO_POW_32) throw new Error(`compute_shuffled_index: bad index count ${count}`);
    if (seed.length !== 32) throw new Error(`compute_shuffled_index: seed must be 32 bytes, got ${seed.length}`);
    this.input.set(seed, 0);
    for (let round = 0; round < SHUFFLE_ROUND_COUNT; round++) {
      this.input[32] = round;
      this.pivots[round] = uint64Mod(digest(this.input.subarray(0, 33)), count);
      this.sources.push(new Map());
    }
  }

  /** compute_shuffled_index(index, count, seed) */
  shuffledIndex(index: number): number {
    const n = this.count;
    if (index >= n) throw new Error(`compute_shuffled_index: index ${index} out of range ${n}`);
    for (let round = 0; round < SHUFFLE_ROUND_COUNT; round++) {
      const flip = (this.pivots[round] + n - index) % n;
      const position = index > flip ? index : flip;
      const block = Math.floor(position / 256);
      const sources = this.sources[round];
      let source = sources.get(block);
      if (source === undefined) {
        const input = this.input;
        input[32] = round;
        input[33] = block & 0xff;
        input[34] = (block >>> 8) & 0xff;
        input[35] = (block >>> 16) & 0xff;
        input[36] = (block >>> 24) & 0xff;
        source = digest(input);
        sources.set(block, source);
      }
      if ((source[(position & 0xff) >> 3] >> (position & 7)) & 1) index = flip;
    }
    return index;
  }
}

/** bytes_to_uint64(bytes[0:8]) % n, without a bigint where n < 2**21 keeps every product exact. */
function uint64Mod(bytes: Uint8Array, n: number): number {
  const low = (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0;
  const high = (bytes[4] | (bytes[5] << 8) | (bytes[6] << 16) | (bytes[7] << 24)) >>> 0;
  // (high * 2**32 + low) mod n = ((high mod n) * 2**32 + low) mod n, exact while (n - 1) * 2**32 + 2**32 < 2**53.
  if (n <= 2 ** 21) return ((high % n) * TWO_POW_32 + low) % n;
  return Number(((BigInt(high) << 32n) | BigInt(low)) % BigInt(n));
}
