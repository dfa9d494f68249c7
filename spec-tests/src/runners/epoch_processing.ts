// epoch_processing: one sub-transition of process_epoch on a pre state (tests/formats/epoch_processing).
// Each handler is the step's name without `process_`; no post state means the step must throw.
import * as st from "@hearth/state-transition";
import type {CachedBeaconState} from "@hearth/state-transition";
import type {RunnerBinding} from "../types.js";
import {hasFile} from "../util/files.js";
import {expectState, hasPost, loadState, runPrePost} from "../util/state.js";

const STEPS: Record<string, (cs: CachedBeaconState) => void> = {
  justification_and_finalization: (cs) => st.processJustificationAndFinalization(cs),
  inactivity_updates: (cs) => st.processInactivityUpdates(cs),
  rewards_and_penalties: (cs) => st.processRewardsAndPenalties(cs),
  registry_updates: (cs) => st.processRegistryUpdates(cs),
  slashings: (cs) => st.processSlashings(cs),
  eth1_data_reset: (cs) => st.processEth1DataReset(cs),
  pending_deposits: (cs) => st.processPendingDeposits(cs),
  pending_consolidations: (cs) => st.processPendingConsolidations(cs),
  effective_balance_updates: (cs) => st.processEffectiveBalanceUpdates(cs),
  slashings_reset: (cs) => st.processSlashingsReset(cs),
  randao_mixes_reset: (cs) => st.processRandaoMixesReset(cs),
  historical_roots_update: (cs) => st.processHistoricalRootsUpdate(cs),
  historical_summaries_update: (cs) => st.processHistoricalSummariesUpdate(cs),
  participation_record_updates: (cs) => st.processParticipationRecordUpdates(cs),
  participation_flag_updates: (cs) => st.processParticipationFlagUpdates(cs),
  sync_committee_updates: (cs) => st.processSyncCommitteeUpdates(cs),
  proposer_lookahead: (cs) => st.processProposerLookahead(cs),
};

/**
 * Both conditions of the format: the step alone on `pre`, and, where the case has them, the whole
 * process_epoch on `pre_epoch` against `post_epoch`, which checks that the steps share their
 * epoch transition cache correctly.
 */
export const epochProcessing: RunnerBinding = {
  handler(handler) {
    const step = STEPS[handler];
    if (!step) return null;
    return (c) => {
      runPrePost(c, step);
      if (hasFile(c.dir, "pre_epoch.ssz_snappy") && hasPost(c, "post_epoch")) {
        const cs = loadState(c, "pre_epoch");
        st.processEpoch(cs);
        expectState(cs, c, "post_epoch");
      }
    };
  },
};
