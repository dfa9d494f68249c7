import * as blst from "@chainsafe/blst";
import {PUBLIC_KEY_LENGTH} from "./constants.js";
import {BlsError, BlsErrorCode, blstReason} from "./errors.js";

/**
 * A BLS public key, a point of G1. One decoded from bytes has passed KeyValidate (IETF BLS draft-04
 * §2.5: a valid point of the G1 subgroup and not the identity), so verification need not re-check it.
 * The sum of several keys (`aggregatePublicKeys`) may in theory be the identity; verification rejects it.
 */
export class PublicKey {
  /** Internal: wraps a blst point that is already checked. Use `fromBytes` from outside this package. */
  constructor(readonly native: blst.PublicKey) {}

  /** Decodes the 48-byte compressed form and runs KeyValidate; throws `BlsError` INVALID_PUBKEY. */
  static fromBytes(bytes: Uint8Array): PublicKey {
    // blst also accepts the 96-byte uncompressed form, which is not a BLSPubkey in the consensus spec.
    if (bytes.length !== PUBLIC_KEY_LENGTH) {
      throw new BlsError(BlsErrorCode.INVALID_PUBKEY, {length: bytes.length});
    }
    try {
      return new PublicKey(blst.PublicKey.fromBytes(bytes, true));
    } catch (e) {
      throw new BlsError(BlsErrorCode.INVALID_PUBKEY, {reason: blstReason(e)});
    }
  }

  /** The 48-byte compressed form. */
  toBytes(): Uint8Array {
    return this.native.toBytes(true);
  }
}
