// Epoch processing's surface: process_epoch, each step (the epoch_processing spec tests run them one
// by one), and the per-component reward deltas (the rewards spec tests compare them).
export {processEpoch} from "./processEpoch.js";
export {beforeProcessEpoch, type EpochTransitionCache} from "./epochTransitionCache.js";
export {processJustificationAndFinalization, weighJustificationAndFinalization} from "./processJustificationAndFinalization.js";
export {processInactivityUpdates, isInInactivityLeak, getFinalityDelay} from "./processInactivityUpdates.js";
export {processRewardsAndPenalties} from "./processRewardsAndPenalties.js";
export {
  getAttestationDeltas,
  getSourceDeltas,
  getTargetDeltas,
  getHeadDeltas,
  getInclusionDelayDeltas,
  getInactivityPenaltyDeltasPhase0,
} from "./getAttestationDeltas.js";
export {getFlagIndexDeltas, getInactivityPenaltyDeltas} from "./getFlagIndexDeltas.js";
export type {Deltas} from "./rewardsMath.js";
export {processRegistryUpdates} from "./processRegistryUpdates.js";
export {processSlashings} from "./processSlashings.js";
export {processEth1DataReset} from "./processEth1DataReset.js";
export {processPendingDeposits, applyPendingDeposit} from "./processPendingDeposits.js";
export {processPendingConsolidations} from "./processPendingConsolidations.js";
export {processEffectiveBalanceUpdates} from "./processEffectiveBalanceUpdates.js";
export {processSlashingsReset} from "./processSlashingsReset.js";
export {processRandaoMixesReset} from "./processRandaoMixesReset.js";
export {processHistoricalRootsUpdate} from "./processHistoricalRootsUpdate.js";
export {processHistoricalSummariesUpdate} from "./processHistoricalSummariesUpdate.js";
export {processParticipationRecordUpdates} from "./processParticipationRecordUpdates.js";
export {processParticipationFlagUpdates} from "./processParticipationFlagUpdates.js";
export {processSyncCommitteeUpdates} from "./processSyncCommitteeUpdates.js";
export {processProposerLookahead} from "./processProposerLookahead.js";
export {getNextSyncCommittee, getNextSyncCommitteeIndices} from "../util/syncCommittee.js";
