import {zeroNode} from "@chainsafe/persistent-merkle-tree";
import {altair} from "@hearth/types";
import type {BeaconStatePostAltair, CachedBeaconState} from "../types.js";

/**
 * process_participation_flag_updates (altair): rotates the flags; the new epoch starts with none.
 * The zeroed list is built from the shared all-zero subtree, whose hashes are precomputed: no leaf
 * is allocated and nothing is hashed for a million zero flags.
 */
export function processParticipationFlagUpdates(cs: CachedBeaconState): void {
  const state = cs.state as BeaconStatePostAltair;
  const type = altair.EpochParticipation;
  state.previousEpochParticipation = state.currentEpochParticipation;
  const emptyList = type.defaultViewDU().node;
  state.currentEpochParticipation = type.getViewDU(type.tree_setChunksNode(emptyList, zeroNode(type.chunkDepth), state.validators.length));
}
