// The gate in front of every key: doppelganger protection first (a key being watched, or seen live
// elsewhere, signs nothing), then slashing protection for the two slashable messages. The record
// is durably written before the inner SignFn runs, so no signature can leave without it.
import type {BeaconConfig} from "@hearth/config";
import type {SlashingProtection} from "../slashingProtection/slashingProtection.js";
import type {SignFn} from "./signer.js";

/** What the signing path asks of doppelganger protection (DoppelgangerService implements it). */
export interface DoppelgangerGuard {
  /** Throws (DoppelgangerError) when `pubkey` may not sign now. */
  assertSigningAllowed(pubkey: Uint8Array): void;
}

export interface SigningGuards {
  slashingProtection: SlashingProtection;
  doppelganger?: DoppelgangerGuard;
}

/** `sign`, with every block and attestation checked and recorded first. */
export function guardSignFn(sign: SignFn, config: BeaconConfig, guards: SigningGuards): SignFn {
  const {slashingProtection, doppelganger} = guards;
  const gvr = config.genesisValidatorsRoot;
  return async (request) => {
    doppelganger?.assertSigningAllowed(request.pubkey);
    const {message, signingRoot, pubkey} = request;
    if (message.type === "block") {
      await slashingProtection.checkAndInsertBlockProposal(gvr, pubkey, message.block.slot, signingRoot);
    } else if (message.type === "attestation") {
      const {source, target} = message.data;
      await slashingProtection.checkAndInsertAttestation(gvr, pubkey, source.epoch, target.epoch, signingRoot);
    }
    return sign(request);
  };
}
