import {bellatrix} from "@hearth/types";
import type {CachedBeaconState} from "../types.js";
import {carryOverState} from "./carryOver.js";
import {replaceState, setUpgradedFork} from "./common.js";

/**
 * upgrade_to_bellatrix (bellatrix fork.md): everything carries over; latest_execution_payload_header
 * starts empty, which is what marks the merge as not yet complete.
 */
export function upgradeToBellatrix(cs: CachedBeaconState): void {
  const post = carryOverState(cs.state, bellatrix.BeaconState);
  setUpgradedFork(cs, post, "bellatrix");
  replaceState(cs, "bellatrix", post);
}
