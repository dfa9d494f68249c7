// The swap-or-not shuffle of phase0 beacon-chain.md (compute_shuffled_index), for one index and, in
// bulk, for a whole list: the epoch cache shuffles every active validator once per epoch, and doing
// that one index at a time would cost SHUFFLE_ROUND_COUNT hashes per validator.
import {digest} from "@chainsafe/as-sha256";
import {SHUFFLE_ROUND_COUNT} from "@hearth/params";

/** hash(seed + uint_to_bytes(uint8(round))): the round's pivot source. */
function pivotOf(seed: Uint8Array, round: number, indexCount: number): number {
  const input = new Uint8Array(33);
  input.set(seed, 0);
  input[32] = round;
  const h = digest(input);
  const view = new DataView(h.buffer, h.byteOffset, 8);
  return Number(view.getBigUint64(0, true) % BigInt(indexCount));
}

/** hash(seed + uint8(round) + uint32(position // 256)): 256 decision bits for one block of positions. */
function sourceOf(input: Uint8Array, block: number): Uint8Array {
  input[33] = block & 0xff;
  input[34] = (block >>> 8) & 0xff;
  input[35] = (block >>> 16) & 0xff;
  input[36] = (block >>> 24) & 0xff;
  return digest(input);
}

function roundInput(seed: Uint8Array, round: number): Uint8Array {
  const input = new Uint8Array(37);
  input.set(seed, 0);
  input[32] = round;
  return input;
}

function assertArgs(indexCount: number, seed: Uint8Array): void {
  if (seed.length !== 32) throw new Error(`shuffle seed must be 32 bytes, got ${seed.length}`);
  if (!Number.isInteger(indexCount) || indexCount < 0 || indexCount > 2 ** 32) throw new Error(`bad index count ${indexCount}`);
}

/** compute_shuffled_index (phase0 beacon-chain.md): where `index` goes in a list of `indexCount`. */
export function computeShuffledIndex(index: number, indexCount: number, seed: Uint8Array): number {
  assertArgs(indexCount, seed);
  if (index >= indexCount) throw new Error(`index ${index} out of range ${indexCount}`);
  const input = new Uint8Array(37);
  input.set(seed, 0);
  for (let round = 0; round < SHUFFLE_ROUND_COUNT; round++) {
    input[32] = round;
    const pivotHash = digest(input.subarray(0, 33));
    const pivot = Number(new DataView(pivotHash.buffer, pivotHash.byteOffset, 8).getBigUint64(0, true) % BigInt(indexCount));
    const flip = (pivot + indexCount - index) % indexCount;
    const position = Math.max(index, flip);
    const source = sourceOf(input, Math.floor(position / 256));
    const bit = (source[(position % 256) >> 3] >> (position % 8)) & 1;
    if (bit) index = flip;
  }
  return index;
}

/**
 * Shuffles `values` in place so that afterwards values[i] = original[compute_shuffled_index(i)],
 * i.e. the committee order of compute_committee. Each round swaps the pairs (i, flip) whose
 * decision bit is set; applying the rounds last-to-first composes them in the spec's order.
 * Cost: SHUFFLE_ROUND_COUNT × (n/2 pair checks + n/512 hashes).
 */
export function shuffleList(values: Uint32Array, seed: Uint8Array): Uint32Array {
  const n = values.length;
  assertArgs(n, seed);
  if (n <= 1) return values;
  for (let round = SHUFFLE_ROUND_COUNT - 1; round >= 0; round--) {
    const pivot = pivotOf(seed, round, n);
    const input = roundInput(seed, round);
    // flip(i) = (pivot + n - i) % n pairs i with pivot - i (for i <= pivot) and with pivot + n - i
    // (for i > pivot). Walking each range from both ends visits every pair once, and the decision
    // bit is read at the pair's higher member (position = max(index, flip)), which only descends.
    swapRange(values, input, 0, pivot);
    swapRange(values, input, pivot + 1, n - 1);
  }
  return values;
}

/** Swaps values[lo + k] and values[hi - k] for each k whose bit at hi - k is set, while lo + k < hi - k. */
function swapRange(values: Uint32Array, input: Uint8Array, lo: number, hi: number): void {
  let source: Uint8Array | null = null;
  let block = -1;
  for (let i = lo, j = hi; i < j; i++, j--) {
    if (j >>> 8 !== block) {
      block = j >>> 8;
      source = sourceOf(input, block);
    }
    // Branch-free: the decision bits are coin flips, so a branch would be mispredicted half the time.
    const mask = -(((source as Uint8Array)[(j & 0xff) >> 3] >> (j & 7)) & 1);
    const a = values[i];
    const b = values[j];
    const swap = (a ^ b) & mask;
    values[i] = a ^ swap;
    values[j] = b ^ swap;
  }
}
