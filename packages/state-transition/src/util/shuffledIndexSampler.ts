// compute_shuffled_index (phase0 beacon-chain.md) for many indices under one seed, as the samplers of
// compute_proposer_index and get_next_sync_committee_indices use it.
import {digest} from "@chainsafe/as-sha256";
import {SHUFFLE_ROUND_COUNT} from "@hearth/params";

const TWO_POW_32 = 2 ** 32;
/** Samplers that expect at least BATCH_FROM samples compute BATCH_SIZE indices at a time. */
const BATCH_FROM = 2048;
const BATCH_SIZE = 2048;

/**
 * compute_shuffled_index(index, count, seed) for any number of indices of one (seed, count): each
 * round's pivot is hashed once, and each 256-position decision block is kept for reuse. A sampler
 * walks candidates 0, 1, 2, …; their positions stay in a few narrow windows for the first rounds, so
 * the blocks are shared there. The spec function hashes twice per round per index: proposer
 * sampling at electra (a 32 ETH candidate is kept 1 time in 64) costs half the hashing this way, and
 * a sync committee's tens of thousands of candidates (a few hashes per block per round) far less.
 *
 * The blocks are kept in flat arrays, direct-mapped by block number with `capacity` slots per round
 * (a power of two; as many as there are blocks when a sampler expects to visit most of them): a
 * million small hash arrays in maps would cost more in garbage collection than the hashing saved.
 */
export class ShuffledIndexSampler {
  private readonly input = new Uint8Array(37);
  private readonly capacity: number;
  /** Indices computed together, round by round (1: one at a time); see shuffledIndex. */
  private readonly batchSize: number;
  /** Filled on the first index computed here: results may all come from another thread. */
  private pivots: Float64Array | null = null;
  private blockIds: Int32Array | null = null;
  private blockBytes: Uint8Array | null = null;
  /** Results of indices 0, 1, 2, … as far as known without a gap: computed here, or by another thread. */
  private known: number[] = [];

  /** `expectedSamples`: about how many indices will be asked, which sizes the block store. */
  constructor(
    seed: Uint8Array,
    private readonly count: number,
    expectedSamples = 64
  ) {
    if (count <= 0 || count > TWO_POW_32) throw new Error(`compute_shuffled_index: bad index count ${count}`);
    if (seed.length !== 32) throw new Error(`compute_shuffled_index: seed must be 32 bytes, got ${seed.length}`);
    this.input.set(seed, 0);
    const blocks = Math.ceil(count / 256);
    let capacity = 1;
    while (capacity < Math.min(blocks, Math.max(16, expectedSamples))) capacity *= 2;
    this.capacity = capacity;
    this.batchSize = expectedSamples >= BATCH_FROM ? BATCH_SIZE : 1;
  }

  /**
   * compute_shuffled_index(index, count, seed). A sampler that expects many samples computes the
   * next indices in batches, round by round: each round's blocks then stay in cache while the
   * batch passes through them, instead of all rounds' blocks being touched per index.
   */
  shuffledIndex(index: number): number {
    if (index < this.known.length) return this.known[index];
    if (this.batchSize === 1 || index >= this.count) {
      const result = this.compute(index);
      if (index === this.known.length) this.known.push(result);
      return result;
    }
    while (this.known.length <= index) this.computeBatch(this.known.length, Math.min(this.known.length + this.batchSize, this.count));
    return this.known[index];
  }

  /** Whether this sampler shuffles `count` indices under `seed`: results handed over apply only then. */
  isFor(seed: Uint8Array, count: number): boolean {
    if (count !== this.count) return false;
    for (let i = 0; i < 32; i++) if (seed[i] !== this.input[i]) return false;
    return true;
  }

  /** The results of indices 0 … k-1 that are known, e.g. for a thread that samples the same seed later. */
  knownResults(): number[] {
    return this.known;
  }

  /** Takes results of indices 0 … k-1 computed elsewhere for this same seed and count. */
  addKnownResults(results: ArrayLike<number>): this {
    for (let i = this.known.length; i < results.length; i++) this.known.push(results[i]);
    return this;
  }

  private init(): void {
    const pivots = new Float64Array(SHUFFLE_ROUND_COUNT);
    for (let round = 0; round < SHUFFLE_ROUND_COUNT; round++) {
      this.input[32] = round;
      pivots[round] = uint64Mod(digest(this.input.subarray(0, 33)), this.count);
    }
    this.pivots = pivots;
    this.blockIds = new Int32Array(SHUFFLE_ROUND_COUNT * this.capacity).fill(-1);
    this.blockBytes = new Uint8Array(SHUFFLE_ROUND_COUNT * this.capacity * 32);
  }

  /** Appends the results of indices start … end-1 to `known`. */
  private computeBatch(start: number, end: number): void {
    if (this.pivots === null) this.init();
    const n = this.count;
    const capacity = this.capacity;
    const pivots = this.pivots as Float64Array;
    const blockIds = this.blockIds as Int32Array;
    const blockBytes = this.blockBytes as Uint8Array;
    const mask = capacity - 1;
    const current = new Uint32Array(end - start);
    for (let j = 0; j < current.length; j++) current[j] = start + j;
    for (let round = 0; round < SHUFFLE_ROUND_COUNT; round++) {
      const pivot = pivots[round];
      const base = round * capacity;
      for (let j = 0; j < current.length; j++) {
        const index = current[j];
        // (pivot + n - index) % n, for 0 <= pivot, index < n
        const flip = pivot >= index ? pivot - index : pivot + n - index;
        const position = index > flip ? index : flip;
        const block = position >>> 8;
        const slot = base + (block & mask);
        if (blockIds[slot] !== block) this.hashBlock(round, block, slot);
        if ((blockBytes[slot * 32 + ((position & 0xff) >> 3)] >> (position & 7)) & 1) current[j] = flip;
      }
    }
    for (let j = 0; j < current.length; j++) this.known.push(current[j]);
  }

  /** Stores hash(seed + uint8(round) + uint32(block)), the decision bits of 256 positions, at `slot`. */
  private hashBlock(round: number, block: number, slot: number): void {
    const input = this.input;
    input[32] = round;
    input[33] = block & 0xff;
    input[34] = (block >>> 8) & 0xff;
    input[35] = (block >>> 16) & 0xff;
    input[36] = (block >>> 24) & 0xff;
    (this.blockBytes as Uint8Array).set(digest(input), slot * 32);
    (this.blockIds as Int32Array)[slot] = block;
  }

  private compute(index: number): number {
    const n = this.count;
    if (index >= n) throw new Error(`compute_shuffled_index: index ${index} out of range ${n}`);
    if (this.pivots === null) this.init();
    const capacity = this.capacity;
    const pivots = this.pivots as Float64Array;
    const blockIds = this.blockIds as Int32Array;
    const blockBytes = this.blockBytes as Uint8Array;
    const mask = capacity - 1;
    for (let round = 0; round < SHUFFLE_ROUND_COUNT; round++) {
      const pivot = pivots[round];
      // (pivot + n - index) % n, for 0 <= pivot, index < n
      const flip = pivot >= index ? pivot - index : pivot + n - index;
      const position = index > flip ? index : flip;
      const block = position >>> 8;
      const slot = round * capacity + (block & mask);
      if (blockIds[slot] !== block) this.hashBlock(round, block, slot);
      if ((blockBytes[slot * 32 + ((position & 0xff) >> 3)] >> (position & 7)) & 1) index = flip;
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
