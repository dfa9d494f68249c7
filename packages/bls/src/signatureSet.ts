import * as blst from "@chainsafe/blst";
import {SIGNATURE_LENGTH} from "./constants.js";
import type {PublicKey} from "./publicKey.js";

/** One signer's signature over a signing root (e.g. a block proposal, a voluntary exit). */
export interface SingleSignatureSet {
  kind: "single";
  pubkey: PublicKey;
  /** The 32-byte `compute_signing_root` of the signed object. */
  signingRoot: Uint8Array;
  /** The 96 signature bytes as received: not yet decoded, so a batch can reject them cheaply. */
  signature: Uint8Array;
}

/** Several signers' aggregate signature over one signing root (e.g. an attestation, a sync aggregate). */
export interface AggregateSignatureSet {
  kind: "aggregate";
  pubkeys: PublicKey[];
  signingRoot: Uint8Array;
  signature: Uint8Array;
}

export type SignatureSet = SingleSignatureSet | AggregateSignatureSet;

/**
 * True when every set verifies. All sets are checked at once with a random linear combination
 * (blst draws a random scalar per set; https://ethresear.ch/t/fast-verification-of-multiple-bls-signatures/5407),
 * which shares the pairing work: one Miller loop per set plus one and a single final exponentiation,
 * instead of two Miller loops and a final exponentiation per set. The random scalars are what stop two
 * bad sets from cancelling each other out, as they could in a plain sum of signatures.
 *
 * Returns false, never throws, when any set is bad: malformed or out-of-subgroup signature bytes, an
 * aggregate set without pubkeys, or a signature that does not verify. An empty list is vacuously true.
 * Which set was bad is not reported; a caller that needs it re-verifies the sets one by one.
 */
export function verifySignatureSets(sets: readonly SignatureSet[]): boolean {
  if (sets.length === 0) return true;
  const batch: blst.SignatureSet[] = [];
  for (const set of sets) {
    const entry = toBlstSet(set);
    if (entry === null) return false;
    batch.push(entry);
  }
  try {
    // Pubkeys were KeyValidated when decoded; signatures were only parsed, so blst group-checks them.
    return blst.verifyMultipleAggregateSignatures(batch, false, true);
  } catch {
    return false;
  }
}

function toBlstSet(set: SignatureSet): blst.SignatureSet | null {
  if (set.signature.length !== SIGNATURE_LENGTH) return null;
  let sig: blst.Signature;
  try {
    // Parse only (on-curve); the batch call below does the costlier subgroup check.
    sig = blst.Signature.fromBytes(set.signature, false, false);
  } catch {
    return null;
  }
  const pk = setPublicKey(set);
  return pk === null ? null : {msg: set.signingRoot, pk, sig};
}

/**
 * The one key a set verifies against: the signer's, or for an aggregate set the sum of its keys
 * (FastAggregateVerify is plain verification against that sum). Null for an aggregate without keys.
 */
export function setPublicKey(set: SignatureSet): blst.PublicKey | null {
  if (set.kind === "single") return set.pubkey.native;
  if (set.pubkeys.length === 0) return null;
  return blst.aggregatePublicKeys(
    set.pubkeys.map((p) => p.native),
    false,
  );
}
