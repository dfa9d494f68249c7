// process_operations of each fork: phase0 (altair, bellatrix unchanged), capella (+ BLS-to-execution
// changes), electra (deposits end at deposit_requests_start_index; + execution requests), fulu
// (no deposits at all).
import {ForkSeq, MAX_DEPOSITS} from "@hearth/params";
import type {ValueOf} from "@chainsafe/ssz";
import type {capella, electra} from "@hearth/types";
import type {BeaconStateElectra, BeaconStatePostAltair, CachedBeaconState, TransitionOptions} from "../types.js";
import {withAllListNodesLoaded} from "../util/loadListNodes.js";
import type {AttestationAllForks} from "../util/attestation.js";
import {processProposerSlashing, type ProposerSlashing} from "./processProposerSlashing.js";
import {processAttesterSlashing, type AttesterSlashingAllForks} from "./processAttesterSlashing.js";
import {processAttestation} from "./processAttestation.js";
import {processDeposit, type Deposit} from "./processDeposit.js";
import {processVoluntaryExit, type SignedVoluntaryExit} from "./processVoluntaryExit.js";
import {processBlsToExecutionChange} from "./processBlsToExecutionChange.js";
import {processDepositRequest} from "./processDepositRequest.js";
import {processWithdrawalRequest} from "./processWithdrawalRequest.js";
import {processConsolidationRequest} from "./processConsolidationRequest.js";

/** The operation lists of any fork's block body; which exist is decided by the fork. */
export interface BlockBodyOperations {
  proposerSlashings: ProposerSlashing[];
  attesterSlashings: AttesterSlashingAllForks[];
  attestations: AttestationAllForks[];
  deposits: Deposit[];
  voluntaryExits: SignedVoluntaryExit[];
  blsToExecutionChanges?: ValueOf<typeof capella.SignedBLSToExecutionChange>[];
  executionRequests?: ValueOf<typeof electra.ExecutionRequests>;
}

/** process_operations */
export function processOperations(cs: CachedBeaconState, body: BlockBodyOperations, opts: TransitionOptions = {}): void {
  const seq = ForkSeq[cs.fork];
  const verifySignatures = opts.verifySignatures ?? true;
  const expectedDeposits = getExpectedDepositCount(cs);
  if (body.deposits.length !== expectedDeposits) {
    throw new Error(`process_operations: block has ${body.deposits.length} deposits, expected ${expectedDeposits}`);
  }

  for (const op of body.proposerSlashings) processProposerSlashing(cs, op, verifySignatures);
  for (const op of body.attesterSlashings) processAttesterSlashing(cs, op, verifySignatures);
  if (seq >= ForkSeq.altair && body.attestations.length > 0) loadParticipationNodes(cs.state as BeaconStatePostAltair);
  for (const op of body.attestations) processAttestation(cs, op, verifySignatures);
  for (const op of body.deposits) processDeposit(cs, op);
  for (const op of body.voluntaryExits) processVoluntaryExit(cs, op, verifySignatures);
  if (seq >= ForkSeq.capella) {
    for (const op of body.blsToExecutionChanges ?? []) processBlsToExecutionChange(cs, op, verifySignatures);
  }
  if (seq >= ForkSeq.electra) {
    const requests = body.executionRequests;
    if (!requests) throw new Error("process_operations: block body without execution_requests");
    for (const op of requests.deposits) processDepositRequest(cs, op);
    for (const op of requests.withdrawals) processWithdrawalRequest(cs, op);
    for (const op of requests.consolidations) processConsolidationRequest(cs, op);
  }
}

/**
 * How many deposits the block must carry: every outstanding one up to MAX_DEPOSITS. Electra stops
 * the former mechanism at deposit_requests_start_index (EIP-6110); fulu has none left.
 */
export function getExpectedDepositCount(cs: CachedBeaconState): number {
  const seq = ForkSeq[cs.fork];
  if (seq >= ForkSeq.fulu) return 0;
  const {state} = cs;
  let limit = state.eth1Data.depositCount;
  if (seq >= ForkSeq.electra) {
    const startIndex = (state as BeaconStateElectra).depositRequestsStartIndex;
    if (startIndex < BigInt(limit)) limit = Number(startIndex);
  }
  if (state.eth1DepositIndex >= limit) {
    // Before electra the spec's uint64 subtraction would underflow: no block is valid on such a state.
    if (seq < ForkSeq.electra && state.eth1DepositIndex > limit) throw new Error("process_operations: eth1_deposit_index beyond deposit_count");
    return 0;
  }
  return Math.min(MAX_DEPOSITS, limit - state.eth1DepositIndex);
}

/** Readies the participation lists for the scattered flag updates of a block's attestations. */
function loadParticipationNodes(state: BeaconStatePostAltair): void {
  state.previousEpochParticipation = withAllListNodesLoaded(state.previousEpochParticipation);
  state.currentEpochParticipation = withAllListNodesLoaded(state.currentEpochParticipation);
}
