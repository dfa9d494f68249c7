import {strict as assert} from "node:assert";
import {createHash} from "node:crypto";
import {computeShuffledIndex} from "../../../src/util/shuffle.js";
import {ShuffledIndexSampler} from "../../../src/util/shuffledIndexSampler.js";

describe("ShuffledIndexSampler", () => {
  it("agrees with compute_shuffled_index, in candidate order and out of it", function () {
    this.timeout(30_000);
    for (const [label, n] of [["a", 1], ["b", 2], ["c", 257], ["d", 1000], ["e", 3_000_000]] as const) {
      const seed = createHash("sha256").update(label).digest();
      const sampler = new ShuffledIndexSampler(seed, n);
      const indices = [...Array.from({length: Math.min(n, 40)}, (_, i) => i), n - 1, Math.floor(n / 2), 0];
      for (const i of indices) assert.equal(sampler.shuffledIndex(i), computeShuffledIndex(i, n, seed), `n=${n} i=${i}`);
    }
  });

  it("agrees with compute_shuffled_index when computing in batches, round by round", function () {
    this.timeout(30_000);
    for (const n of [3000, 1_000_000]) {
      const seed = createHash("sha256").update(`batch ${n}`).digest();
      const sampler = new ShuffledIndexSampler(seed, n, 32_768);
      for (const i of [0, 1, 2047, 2048, 2049, 2999]) assert.equal(sampler.shuffledIndex(i), computeShuffledIndex(i, n, seed), `n=${n} i=${i}`);
      assert.equal(sampler.knownResults().length, n === 3000 ? 3000 : 4096);
    }
  });

  it("takes the pivot's modulo exactly above 2**21 indices too (the bigint path)", () => {
    const seed = createHash("sha256").update("pivot").digest();
    for (const n of [2 ** 21, 2 ** 21 + 1, 2 ** 32]) {
      const sampler = new ShuffledIndexSampler(seed, n);
      assert.equal(sampler.shuffledIndex(5), computeShuffledIndex(5, n, seed), `n=${n}`);
    }
  });

  it("rejects an index out of range and a bad seed", () => {
    assert.throws(() => new ShuffledIndexSampler(new Uint8Array(31), 10), /32 bytes/);
    assert.throws(() => new ShuffledIndexSampler(new Uint8Array(32), 10).shuffledIndex(10), /out of range/);
  });
});
