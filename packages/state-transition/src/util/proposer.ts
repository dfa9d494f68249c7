import {ForkSeq, SLOTS_PER_EPOCH} from "@hearth/params";
import type {CachedBeaconState, BeaconStateFulu} from "../types.js";

/**
 * get_beacon_proposer_index: fulu reads the state's proposer_lookahead; earlier forks use the
 * proposers the epoch cache computed for the current epoch.
 */
export function getBeaconProposerIndex(cs: CachedBeaconState): number {
  if (ForkSeq[cs.fork] >= ForkSeq.fulu) return (cs.state as BeaconStateFulu).proposerLookahead.get(cs.state.slot % SLOTS_PER_EPOCH);
  return cs.epochCtx.getBeaconProposer(cs.state, cs.state.slot);
}
