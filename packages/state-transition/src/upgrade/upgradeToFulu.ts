import {MIN_SEED_LOOKAHEAD} from "@hearth/params";
import {fulu} from "@hearth/types";
import type {CachedBeaconState} from "../types.js";
import {computeProposers} from "../cache/proposers.js";
import {getCurrentEpoch} from "../util/epoch.js";
import {carryOverState} from "./carryOver.js";
import {replaceState, setUpgradedFork} from "./common.js";

/**
 * initialize_proposer_lookahead (fulu fork.md): get_beacon_proposer_indices of the current epoch and
 * the MIN_SEED_LOOKAHEAD after it. The epoch cache already holds the active indices of the current
 * and next epoch, and MIN_SEED_LOOKAHEAD is 1, so it is asked for no further.
 */
export function initializeProposerLookahead(cs: CachedBeaconState): number[] {
  const epoch = getCurrentEpoch(cs.state);
  const lookahead: number[] = [];
  for (let i = 0; i <= MIN_SEED_LOOKAHEAD; i++) {
    const activeIndices = cs.epochCtx.getShuffling(epoch + i).activeIndices;
    lookahead.push(...computeProposers(cs.fork, cs.state, epoch + i, activeIndices, cs.epochCtx.effectiveBalanceIncrements));
  }
  return lookahead;
}

/** upgrade_to_fulu (fulu fork.md): the proposer lookahead is filled from the electra state. */
export function upgradeToFulu(cs: CachedBeaconState): void {
  const lookahead = initializeProposerLookahead(cs);
  const post = carryOverState(cs.state, fulu.BeaconState);
  setUpgradedFork(cs, post, "fulu");
  post.proposerLookahead = fulu.ProposerLookahead.toViewDU(lookahead);
  replaceState(cs, "fulu", post);
}
