// Builder registrations (builder-specs validator.md, "Validator registration"): a signed
// ValidatorRegistrationV1 per key, sent each epoch through register_validator. A registration is
// signed once and sent again unchanged (same timestamp) until the key's fee recipient or gas limit
// changes: builders keep the newest by timestamp, and re-signing every epoch would cost a signature
// per key per epoch for nothing.
import {bytesEqual, toHex} from "@hearth/config";
import type {SignedValidatorRegistration} from "@hearth/api";
import type {Signer} from "../signer/signer.js";
import type {ProposerPreferences} from "./proposerPreferences.js";

export class ValidatorRegistrations {
  private readonly signed = new Map<string, SignedValidatorRegistration>();

  constructor(
    private readonly preferences: ProposerPreferences,
    /** Unix seconds. */
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  /**
   * The registration of every key in `signers` that has a fee recipient, signed where new or
   * changed. A key whose signature fails (doppelganger watch, remote signer down) is left out and
   * reported in `failed`, so that one key never holds back the others.
   */
  async registrationsFor(signers: readonly Signer[]): Promise<{registrations: SignedValidatorRegistration[]; failed: {pubkey: string; error: Error}[]}> {
    const registrations: SignedValidatorRegistration[] = [];
    const failed: {pubkey: string; error: Error}[] = [];
    await Promise.all(
      signers.map(async (signer) => {
        const key = toHex(signer.pubkey);
        const feeRecipient = this.preferences.feeRecipient(signer.pubkey);
        if (feeRecipient === null) return;
        const gasLimit = this.preferences.gasLimit(signer.pubkey);
        const known = this.signed.get(key);
        if (known !== undefined && known.message.gasLimit === gasLimit && bytesEqual(known.message.feeRecipient, feeRecipient)) {
          registrations.push(known);
          return;
        }
        const message = {feeRecipient, gasLimit, timestamp: this.nowSeconds(), pubkey: signer.pubkey};
        try {
          const registration = {message, signature: await signer.signValidatorRegistration(message)};
          this.signed.set(key, registration);
          registrations.push(registration);
        } catch (e) {
          failed.push({pubkey: key, error: e as Error});
        }
      }),
    );
    return {registrations, failed};
  }
}
