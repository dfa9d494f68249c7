import * as blst from "@chainsafe/blst";
import {SIGNATURE_LENGTH} from "./constants.js";
import {BlsError, BlsErrorCode, blstReason} from "./errors.js";

/**
 * A BLS signature, a point of G2. One decoded from bytes is in the G2 subgroup (the check of IETF BLS
 * draft-04 §2.7 CoreVerify step 3), so verification need not re-check it. The point at infinity is a
 * valid signature encoding: it is the aggregate of nothing, which `eth_fast_aggregate_verify` accepts.
 */
export class Signature {
  /** Internal: wraps a blst point that is already checked. Use `fromBytes` from outside this package. */
  constructor(readonly native: blst.Signature) {}

  /** Decodes the 96-byte compressed form with a subgroup check; throws `BlsError` INVALID_SIGNATURE. */
  static fromBytes(bytes: Uint8Array): Signature {
    // blst also accepts the 192-byte uncompressed form, which is not a BLSSignature in the consensus spec.
    if (bytes.length !== SIGNATURE_LENGTH) {
      throw new BlsError(BlsErrorCode.INVALID_SIGNATURE, {length: bytes.length});
    }
    try {
      // validate = subgroup check; infinity check off, because the identity is a well-formed signature.
      return new Signature(blst.Signature.fromBytes(bytes, true, false));
    } catch (e) {
      throw new BlsError(BlsErrorCode.INVALID_SIGNATURE, {reason: blstReason(e)});
    }
  }

  /** The 96-byte compressed form. */
  toBytes(): Uint8Array {
    return this.native.toBytes(true);
  }
}
