import {strict as assert} from "node:assert";
import {BitArray} from "@chainsafe/ssz";
import {phase0} from "@hearth/types";
import {toHex} from "@hearth/config";
import {aggregateSignatures, verifySignatureSets, type Signature} from "@hearth/bls";
import {interopSecretKeys} from "@hearth/state-transition";
import {AttestationPool, PoolInsertOutcome, countBits, type PooledAttestation} from "../../../src/chain/opPools/attestationPool.js";

describe("AttestationPool", () => {
  const keys = interopSecretKeys(8);
  const data: phase0.AttestationData = {
    slot: 10,
    index: 1,
    beaconBlockRoot: new Uint8Array(32).fill(1),
    source: {epoch: 0, root: new Uint8Array(32)},
    target: {epoch: 0, root: new Uint8Array(32).fill(2)},
  };
  const dataRoot = toHex(phase0.AttestationData.hashTreeRoot(data));
  const signingRoot = new Uint8Array(32).fill(3);
  const sig = (i: number): Signature => keys[i].sign(signingRoot);

  function single(position: number): PooledAttestation {
    return {data, dataRoot, committeeIndex: 1, aggregationBits: BitArray.fromSingleBit(8, position), signature: sig(position)};
  }
  function aggregate(positions: number[]): PooledAttestation {
    const bits = BitArray.fromBitLen(8);
    for (const p of positions) bits.set(p, true);
    return {data, dataRoot, committeeIndex: 1, aggregationBits: bits, signature: aggregateSignatures(positions.map(sig))};
  }

  it("merges single votes into one aggregate whose signature verifies for all of them", () => {
    const pool = new AttestationPool();
    assert.equal(pool.add(single(0)), PoolInsertOutcome.ADDED);
    assert.equal(pool.add(single(3)), PoolInsertOutcome.MERGED);
    assert.equal(pool.add(single(5)), PoolInsertOutcome.MERGED);
    assert.equal(pool.add(single(3)), PoolInsertOutcome.KNOWN);
    assert.equal(pool.size, 1);
    const best = pool.getAggregate(10, dataRoot, 1);
    assert.ok(best !== null);
    assert.deepEqual(best.aggregationBits.getTrueBitIndexes(), [0, 3, 5]);
    const set = {kind: "aggregate" as const, pubkeys: [0, 3, 5].map((i) => keys[i].toPublicKey()), signingRoot, signature: best.signature.toBytes()};
    assert.equal(verifySignatureSets([set]), true);
  });

  it("keeps overlapping aggregates apart, drops one another covers, and serves the largest", () => {
    const pool = new AttestationPool();
    pool.add(aggregate([0, 1]));
    assert.equal(pool.add(aggregate([1, 2])), PoolInsertOutcome.ADDED);
    assert.equal(pool.size, 2);
    assert.equal(pool.add(aggregate([0, 1, 2, 3])), PoolInsertOutcome.ADDED);
    assert.equal(pool.size, 1, "the covered aggregates are gone");
    assert.equal(pool.add(aggregate([2, 3])), PoolInsertOutcome.KNOWN);
    assert.equal(countBits(pool.getAggregate(10, dataRoot)!.aggregationBits), 4);
  });

  it("does not let an added aggregate share bits with the caller's copy", () => {
    const pool = new AttestationPool();
    const mine = single(0);
    pool.add(mine);
    pool.add(single(1));
    assert.deepEqual(mine.aggregationBits.getTrueBitIndexes(), [0]);
  });

  it("answers by slot, data root and committee, and forgets what no block can include", () => {
    const pool = new AttestationPool();
    pool.add(single(0));
    assert.equal(pool.getAggregate(11, dataRoot, 1), null);
    assert.equal(pool.getAggregate(10, dataRoot, 2), null);
    assert.equal(pool.getAggregate(10, "0x" + "00".repeat(32)), null);
    assert.equal([...pool.entriesInSlots(0, 10)].length, 1);
    pool.prune(10 + 1000);
    assert.equal(pool.size, 0);
  });
});
