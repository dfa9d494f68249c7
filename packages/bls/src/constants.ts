/** Sizes of the serialized forms the consensus spec uses (compressed points, big-endian scalar). */
export const SECRET_KEY_LENGTH = 32;
export const PUBLIC_KEY_LENGTH = 48;
export const SIGNATURE_LENGTH = 96;

/**
 * The compressed G2 point at infinity: the only signature `eth_fast_aggregate_verify` accepts for an
 * empty pubkey list (altair/bls.md, Constants: G2_POINT_AT_INFINITY).
 */
export const G2_POINT_AT_INFINITY: Uint8Array = Uint8Array.from([0xc0, ...new Array<number>(SIGNATURE_LENGTH - 1).fill(0)]);

/** The compressed G1 point at infinity. KeyValidate rejects it as a public key. */
export const G1_POINT_AT_INFINITY: Uint8Array = Uint8Array.from([0xc0, ...new Array<number>(PUBLIC_KEY_LENGTH - 1).fill(0)]);
