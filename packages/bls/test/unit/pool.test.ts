import {strict as assert} from "node:assert";
import {BlsWorkerPool, SecretKey, type SignatureSet} from "../../src/index.js";

describe("BlsWorkerPool", function () {
  this.timeout(20_000);
  const keys = Array.from({length: 12}, (_, i) => SecretKey.fromKeygen(new Uint8Array(32).fill(i + 1)));
  const root = (i: number): Uint8Array => new Uint8Array(32).fill(100 + i);
  const sets: SignatureSet[] = keys.map((sk, i) => ({kind: "single", pubkey: sk.toPublicKey(), signingRoot: root(i), signature: sk.sign(root(i)).toBytes()}));
  let pool: BlsWorkerPool;
  before(() => (pool = new BlsWorkerPool({workers: 2})));
  after(() => pool.close());

  it("accepts a batch of good sets, split across workers", async () => {
    assert.equal(pool.size, 2);
    assert.equal(await pool.verifySignatureSets(sets), true);
  });

  it("rejects a batch with one wrong message, wherever it is", async () => {
    const bad = [...sets];
    bad[7] = {...bad[7], signingRoot: root(99)};
    assert.equal(await pool.verifySignatureSets(bad), false);
  });

  it("verifies an aggregate set and rejects malformed signature bytes without throwing", async () => {
    const message = root(50);
    const aggregate: SignatureSet = {
      kind: "aggregate",
      pubkeys: keys.slice(0, 3).map((k) => k.toPublicKey()),
      signingRoot: message,
      signature: (await import("../../src/index.js")).aggregateSignatures(keys.slice(0, 3).map((k) => k.sign(message))).toBytes(),
    };
    assert.equal(await pool.verifySignatureSets([aggregate]), true);
    assert.equal(await pool.verifySignatureSets([{...sets[0], signature: new Uint8Array(96).fill(0xff)}]), false);
    assert.equal(await pool.verifySignatureSets([{...sets[0], signature: new Uint8Array(95)}]), false);
  });
});
