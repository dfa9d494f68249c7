import {SLOTS_PER_EPOCH, SLOTS_PER_HISTORICAL_ROOT} from "@hearth/params";
import {capella} from "@hearth/types";
import type {BeaconStateCapella, CachedBeaconState} from "../types.js";
import {getCurrentEpoch} from "../util/epoch.js";

/** process_historical_summaries_update (capella): replaces the historical roots accumulator. */
export function processHistoricalSummariesUpdate(cs: CachedBeaconState): void {
  const state = cs.state as BeaconStateCapella;
  const nextEpoch = getCurrentEpoch(state) + 1;
  if (nextEpoch % (SLOTS_PER_HISTORICAL_ROOT / SLOTS_PER_EPOCH) !== 0) return;
  state.historicalSummaries.push(
    capella.HistoricalSummary.toViewDU({
      blockSummaryRoot: state.blockRoots.hashTreeRoot(),
      stateSummaryRoot: state.stateRoots.hashTreeRoot(),
    })
  );
}
