import * as blst from "@chainsafe/blst";
import {bytesEqual} from "./bytes.js";
import {G2_POINT_AT_INFINITY} from "./constants.js";
import {BlsError, BlsErrorCode} from "./errors.js";
import {type PublicKeyInput, type SignatureInput} from "./inputs.js";
import {PublicKey} from "./publicKey.js";
import {Signature} from "./signature.js";
import {fastAggregateVerify} from "./verify.js";

/**
 * Spec function `eth_aggregate_pubkeys` (altair/bls.md, Extensions): the 48-byte point sum of
 * `pubkeys`, each of which must pass KeyValidate. Throws `BlsError` EMPTY_AGGREGATE for an empty list
 * and INVALID_PUBKEY (with the offending index) for a key that fails validation.
 */
export function ethAggregatePubkeys(pubkeys: readonly PublicKeyInput[]): Uint8Array {
  if (pubkeys.length === 0) throw new BlsError(BlsErrorCode.EMPTY_AGGREGATE);
  const points = pubkeys.map((input, index) => {
    if (input instanceof PublicKey) return input.native;
    try {
      return PublicKey.fromBytes(input).native;
    } catch (e) {
      throw new BlsError(BlsErrorCode.INVALID_PUBKEY, {...(e as BlsError).detail, index});
    }
  });
  return blst.aggregatePublicKeys(points, false).toBytes(true);
}

/**
 * Spec function `eth_fast_aggregate_verify` (altair/bls.md, Extensions): `bls.FastAggregateVerify`,
 * except that no pubkeys with the G2 point at infinity as signature is valid. That is what a sync
 * aggregate with no participants carries. Returns false, never throws, on malformed input.
 */
export function ethFastAggregateVerify(
  pubkeys: readonly PublicKeyInput[],
  message: Uint8Array,
  signature: SignatureInput,
): boolean {
  if (pubkeys.length === 0) {
    const bytes = signature instanceof Signature ? signature.toBytes() : signature;
    return bytesEqual(bytes, G2_POINT_AT_INFINITY);
  }
  return fastAggregateVerify(pubkeys, message, signature);
}
