import {strict as assert} from "node:assert";
import type {CachedBeaconState} from "@hearth/state-transition";
import {BlockStateCache} from "../../../src/chain/stateCache/blockStateCache.js";
import {CheckpointStateCache} from "../../../src/chain/stateCache/checkpointStateCache.js";

// The caches only hold states; identity is all these tests need of one.
const fakeState = (slot: number): CachedBeaconState => ({state: {slot}}) as unknown as CachedBeaconState;

describe("BlockStateCache", () => {
  it("evicts the least recently used state but never the head's", () => {
    const cache = new BlockStateCache(3);
    cache.add("0xa", fakeState(1));
    cache.setHead("0xa");
    cache.add("0xb", fakeState(2));
    cache.add("0xc", fakeState(3));
    cache.get("0xb");
    cache.add("0xd", fakeState(4));
    assert.equal(cache.size, 3);
    assert.ok(cache.has("0xa"), "head kept");
    assert.ok(!cache.has("0xc"), "least recently used evicted");
    assert.ok(cache.has("0xb") && cache.has("0xd"));
  });

  it("prunes what the predicate rejects, except the head", () => {
    const cache = new BlockStateCache(8);
    for (const r of ["0x1", "0x2", "0x3"]) cache.add(r, fakeState(0));
    cache.setHead("0x1");
    assert.equal(cache.prune(() => false), 2);
    assert.ok(cache.has("0x1"));
  });
});

describe("CheckpointStateCache", () => {
  it("finds the latest checkpoint state of a root up to an epoch", () => {
    const cache = new CheckpointStateCache(8);
    const s1 = fakeState(8);
    const s3 = fakeState(24);
    cache.add({epoch: 1, root: "0xaa"}, s1);
    cache.add({epoch: 3, root: "0xaa"}, s3);
    cache.add({epoch: 2, root: "0xbb"}, fakeState(16));
    assert.equal(cache.getLatestForRoot("0xaa", 2), s1);
    assert.equal(cache.getLatestForRoot("0xaa", 5), s3);
    assert.equal(cache.getLatestForRoot("0xcc", 5), undefined);
  });

  it("evicts the oldest epoch when full but keeps the pinned (finalized) one", () => {
    const cache = new CheckpointStateCache(2);
    cache.add({epoch: 1, root: "0x01"}, fakeState(8));
    cache.pin({epoch: 1, root: "0x01"});
    cache.add({epoch: 2, root: "0x02"}, fakeState(16));
    cache.add({epoch: 3, root: "0x03"}, fakeState(24));
    assert.ok(cache.get({epoch: 1, root: "0x01"}) !== undefined);
    assert.equal(cache.get({epoch: 2, root: "0x02"}), undefined);
    assert.equal(cache.pruneBelow(3), 1);
    assert.equal(cache.size, 1);
  });
});
