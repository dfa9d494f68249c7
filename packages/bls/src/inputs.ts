import type * as blst from "@chainsafe/blst";
import {PublicKey} from "./publicKey.js";
import {Signature} from "./signature.js";

/** A public key either already decoded (and validated) or as its 48 compressed bytes. */
export type PublicKeyInput = PublicKey | Uint8Array;
/** A signature either already decoded (and subgroup-checked) or as its 96 compressed bytes. */
export type SignatureInput = Signature | Uint8Array;

// Verify functions answer "is this a valid signature?"; malformed input is simply "no", so these
// decoders turn a decoding error into null instead of letting it escape.

export function tryPublicKey(input: PublicKeyInput): blst.PublicKey | null {
  if (input instanceof PublicKey) return input.native;
  try {
    return PublicKey.fromBytes(input).native;
  } catch {
    return null;
  }
}

export function tryPublicKeys(inputs: readonly PublicKeyInput[]): blst.PublicKey[] | null {
  const out: blst.PublicKey[] = [];
  for (const input of inputs) {
    const pk = tryPublicKey(input);
    if (pk === null) return null;
    out.push(pk);
  }
  return out;
}

export function trySignature(input: SignatureInput): blst.Signature | null {
  if (input instanceof Signature) return input.native;
  try {
    return Signature.fromBytes(input).native;
  } catch {
    return null;
  }
}
