// process_epoch of each fork (phase0, altair, capella, electra, fulu beacon-chain.md "Epoch processing"),
// step by step in the spec's order. The registry is read once, into the epoch transition cache, and
// the steps share it.
import {ForkSeq, MIN_SEED_LOOKAHEAD} from "@hearth/params";
import type {CachedBeaconState} from "../types.js";
import {beforeProcessEpoch} from "./epochTransitionCache.js";
import {processJustificationAndFinalization} from "./processJustificationAndFinalization.js";
import {processInactivityUpdates} from "./processInactivityUpdates.js";
import {processRewardsAndPenalties} from "./processRewardsAndPenalties.js";
import {processRegistryUpdates} from "./processRegistryUpdates.js";
import {processSlashings} from "./processSlashings.js";
import {processEth1DataReset} from "./processEth1DataReset.js";
import {processPendingDeposits} from "./processPendingDeposits.js";
import {processPendingConsolidations} from "./processPendingConsolidations.js";
import {processEffectiveBalanceUpdates} from "./processEffectiveBalanceUpdates.js";
import {processSlashingsReset} from "./processSlashingsReset.js";
import {processRandaoMixesReset} from "./processRandaoMixesReset.js";
import {processHistoricalRootsUpdate} from "./processHistoricalRootsUpdate.js";
import {processHistoricalSummariesUpdate} from "./processHistoricalSummariesUpdate.js";
import {processParticipationRecordUpdates} from "./processParticipationRecordUpdates.js";
import {processParticipationFlagUpdates} from "./processParticipationFlagUpdates.js";
import {processSyncCommitteeUpdates} from "./processSyncCommitteeUpdates.js";
import {processProposerLookahead} from "./processProposerLookahead.js";
import {startEpochSampling} from "./parallelSampling.js";
import {computeEpochShuffling, epochShufflingFromShuffled, type EpochShuffling} from "../cache/shuffling.js";
import {getCurrentEpoch} from "../util/epoch.js";

/**
 * The committees of epoch current + MIN_SEED_LOOKAHEAD + 1, which the cache of the epoch about to
 * start holds as its "next" shuffling. Called after the slot has advanced; it waits for a worker
 * that is still shuffling.
 */
export type NextEpochShuffling = () => EpochShuffling;

/** process_epoch, at the last slot of an epoch (processSlots calls it before the slot advances). */
export function processEpoch(cs: CachedBeaconState): NextEpochShuffling {
  const seq = ForkSeq[cs.fork];
  const cache = beforeProcessEpoch(cs);
  // The sampling hashes of the sync committee and the proposer lookahead, and the shuffle of the
  // epoch after next, run on a second thread meanwhile (large registries only).
  const sampling = startEpochSampling(cs, cache);
  const lookaheadEpoch = getCurrentEpoch(cs.state) + MIN_SEED_LOOKAHEAD + 1;
  const lookaheadActive = cache.lookaheadActiveIndices;
  const state = cs.state;
  processJustificationAndFinalization(cs, cache);
  if (seq >= ForkSeq.altair) processInactivityUpdates(cs, cache);
  processRewardsAndPenalties(cs, cache);
  processRegistryUpdates(cs, cache);
  processSlashings(cs, cache);
  processEth1DataReset(cs);
  if (seq >= ForkSeq.electra) {
    processPendingDeposits(cs, cache);
    processPendingConsolidations(cs, cache);
  }
  processEffectiveBalanceUpdates(cs, cache);
  processSlashingsReset(cs);
  processRandaoMixesReset(cs);
  if (seq >= ForkSeq.capella) processHistoricalSummariesUpdate(cs);
  else processHistoricalRootsUpdate(cs);
  if (seq >= ForkSeq.altair) {
    processParticipationFlagUpdates(cs);
    processSyncCommitteeUpdates(cs, sampling);
  } else {
    processParticipationRecordUpdates(cs);
  }
  if (seq >= ForkSeq.fulu) processProposerLookahead(cs, cache, sampling);
  return () => {
    const shuffled = sampling?.lookaheadShuffling();
    return shuffled
      ? epochShufflingFromShuffled(lookaheadActive, shuffled, lookaheadEpoch)
      : computeEpochShuffling(state, lookaheadActive, lookaheadEpoch);
  };
}
