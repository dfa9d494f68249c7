import {
  processAttestation,
  processAttesterSlashing,
  processBlockHeader,
  processDeposit,
  processProposerSlashing,
  processSyncAggregate,
  processVoluntaryExit,
} from "@hearth/state-transition";
import type {OperationHandler} from "./types.js";

/** block_header, attestation, slashings, deposit, voluntary_exit, sync_aggregate. */
export const coreOperations: Record<string, OperationHandler> = {
  block_header: {input: "block", type: "BeaconBlock", run: (cs, block) => processBlockHeader(cs, block)},
  attestation: {input: "attestation", type: "Attestation", run: (cs, op, _c, verify) => processAttestation(cs, op, verify)},
  attester_slashing: {
    input: "attester_slashing",
    type: "AttesterSlashing",
    run: (cs, op, _c, verify) => processAttesterSlashing(cs, op, verify),
  },
  proposer_slashing: {
    input: "proposer_slashing",
    type: "ProposerSlashing",
    run: (cs, op, _c, verify) => processProposerSlashing(cs, op, verify),
  },
  // Deposits carry their own proof of possession, checked whatever the bls_setting: a bad one skips the deposit.
  deposit: {input: "deposit", type: "Deposit", run: (cs, op) => processDeposit(cs, op)},
  voluntary_exit: {input: "voluntary_exit", type: "SignedVoluntaryExit", run: (cs, op, _c, verify) => processVoluntaryExit(cs, op, verify)},
  sync_aggregate: {
    input: "sync_aggregate",
    type: "SyncAggregate",
    since: "altair",
    run: (cs, op, _c, verify) => processSyncAggregate(cs, op, verify),
  },
};
