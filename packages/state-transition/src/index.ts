export * from "./types.js";
export type {BeaconBlockAllForks, SignedBeaconBlockAllForks} from "./block/types.js";
export {computeShuffledIndex, shuffleList} from "./util/shuffle.js";
export {EpochContext, createEpochContext} from "./cache/epochContext.js";
export {PubkeyCache} from "./cache/pubkeyCache.js";
export type {EpochShuffling} from "./cache/shuffling.js";
export {createCachedBeaconState, loadCachedBeaconState} from "./cache/cachedState.js";
export {stateTransition, verifyBlockSignature, cloneCachedState, StateTransitionError, StateTransitionErrorCode} from "./stateTransition.js";
export {processSlots} from "./slot/processSlots.js";
export {processSlot} from "./slot/processSlot.js";
export {processBlock} from "./block/processBlock.js";
export {upgradeStateToFork} from "./upgrade/upgradeState.js";
export * as util from "./util/index.js";
export * from "./genesis/index.js";
// Execution-layer block processing: payloads, withdrawals, address changes, electra's requests.
export {
  processExecutionPayload,
  isExecutionEnabled,
  isMergeTransitionComplete,
  isMergeTransitionBlock,
  computeTimeAtSlot,
  kzgCommitmentToVersionedHash,
  getExecutionRequestsList,
} from "./block/processExecutionPayload.js";
export {processWithdrawals, getExpectedWithdrawals, type ExpectedWithdrawals} from "./block/processWithdrawals.js";
export {processBlsToExecutionChange} from "./block/processBlsToExecutionChange.js";
export {processDepositRequest} from "./block/processDepositRequest.js";
export {processWithdrawalRequest} from "./block/processWithdrawalRequest.js";
export {processConsolidationRequest, isValidSwitchToCompoundingRequest} from "./block/processConsolidationRequest.js";
// Core block processing: header, RANDAO, eth1 votes, operations, sync aggregate.
export {processBlockHeader} from "./block/processBlockHeader.js";
export {processRandao} from "./block/processRandao.js";
export {processEth1Data} from "./block/processEth1Data.js";
export {processOperations, getExpectedDepositCount} from "./block/processOperations.js";
export {processProposerSlashing} from "./block/processProposerSlashing.js";
export {processAttesterSlashing} from "./block/processAttesterSlashing.js";
export {processAttestation} from "./block/processAttestation.js";
export {getAttestationParticipationFlags, getBlockRoot, getBlockRootAtSlot} from "./block/processAttestationAltair.js";
export {processDeposit, applyDeposit} from "./block/processDeposit.js";
export {processVoluntaryExit, getPendingBalanceToWithdraw} from "./block/processVoluntaryExit.js";
export {processSyncAggregate, getSyncCommitteeIndices} from "./block/processSyncAggregate.js";
export {getBaseRewardPerIncrement, integerSquareRoot} from "./block/baseReward.js";
export {isValidMerkleBranch, computeMerkleBranchRoot} from "./block/isValidMerkleBranch.js";
// Epoch processing: process_epoch, its steps, the rewards deltas, sync committee sampling.
export * from "./epoch/index.js";
export * from "./signatureSets/index.js";
export * as lightClient from "./lightClient/index.js";
