// process_attestation of every fork: the checks they share, then the fork's bookkeeping (phase0
// pending attestations, altair+ participation flags).
import {ForkSeq} from "@hearth/params";
import type {CachedBeaconState} from "../types.js";
import type {AttestationAllForks} from "../util/attestation.js";
import {processAttestationPhase0} from "./processAttestationPhase0.js";
import {processAttestationAltair} from "./processAttestationAltair.js";

/** process_attestation: phase0, altair (bellatrix, capella unchanged), deneb (EIP-7045), electra (EIP-7549); fulu as electra. */
export function processAttestation(cs: CachedBeaconState, attestation: AttestationAllForks, verifySignatures = true): void {
  if (ForkSeq[cs.fork] >= ForkSeq.altair) processAttestationAltair(cs, attestation, verifySignatures);
  else processAttestationPhase0(cs, attestation, verifySignatures);
}
