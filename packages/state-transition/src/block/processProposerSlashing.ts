import {DOMAIN_BEACON_PROPOSER} from "@hearth/params";
import {phase0} from "@hearth/types";
import {computeSigningRoot} from "@hearth/config";
import {verifySignatureSets, type SignatureSet} from "@hearth/bls";
import type {ValueOf} from "@chainsafe/ssz";
import type {CachedBeaconState} from "../types.js";
import {computeEpochAtSlot, getCurrentEpoch} from "../util/epoch.js";
import {getDomain} from "../util/domain.js";
import {isSlashableValidator} from "../util/validator.js";
import {slashValidator} from "../util/slash.js";

export type ProposerSlashing = ValueOf<typeof phase0.ProposerSlashing>;

/** process_proposer_slashing (phase0 beacon-chain.md "Proposer slashings"); unchanged through fulu. */
export function processProposerSlashing(cs: CachedBeaconState, proposerSlashing: ProposerSlashing, verifySignatures = true): void {
  const {state} = cs;
  const header1 = proposerSlashing.signedHeader1.message;
  const header2 = proposerSlashing.signedHeader2.message;
  if (header1.slot !== header2.slot) throw new Error("process_proposer_slashing: header slots differ");
  if (header1.proposerIndex !== header2.proposerIndex) throw new Error("process_proposer_slashing: header proposer indices differ");
  if (phase0.BeaconBlockHeader.equals(header1, header2)) throw new Error("process_proposer_slashing: headers are equal");
  const index = header1.proposerIndex;
  if (index >= state.validators.length) throw new Error(`process_proposer_slashing: unknown validator ${index}`);
  if (!isSlashableValidator(state.validators.getReadonly(index), getCurrentEpoch(state))) {
    throw new Error(`process_proposer_slashing: validator ${index} is not slashable`);
  }
  if (verifySignatures) {
    const pubkey = cs.epochCtx.pubkeyCache.getPubkey(index);
    const sets: SignatureSet[] = [proposerSlashing.signedHeader1, proposerSlashing.signedHeader2].map((signed) => ({
      kind: "single",
      pubkey,
      signingRoot: computeSigningRoot(
        phase0.BeaconBlockHeader,
        signed.message,
        getDomain(state, DOMAIN_BEACON_PROPOSER, computeEpochAtSlot(signed.message.slot))
      ),
      signature: signed.signature,
    }));
    if (!verifySignatureSets(sets)) throw new Error("process_proposer_slashing: invalid header signature");
  }
  slashValidator(cs, index);
}
