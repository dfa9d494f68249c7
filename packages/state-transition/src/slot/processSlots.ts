import {FORK_NAMES, ForkSeq, SLOTS_PER_EPOCH, type ForkName} from "@hearth/params";
import type {CachedBeaconState} from "../types.js";
import {createEpochContext, createEpochContextAfterTransition} from "../cache/epochContext.js";
import {processEpoch} from "../epoch/processEpoch.js";
import {upgradeStateToFork} from "../upgrade/upgradeState.js";
import {processSlot} from "./processSlot.js";

/** The config key of each fork's epoch. */
export function forkEpoch(cs: CachedBeaconState, fork: ForkName): number {
  if (fork === "phase0") return 0;
  return cs.config[`${fork.toUpperCase()}_FORK_EPOCH`] as number;
}

/**
 * process_slots (phase0 beacon-chain.md), with the fork upgrades that the fork documents apply at
 * the first slot of a fork's epoch. The epoch cache is rebuilt at every epoch boundary, before an
 * upgrade, since upgrades read committees (altair's participation translation) and balances.
 */
export function processSlots(cs: CachedBeaconState, slot: number): void {
  if (cs.state.slot >= slot) throw new Error(`process_slots: state slot ${cs.state.slot} is not before ${slot}`);
  while (cs.state.slot < slot) {
    processSlot(cs.state);
    const nextShuffling = (cs.state.slot + 1) % SLOTS_PER_EPOCH === 0 ? processEpoch(cs) : null;
    cs.state.slot += 1;
    if (cs.state.slot % SLOTS_PER_EPOCH === 0) {
      cs.state.commit();
      // After process_epoch the cache moves on from the last one without reading the registry again.
      cs.epochCtx = nextShuffling
        ? createEpochContextAfterTransition(cs.state, cs.epochCtx, nextShuffling)
        : createEpochContext(cs.state, cs.config, cs.fork, cs.epochCtx.pubkeyCache, cs.epochCtx);
      const epoch = cs.state.slot / SLOTS_PER_EPOCH;
      for (const fork of FORK_NAMES) {
        if (ForkSeq[fork] > ForkSeq[cs.fork] && forkEpoch(cs, fork) === epoch) upgradeStateToFork(cs, fork);
      }
    }
  }
}
