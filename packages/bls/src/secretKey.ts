import {randomBytes} from "node:crypto";
import * as blst from "@chainsafe/blst";
import {SECRET_KEY_LENGTH} from "./constants.js";
import {BlsError, BlsErrorCode, blstReason} from "./errors.js";
import {PublicKey} from "./publicKey.js";
import {Signature} from "./signature.js";

/** The IETF BLS draft's KeyGen needs at least this much input key material (draft-04 §2.3). */
const MIN_IKM_LENGTH = 32;

/** A BLS secret key: a scalar in [1, r). Signing uses the Ethereum proof-of-possession ciphersuite. */
export class SecretKey {
  private constructor(private readonly native: blst.SecretKey) {}

  /** The 32-byte big-endian scalar; throws `BlsError` INVALID_SECRET_KEY when zero or not below r. */
  static fromBytes(bytes: Uint8Array): SecretKey {
    if (bytes.length !== SECRET_KEY_LENGTH) {
      throw new BlsError(BlsErrorCode.INVALID_SECRET_KEY, {length: bytes.length});
    }
    try {
      return new SecretKey(blst.SecretKey.fromBytes(bytes));
    } catch (e) {
      throw new BlsError(BlsErrorCode.INVALID_SECRET_KEY, {reason: blstReason(e)});
    }
  }

  /**
   * KeyGen of the IETF BLS draft (draft-04 §2.3): deterministic from `ikm` (at least 32 bytes) and an
   * optional `keyInfo` that derives independent keys from the same `ikm`.
   */
  static fromKeygen(ikm: Uint8Array, keyInfo?: Uint8Array): SecretKey {
    if (ikm.length < MIN_IKM_LENGTH) {
      throw new BlsError(BlsErrorCode.INVALID_IKM, {length: ikm.length});
    }
    try {
      return new SecretKey(blst.SecretKey.fromKeygen(ikm, keyInfo));
    } catch (e) {
      throw new BlsError(BlsErrorCode.INVALID_IKM, {reason: blstReason(e)});
    }
  }

  /** A fresh key from the OS random source. */
  static random(): SecretKey {
    return SecretKey.fromKeygen(randomBytes(MIN_IKM_LENGTH));
  }

  toBytes(): Uint8Array {
    return this.native.toBytes();
  }

  toPublicKey(): PublicKey {
    return new PublicKey(this.native.toPublicKey());
  }

  /**
   * `bls.Sign` of phase0 beacon-chain.md "BLS signatures": the IETF BLS draft-04 ciphersuite
   * BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_ (blst's default for signing).
   */
  sign(message: Uint8Array): Signature {
    return new Signature(this.native.sign(message));
  }
}
