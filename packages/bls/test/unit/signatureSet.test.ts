import {strict as assert} from "node:assert";
import {
  G2_POINT_AT_INFINITY,
  SecretKey,
  Signature,
  type SignatureSet,
  aggregateSignatures,
  aggregateVerify,
  verifySignatureSets,
} from "../../src/index.js";
import {CURVE_ORDER, bytesToBigint, scalarBytes, testKey, testRoot} from "./helpers.js";

/** Eight valid single-signer sets, each over its own root. */
function goodSingleSets(): SignatureSet[] {
  return Array.from({length: 8}, (_, i) => {
    const sk = testKey(i);
    return {kind: "single", pubkey: sk.toPublicKey(), signingRoot: testRoot(i), signature: sk.sign(testRoot(i)).toBytes()};
  });
}

function goodAggregateSet(): SignatureSet {
  const keys = [10, 11, 12].map(testKey);
  const root = testRoot(100);
  return {
    kind: "aggregate",
    pubkeys: keys.map((k) => k.toPublicKey()),
    signingRoot: root,
    signature: aggregateSignatures(keys.map((k) => k.sign(root))).toBytes(),
  };
}

describe("verifySignatureSets", () => {
  it("accepts eight good single sets", () => {
    assert.equal(verifySignatureSets(goodSingleSets()), true);
  });

  it("rejects a batch with one bad set: eight good plus one signed over a wrong message", () => {
    const sk = testKey(20);
    const bad: SignatureSet = {
      kind: "single",
      pubkey: sk.toPublicKey(),
      signingRoot: testRoot(20),
      signature: sk.sign(testRoot(21)).toBytes(),
    };
    assert.equal(verifySignatureSets([...goodSingleSets(), bad]), false);
    assert.equal(verifySignatureSets([bad, ...goodSingleSets()]), false);
  });

  it("rejects two bad sets whose errors cancel in the plain sum of signatures", () => {
    // sig_a + D and sig_b - D: a naive check of the summed signature would pass, which is exactly what
    // the random scalars of the batch prevent. -D is signed by the negated key r - sk.
    const sk = testKey(30);
    const negated = SecretKey.fromBytes(scalarBytes(CURVE_ORDER - bytesToBigint(sk.toBytes())));
    const d = sk.sign(testRoot(30));
    const minusD = negated.sign(testRoot(30));
    const sets = goodSingleSets();
    const shift = (set: SignatureSet, by: Signature): SignatureSet => ({
      ...set,
      signature: aggregateSignatures([Signature.fromBytes(set.signature), by]).toBytes(),
    });
    sets[2] = shift(sets[2], d);
    sets[5] = shift(sets[5], minusD);

    const pubkeys = sets.map((s) => (s.kind === "single" ? s.pubkey : s.pubkeys[0]));
    const sum = aggregateSignatures(sets.map((s) => Signature.fromBytes(s.signature)));
    assert.equal(aggregateVerify(pubkeys, sets.map((s) => s.signingRoot), sum), true, "the sum still verifies");
    assert.equal(verifySignatureSets(sets), false);
  });

  it("accepts aggregate sets mixed with single sets, and rejects an aggregate missing a signer", () => {
    const agg = goodAggregateSet();
    assert.equal(verifySignatureSets([...goodSingleSets(), agg]), true);
    if (agg.kind !== "aggregate") throw new Error("unreachable");
    const missing: SignatureSet = {...agg, pubkeys: agg.pubkeys.slice(1)};
    assert.equal(verifySignatureSets([...goodSingleSets(), missing]), false);
    assert.equal(verifySignatureSets([{...agg, pubkeys: []}]), false);
  });

  it("returns false, without throwing, for malformed signature bytes", () => {
    const good = goodSingleSets();
    const withBytes = (signature: Uint8Array): SignatureSet[] => [...good.slice(1), {...good[0], signature}];
    assert.equal(verifySignatureSets(withBytes(new Uint8Array(95))), false);
    assert.equal(verifySignatureSets(withBytes(new Uint8Array(96))), false);
    assert.equal(verifySignatureSets(withBytes(G2_POINT_AT_INFINITY)), false);
    // On the curve but outside the G2 subgroup: parsing accepts it, so the batch's subgroup check must not.
    const garbage = Uint8Array.from(Buffer.from("8123456789abcdef".repeat(12), "hex"));
    assert.equal(verifySignatureSets(withBytes(garbage)), false);
  });

  it("treats an empty batch as vacuously valid", () => {
    assert.equal(verifySignatureSets([]), true);
  });
});
