import {strict as assert} from "node:assert";
import {
  G1_POINT_AT_INFINITY,
  G2_POINT_AT_INFINITY,
  SecretKey,
  aggregatePublicKeys,
  aggregateSignatures,
  aggregateVerify,
  fastAggregateVerify,
  verify,
} from "../../src/index.js";
import {CURVE_ORDER, bytesToBigint, scalarBytes, testKey, testRoot} from "./helpers.js";

describe("verify", () => {
  const sk = testKey(0);
  const pk = sk.toPublicKey();
  const message = testRoot(1);
  const sig = sk.sign(message);

  it("accepts its own signature, as objects and as bytes", () => {
    assert.equal(verify(pk, message, sig), true);
    assert.equal(verify(pk.toBytes(), message, sig.toBytes()), true);
  });

  it("rejects another message, another key, or another key's signature", () => {
    assert.equal(verify(pk, testRoot(2), sig), false);
    assert.equal(verify(testKey(1).toPublicKey(), message, sig), false);
    assert.equal(verify(pk, message, testKey(1).sign(message)), false);
  });

  it("returns false, without throwing, for malformed bytes", () => {
    assert.equal(verify(pk.toBytes().subarray(1), message, sig), false);
    assert.equal(verify(G1_POINT_AT_INFINITY, message, G2_POINT_AT_INFINITY), false);
    assert.equal(verify(pk, message, new Uint8Array(96)), false);
    const flipped = sig.toBytes();
    flipped[40] ^= 1;
    assert.equal(verify(pk, message, flipped), false);
  });
});

describe("aggregation", () => {
  const keys = [0, 1, 2, 3].map(testKey);
  const pks = keys.map((k) => k.toPublicKey());
  const message = testRoot(9);

  it("fastAggregateVerify accepts the aggregate of all signers and rejects a missing or extra one", () => {
    const agg = aggregateSignatures(keys.map((k) => k.sign(message)));
    assert.equal(fastAggregateVerify(pks, message, agg), true);
    assert.equal(fastAggregateVerify(pks.map((p) => p.toBytes()), message, agg.toBytes()), true);
    assert.equal(fastAggregateVerify(pks.slice(1), message, agg), false);
    assert.equal(fastAggregateVerify([...pks, testKey(4).toPublicKey()], message, agg), false);
    assert.equal(fastAggregateVerify(pks, testRoot(8), agg), false);
  });

  it("fastAggregateVerify is false for no pubkeys, even with the infinity signature", () => {
    assert.equal(fastAggregateVerify([], message, G2_POINT_AT_INFINITY), false);
  });

  it("verifies against the aggregated pubkey like fastAggregateVerify", () => {
    const agg = aggregateSignatures(keys.map((k) => k.sign(message)));
    assert.equal(verify(aggregatePublicKeys(pks), message, agg), true);
  });

  it("aggregateVerify checks one message per signer", () => {
    const messages = keys.map((_, i) => testRoot(i));
    const agg = aggregateSignatures(keys.map((k, i) => k.sign(messages[i])));
    assert.equal(aggregateVerify(pks, messages, agg), true);
    assert.equal(aggregateVerify(pks, [...messages].reverse(), agg), false);
    assert.equal(aggregateVerify(pks, messages.slice(1), agg), false);
    assert.equal(aggregateVerify([], [], G2_POINT_AT_INFINITY), false);
  });

  it("rejects a key sum that is the identity (sk + (r - sk))", () => {
    const negated = SecretKey.fromBytes(scalarBytes(CURVE_ORDER - bytesToBigint(keys[0].toBytes())));
    const sum = aggregatePublicKeys([pks[0], negated.toPublicKey()]);
    assert.deepEqual(sum.toBytes(), G1_POINT_AT_INFINITY);
    assert.equal(verify(sum, message, G2_POINT_AT_INFINITY), false);
    assert.equal(fastAggregateVerify([pks[0], negated.toPublicKey()], message, G2_POINT_AT_INFINITY), false);
  });
});
