import {computeShuffledIndex, shuffleList} from "@hearth/state-transition";
import type {RunnerBinding} from "../types.js";
import {readYaml, fromHex, toNumber} from "../util/files.js";

interface ShufflingCase {
  seed: string;
  count: bigint;
  mapping: bigint[];
}

/**
 * shuffling/core/shuffle: mapping[i] == compute_shuffled_index(i, count, seed)
 * (tests/formats/shuffling/README.md). Both the one-index function and the bulk shuffle the epoch
 * cache uses are checked against it.
 */
export const shuffling: RunnerBinding = {
  handler(handler) {
    if (handler !== "core") return null;
    return (c) => {
      const data = readYaml<ShufflingCase>(c.dir, "mapping");
      const seed = fromHex(data.seed);
      const count = toNumber(data.count);
      const expected = data.mapping.map(toNumber);
      if (expected.length !== count) throw new Error(`mapping has ${expected.length} entries for count ${count}`);
      for (let i = 0; i < count; i++) {
        const got = computeShuffledIndex(i, count, seed);
        if (got !== expected[i]) throw new Error(`compute_shuffled_index(${i}) = ${got}, expected ${expected[i]}`);
      }
      const bulk = shuffleList(Uint32Array.from({length: count}, (_, i) => i), seed);
      for (let i = 0; i < count; i++) {
        if (bulk[i] !== expected[i]) throw new Error(`shuffleList[${i}] = ${bulk[i]}, expected ${expected[i]}`);
      }
    };
  },
};
