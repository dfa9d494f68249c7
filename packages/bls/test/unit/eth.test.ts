import {strict as assert} from "node:assert";
import {
  BlsError,
  BlsErrorCode,
  G1_POINT_AT_INFINITY,
  G2_POINT_AT_INFINITY,
  aggregatePublicKeys,
  aggregateSignatures,
  ethAggregatePubkeys,
  ethFastAggregateVerify,
} from "../../src/index.js";
import {testKey, testRoot} from "./helpers.js";

describe("eth_aggregate_pubkeys", () => {
  const pks = [0, 1, 2].map((i) => testKey(i).toPublicKey());

  it("equals the point sum of the keys, from bytes or objects", () => {
    const expected = aggregatePublicKeys(pks).toBytes();
    assert.deepEqual(ethAggregatePubkeys(pks.map((p) => p.toBytes())), expected);
    assert.deepEqual(ethAggregatePubkeys(pks), expected);
    assert.deepEqual(ethAggregatePubkeys([pks[0].toBytes()]), pks[0].toBytes());
  });

  it("throws EMPTY_AGGREGATE for no keys", () => {
    assert.throws(() => ethAggregatePubkeys([]), (e) => e instanceof BlsError && e.code === BlsErrorCode.EMPTY_AGGREGATE);
  });

  it("throws INVALID_PUBKEY naming the index of an infinity key", () => {
    assert.throws(
      () => ethAggregatePubkeys([pks[0].toBytes(), G1_POINT_AT_INFINITY]),
      (e) => e instanceof BlsError && e.code === BlsErrorCode.INVALID_PUBKEY && e.detail.index === 1,
    );
  });
});

describe("eth_fast_aggregate_verify", () => {
  const message = testRoot(3);

  it("accepts no pubkeys with exactly the G2 point at infinity", () => {
    assert.equal(ethFastAggregateVerify([], message, G2_POINT_AT_INFINITY), true);
    assert.equal(ethFastAggregateVerify([], message, new Uint8Array(96)), false);
    assert.equal(ethFastAggregateVerify([], message, testKey(0).sign(message)), false);
  });

  it("otherwise behaves as fastAggregateVerify", () => {
    const keys = [0, 1].map(testKey);
    const agg = aggregateSignatures(keys.map((k) => k.sign(message)));
    const pks = keys.map((k) => k.toPublicKey());
    assert.equal(ethFastAggregateVerify(pks, message, agg.toBytes()), true);
    assert.equal(ethFastAggregateVerify(pks.slice(0, 1), message, agg), false);
    assert.equal(ethFastAggregateVerify([G1_POINT_AT_INFINITY], message, G2_POINT_AT_INFINITY), false);
  });
});
