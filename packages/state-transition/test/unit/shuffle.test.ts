import {strict as assert} from "node:assert";
import {createHash} from "node:crypto";
import {computeShuffledIndex, shuffleList} from "../../src/index.js";

describe("shuffle", () => {
  const seed = createHash("sha256").update("hearth").digest();

  it("bulk shuffleList agrees with compute_shuffled_index at every index", function () {
    // compute_shuffled_index hashes twice per round per index: slow by design on the mainnet preset
    this.timeout(30_000);
    for (const n of [1, 2, 3, 255, 256, 257, 513]) {
      const bulk = shuffleList(Uint32Array.from({length: n}, (_, i) => i), seed);
      for (let i = 0; i < n; i++) assert.equal(bulk[i], computeShuffledIndex(i, n, seed), `n=${n} i=${i}`);
    }
  });

  it("is a permutation", () => {
    const n = 5000;
    const bulk = shuffleList(Uint32Array.from({length: n}, (_, i) => i), seed);
    assert.equal(new Set(bulk).size, n);
    assert.notDeepEqual(Array.from(bulk.slice(0, 10)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("rejects a bad seed and an index out of range", () => {
    assert.throws(() => computeShuffledIndex(0, 10, new Uint8Array(31)), /32 bytes/);
    assert.throws(() => computeShuffledIndex(10, 10, seed), /out of range/);
  });
});
