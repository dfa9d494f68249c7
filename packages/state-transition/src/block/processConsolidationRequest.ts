// process_consolidation_request (electra beacon-chain.md, EIP-7251): the execution layer asks to merge a
// source validator into a compounding target, or (source == target) to switch the source to a
// compounding credential. A request that does not qualify is ignored, never an error.
import {FAR_FUTURE_EPOCH, MIN_ACTIVATION_BALANCE, PENDING_CONSOLIDATIONS_LIMIT} from "@hearth/params";
import {electra} from "@hearth/types";
import type {ValueOf} from "@chainsafe/ssz";
import type {BeaconStateElectra, CachedBeaconState} from "../types.js";
import {getCurrentEpoch} from "../util/epoch.js";
import {
  hasCompoundingWithdrawalCredential,
  hasEth1WithdrawalCredential,
  hasExecutionWithdrawalCredential,
  isActiveValidator,
} from "../util/validator.js";
import {computeConsolidationEpochAndUpdateChurn, getConsolidationChurnLimit} from "../util/churn.js";
import {bytesEqual} from "../util/bytes.js";
import {getPendingBalanceToWithdraw, switchToCompoundingValidator} from "../util/electra.js";

type ConsolidationRequest = ValueOf<typeof electra.ConsolidationRequest>;

/** is_valid_switch_to_compounding_request */
export function isValidSwitchToCompoundingRequest(cs: CachedBeaconState, request: ConsolidationRequest): boolean {
  const state = cs.state as BeaconStateElectra;
  // Switch to compounding requires source and target be equal
  if (!bytesEqual(request.sourcePubkey, request.targetPubkey)) return false;
  const sourceIndex = cs.epochCtx.pubkeyCache.getIndex(state, request.sourcePubkey);
  if (sourceIndex === null) return false;
  const source = state.validators.getReadonly(sourceIndex);
  // Verify request has been authorized
  if (!bytesEqual(source.withdrawalCredentials.subarray(12), request.sourceAddress)) return false;
  if (!hasEth1WithdrawalCredential(source.withdrawalCredentials)) return false;
  if (!isActiveValidator(source, getCurrentEpoch(state))) return false;
  return source.exitEpoch === FAR_FUTURE_EPOCH;
}

/** process_consolidation_request */
export function processConsolidationRequest(cs: CachedBeaconState, request: ConsolidationRequest): void {
  const state = cs.state as BeaconStateElectra;
  const {pubkeyCache} = cs.epochCtx;

  if (isValidSwitchToCompoundingRequest(cs, request)) {
    switchToCompoundingValidator(state, pubkeyCache.getIndex(state, request.sourcePubkey) as number);
    return;
  }

  // Verify that source != target, so a consolidation cannot be used as an exit
  if (bytesEqual(request.sourcePubkey, request.targetPubkey)) return;
  if (state.pendingConsolidations.length === PENDING_CONSOLIDATIONS_LIMIT) return;
  // If there is too little available consolidation churn limit, consolidation requests are ignored
  if (getConsolidationChurnLimit(cs) <= MIN_ACTIVATION_BALANCE) return;

  const sourceIndex = pubkeyCache.getIndex(state, request.sourcePubkey);
  if (sourceIndex === null) return;
  const targetIndex = pubkeyCache.getIndex(state, request.targetPubkey);
  if (targetIndex === null) return;
  const source = state.validators.getReadonly(sourceIndex);
  const target = state.validators.getReadonly(targetIndex);

  // Verify source withdrawal credentials
  const hasCorrectCredential = hasExecutionWithdrawalCredential(source.withdrawalCredentials);
  const isCorrectSourceAddress = bytesEqual(source.withdrawalCredentials.subarray(12), request.sourceAddress);
  if (!(hasCorrectCredential && isCorrectSourceAddress)) return;
  if (!hasCompoundingWithdrawalCredential(target.withdrawalCredentials)) return;

  const currentEpoch = getCurrentEpoch(state);
  if (!isActiveValidator(source, currentEpoch) || !isActiveValidator(target, currentEpoch)) return;
  if (source.exitEpoch !== FAR_FUTURE_EPOCH || target.exitEpoch !== FAR_FUTURE_EPOCH) return;
  // Verify the source has been active long enough
  if (currentEpoch < source.activationEpoch + cs.config.SHARD_COMMITTEE_PERIOD) return;
  // Verify the source has no pending withdrawals in the queue
  if (getPendingBalanceToWithdraw(state, sourceIndex) > 0) return;

  // Initiate source validator exit and append pending consolidation
  const exitEpoch = computeConsolidationEpochAndUpdateChurn(cs, source.effectiveBalance);
  const sourceMutable = state.validators.get(sourceIndex);
  sourceMutable.exitEpoch = exitEpoch;
  sourceMutable.withdrawableEpoch = exitEpoch + cs.config.MIN_VALIDATOR_WITHDRAWABILITY_DELAY;
  state.pendingConsolidations.push(electra.PendingConsolidation.toViewDU({sourceIndex, targetIndex}));
}
