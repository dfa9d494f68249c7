import * as blst from "@chainsafe/blst";
import {type PublicKeyInput, type SignatureInput, tryPublicKey, tryPublicKeys, trySignature} from "./inputs.js";

// Keys and signatures reaching blst below are already KeyValidated / subgroup-checked by decoding, so
// blst is told not to repeat those checks. Each function returns false, never throws, on bad input.

/** `bls.Verify` of phase0 beacon-chain.md "BLS signatures" (IETF BLS draft-04, POP ciphersuite). */
export function verify(pubkey: PublicKeyInput, message: Uint8Array, signature: SignatureInput): boolean {
  const pk = tryPublicKey(pubkey);
  const sig = trySignature(signature);
  if (pk === null || sig === null) return false;
  try {
    return blst.verify(message, pk, sig, false, false);
  } catch {
    return false;
  }
}

/**
 * `bls.AggregateVerify` of phase0 beacon-chain.md "BLS signatures": `signature` is the aggregate of
 * one signature per (pubkey, message) pair. False for no pairs or a pubkey/message count mismatch.
 */
export function aggregateVerify(
  pubkeys: readonly PublicKeyInput[],
  messages: readonly Uint8Array[],
  signature: SignatureInput,
): boolean {
  if (pubkeys.length === 0 || pubkeys.length !== messages.length) return false;
  const pks = tryPublicKeys(pubkeys);
  const sig = trySignature(signature);
  if (pks === null || sig === null) return false;
  try {
    return blst.aggregateVerify([...messages], pks, sig, false, false);
  } catch {
    return false;
  }
}

/**
 * `bls.FastAggregateVerify` of phase0 beacon-chain.md "BLS signatures": every pubkey signed the same
 * message. Sound only because the POP scheme makes each key prove possession at deposit. False for an
 * empty pubkey list (see `ethFastAggregateVerify` for the Altair exception).
 */
export function fastAggregateVerify(
  pubkeys: readonly PublicKeyInput[],
  message: Uint8Array,
  signature: SignatureInput,
): boolean {
  if (pubkeys.length === 0) return false;
  const pks = tryPublicKeys(pubkeys);
  const sig = trySignature(signature);
  if (pks === null || sig === null) return false;
  try {
    return blst.fastAggregateVerify(message, pks, sig, false);
  } catch {
    return false;
  }
}
