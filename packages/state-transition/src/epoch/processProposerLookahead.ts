import {MIN_SEED_LOOKAHEAD, SLOTS_PER_EPOCH} from "@hearth/params";
import type {BeaconStateFulu, CachedBeaconState} from "../types.js";
import {getCurrentEpoch} from "../util/epoch.js";
import {computeProposers} from "../cache/proposers.js";
import {beforeProcessEpoch, type EpochTransitionCache} from "./epochTransitionCache.js";
import type {EpochSampling} from "./parallelSampling.js";

/**
 * process_proposer_lookahead (fulu, EIP-7917): drops the first epoch of the lookahead and appends
 * the proposers of epoch current + MIN_SEED_LOOKAHEAD + 1 (get_beacon_proposer_indices), sampled by
 * the effective balances that process_effective_balance_updates has just set.
 */
export function processProposerLookahead(cs: CachedBeaconState, cache?: EpochTransitionCache, parallel?: EpochSampling | null): void {
  const state = cs.state as BeaconStateFulu;
  const epoch = getCurrentEpoch(state) + MIN_SEED_LOOKAHEAD + 1;
  const c = cache ?? beforeProcessEpoch(cs);
  const active = c.lookaheadActiveIndices;
  // A worker started by process_epoch may have the shuffled indices of the candidates already.
  const samplers = parallel?.proposerSamplers(epoch);
  const proposers = computeProposers(cs.fork, state, epoch, active, cs.epochCtx.effectiveBalanceIncrements, samplers);
  const lookahead = state.proposerLookahead.getAll();
  const lastEpochStart = lookahead.length - SLOTS_PER_EPOCH;
  for (let i = 0; i < lastEpochStart; i++) state.proposerLookahead.set(i, lookahead[i + SLOTS_PER_EPOCH]);
  for (let i = 0; i < SLOTS_PER_EPOCH; i++) state.proposerLookahead.set(lastEpochStart + i, proposers[i]);
}
