// What each key asks for when it proposes: the fee recipient (prepare_beacon_proposer and
// register_validator), the gas limit (register_validator) and the graffiti (produceBlockV3). The
// keymanager sets them per key (ProposerSettings); a key without its own value uses the process-wide
// default (--suggestedFeeRecipient, --graffiti, DEFAULT_GAS_LIMIT).

/** The gas limit a key registers with builders unless told otherwise. */
export const DEFAULT_GAS_LIMIT = 60_000_000;

export interface ProposerPreferences {
  /** 20 bytes; null: announce none, so the beacon node's own default applies. */
  feeRecipient(pubkey: Uint8Array): Uint8Array | null;
  gasLimit(pubkey: Uint8Array): number;
  /** 32 bytes; undefined: the beacon node's choice. */
  graffiti(pubkey: Uint8Array): Uint8Array | undefined;
}

/** Graffiti as the block carries it: up to 32 bytes (or a UTF-8 string of at most 32), zero-padded. */
export function graffitiBytes(graffiti: Uint8Array | string | undefined): Uint8Array | undefined {
  if (graffiti === undefined) return undefined;
  const bytes = typeof graffiti === "string" ? new TextEncoder().encode(graffiti) : graffiti;
  if (bytes.length > 32) throw new Error(`graffiti is ${bytes.length} bytes, at most 32 allowed`);
  const out = new Uint8Array(32);
  out.set(bytes);
  return out;
}

/** The same preferences for every key. */
export function fixedProposerPreferences(opts: {feeRecipient?: Uint8Array; graffiti?: Uint8Array | string; gasLimit?: number}): ProposerPreferences {
  if (opts.feeRecipient !== undefined && opts.feeRecipient.length !== 20) throw new Error(`a fee recipient has 20 bytes, got ${opts.feeRecipient.length}`);
  const graffiti = graffitiBytes(opts.graffiti);
  const gasLimit = opts.gasLimit ?? DEFAULT_GAS_LIMIT;
  return {
    feeRecipient: () => opts.feeRecipient ?? null,
    gasLimit: () => gasLimit,
    graffiti: () => graffiti,
  };
}
