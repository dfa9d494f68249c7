import {phase0} from "@hearth/types";
import type {CachedBeaconState, BeaconStatePhase0} from "../types.js";
import {getCurrentEpoch} from "../util/epoch.js";
import {bytesEqual} from "../util/bytes.js";
import {getBeaconProposerIndex} from "../util/proposer.js";
import type {AttestationAllForks} from "../util/attestation.js";
import {assertValidAttestationSignature, validateAttestation} from "./validateAttestation.js";

/** process_attestation (phase0 beacon-chain.md "Attestations"): records a PendingAttestation for epoch processing. */
export function processAttestationPhase0(cs: CachedBeaconState, attestation: AttestationAllForks, verifySignatures: boolean): void {
  const state = cs.state as BeaconStatePhase0;
  const attesting = validateAttestation(cs, attestation);
  const {data} = attestation;
  const pending = phase0.PendingAttestation.toViewDU({
    aggregationBits: attestation.aggregationBits,
    data,
    inclusionDelay: state.slot - data.slot,
    proposerIndex: getBeaconProposerIndex(cs),
  });
  const isCurrent = data.target.epoch === getCurrentEpoch(state);
  const justified = isCurrent ? state.currentJustifiedCheckpoint : state.previousJustifiedCheckpoint;
  if (data.source.epoch !== justified.epoch || !bytesEqual(data.source.root, justified.root)) {
    throw new Error(`process_attestation: source does not match the ${isCurrent ? "current" : "previous"} justified checkpoint`);
  }
  assertValidAttestationSignature(cs, attestation, attesting, verifySignatures);
  if (isCurrent) state.currentEpochAttestations.push(pending);
  else state.previousEpochAttestations.push(pending);
}
