import * as blst from "@chainsafe/blst";
import {BlsError, BlsErrorCode} from "./errors.js";
import {PublicKey} from "./publicKey.js";
import {Signature} from "./signature.js";

/**
 * `bls.Aggregate` of phase0 beacon-chain.md "BLS signatures": the point sum of the signatures.
 * Throws `BlsError` EMPTY_AGGREGATE for an empty list, which the IETF draft leaves undefined.
 */
export function aggregateSignatures(signatures: readonly Signature[]): Signature {
  if (signatures.length === 0) throw new BlsError(BlsErrorCode.EMPTY_AGGREGATE);
  // Each Signature was subgroup-checked when decoded, so no group check again here.
  return new Signature(blst.aggregateSignatures(signatures.map((s) => s.native), false));
}

/**
 * The point sum of already validated public keys, e.g. a committee's keys for one FastAggregateVerify.
 * Throws `BlsError` EMPTY_AGGREGATE for an empty list.
 */
export function aggregatePublicKeys(pubkeys: readonly PublicKey[]): PublicKey {
  if (pubkeys.length === 0) throw new BlsError(BlsErrorCode.EMPTY_AGGREGATE);
  return new PublicKey(blst.aggregatePublicKeys(pubkeys.map((p) => p.native), false));
}
