import {capella} from "@hearth/types";
import type {BeaconStateBellatrix, CachedBeaconState} from "../types.js";
import {carryOverState} from "./carryOver.js";
import {replaceState, setUpgradedFork} from "./common.js";

/**
 * upgrade_to_capella (capella fork.md): the payload header gains an empty withdrawals_root; the
 * withdrawal sweep starts at index 0 and historical_summaries empty (both their defaults).
 */
export function upgradeToCapella(cs: CachedBeaconState): void {
  const preHeader = (cs.state as BeaconStateBellatrix).latestExecutionPayloadHeader.toValue();
  const post = carryOverState(cs.state, capella.BeaconState);
  setUpgradedFork(cs, post, "capella");
  post.latestExecutionPayloadHeader = capella.ExecutionPayloadHeader.toViewDU({...preHeader, withdrawalsRoot: new Uint8Array(32)});
  replaceState(cs, "capella", post);
}
