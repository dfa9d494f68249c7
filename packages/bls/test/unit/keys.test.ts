import {strict as assert} from "node:assert";
import {
  BlsError,
  BlsErrorCode,
  G1_POINT_AT_INFINITY,
  G2_POINT_AT_INFINITY,
  PUBLIC_KEY_LENGTH,
  PublicKey,
  SIGNATURE_LENGTH,
  SecretKey,
  Signature,
} from "../../src/index.js";
import {CURVE_ORDER, scalarBytes, testKey, testRoot} from "./helpers.js";

function expectCode(fn: () => unknown, code: BlsErrorCode): BlsError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof BlsError, `expected a BlsError, got ${String(caught)}`);
  assert.equal(caught.code, code);
  return caught;
}

describe("SecretKey", () => {
  it("round-trips its 32 bytes and keeps the same public key", () => {
    const sk = testKey(0);
    const bytes = sk.toBytes();
    assert.equal(bytes.length, 32);
    const again = SecretKey.fromBytes(bytes);
    assert.deepEqual(again.toPublicKey().toBytes(), sk.toPublicKey().toBytes());
  });

  it("derives keys deterministically from ikm and keyInfo", () => {
    const ikm = new Uint8Array(32).fill(7);
    assert.deepEqual(SecretKey.fromKeygen(ikm).toBytes(), SecretKey.fromKeygen(ikm).toBytes());
    const other = SecretKey.fromKeygen(ikm, new Uint8Array([1]));
    assert.notDeepEqual(other.toBytes(), SecretKey.fromKeygen(ikm).toBytes());
  });

  it("rejects zero, r and wrong-length scalars with INVALID_SECRET_KEY", () => {
    expectCode(() => SecretKey.fromBytes(new Uint8Array(32)), BlsErrorCode.INVALID_SECRET_KEY);
    expectCode(() => SecretKey.fromBytes(scalarBytes(CURVE_ORDER)), BlsErrorCode.INVALID_SECRET_KEY);
    const err = expectCode(() => SecretKey.fromBytes(new Uint8Array(31).fill(1)), BlsErrorCode.INVALID_SECRET_KEY);
    assert.equal(err.detail.length, 31);
    // r - 1 is the largest valid scalar.
    assert.deepEqual(SecretKey.fromBytes(scalarBytes(CURVE_ORDER - 1n)).toBytes(), scalarBytes(CURVE_ORDER - 1n));
  });

  it("rejects ikm shorter than 32 bytes with INVALID_IKM", () => {
    const err = expectCode(() => SecretKey.fromKeygen(new Uint8Array(31)), BlsErrorCode.INVALID_IKM);
    assert.equal(err.detail.length, 31);
  });
});

describe("PublicKey", () => {
  it("round-trips the 48-byte compressed form", () => {
    const bytes = testKey(1).toPublicKey().toBytes();
    assert.equal(bytes.length, PUBLIC_KEY_LENGTH);
    assert.deepEqual(PublicKey.fromBytes(bytes).toBytes(), bytes);
  });

  it("rejects the point at infinity (KeyValidate) with INVALID_PUBKEY", () => {
    expectCode(() => PublicKey.fromBytes(G1_POINT_AT_INFINITY), BlsErrorCode.INVALID_PUBKEY);
  });

  it("rejects wrong lengths, including blst's 96-byte uncompressed form", () => {
    const bytes = testKey(1).toPublicKey().toBytes();
    const short = expectCode(() => PublicKey.fromBytes(bytes.subarray(0, 47)), BlsErrorCode.INVALID_PUBKEY);
    assert.equal(short.detail.length, 47);
    const long = expectCode(() => PublicKey.fromBytes(new Uint8Array(96)), BlsErrorCode.INVALID_PUBKEY);
    assert.equal(long.detail.length, 96);
  });

  it("rejects bytes without the compression flag and x not on the curve", () => {
    const bytes = testKey(1).toPublicKey().toBytes();
    const uncompressedFlag = Uint8Array.from(bytes);
    uncompressedFlag[0] &= 0x7f;
    expectCode(() => PublicKey.fromBytes(uncompressedFlag), BlsErrorCode.INVALID_PUBKEY);
    // x = 1 has no y on y^2 = x^3 + 4 (5 is not a square mod p).
    const offCurve = new Uint8Array(48);
    offCurve[0] = 0x80;
    offCurve[47] = 1;
    expectCode(() => PublicKey.fromBytes(offCurve), BlsErrorCode.INVALID_PUBKEY);
  });
});

describe("Signature", () => {
  it("round-trips the 96-byte compressed form", () => {
    const bytes = testKey(2).sign(testRoot(0)).toBytes();
    assert.equal(bytes.length, SIGNATURE_LENGTH);
    assert.deepEqual(Signature.fromBytes(bytes).toBytes(), bytes);
  });

  it("accepts the point at infinity, a valid G2 point", () => {
    assert.deepEqual(Signature.fromBytes(G2_POINT_AT_INFINITY).toBytes(), G2_POINT_AT_INFINITY);
  });

  it("rejects wrong lengths and zeroed bytes with INVALID_SIGNATURE", () => {
    const err = expectCode(() => Signature.fromBytes(new Uint8Array(95)), BlsErrorCode.INVALID_SIGNATURE);
    assert.equal(err.detail.length, 95);
    expectCode(() => Signature.fromBytes(new Uint8Array(96)), BlsErrorCode.INVALID_SIGNATURE);
  });
});
