// What every upgrade_to_<fork> of the fork documents does besides carrying fields over: the new
// Fork record, and the state swap with its epoch cache.
import type {ForkName} from "@hearth/params";
import {phase0} from "@hearth/types";
import {FORK_CONFIG_KEYS} from "@hearth/config";
import type {BeaconStateAllForks, CachedBeaconState} from "../types.js";
import {createEpochContext} from "../cache/epochContext.js";
import {getCurrentEpoch} from "../util/epoch.js";

/** post.fork = Fork(previous_version=pre.fork.current_version, current_version=<FORK>_FORK_VERSION, epoch=current epoch) */
export function setUpgradedFork(cs: CachedBeaconState, post: BeaconStateAllForks, fork: Exclude<ForkName, "phase0">): void {
  post.fork = phase0.Fork.toViewDU({
    previousVersion: post.fork.currentVersion,
    currentVersion: cs.config[FORK_CONFIG_KEYS[fork].version],
    epoch: getCurrentEpoch(post),
  });
}

/**
 * Puts the upgraded state in place. The epoch cache is rebuilt for the new fork (proposer sampling
 * changes in electra) but keeps its shufflings: an upgrade changes no one's activity.
 */
export function replaceState(cs: CachedBeaconState, fork: ForkName, post: BeaconStateAllForks): void {
  cs.state = post;
  cs.fork = fork;
  cs.epochCtx = createEpochContext(post, cs.config, fork, cs.epochCtx.pubkeyCache, cs.epochCtx);
}
