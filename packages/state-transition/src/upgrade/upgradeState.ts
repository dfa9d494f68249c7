import {forkBefore, type ForkName} from "@hearth/params";
import type {CachedBeaconState} from "../types.js";
import {upgradeToAltair} from "./upgradeToAltair.js";
import {upgradeToBellatrix} from "./upgradeToBellatrix.js";
import {upgradeToCapella} from "./upgradeToCapella.js";
import {upgradeToDeneb} from "./upgradeToDeneb.js";
import {upgradeToElectra} from "./upgradeToElectra.js";
import {upgradeToFulu} from "./upgradeToFulu.js";

const UPGRADES: Record<Exclude<ForkName, "phase0">, (cs: CachedBeaconState) => void> = {
  altair: upgradeToAltair,
  bellatrix: upgradeToBellatrix,
  capella: upgradeToCapella,
  deneb: upgradeToDeneb,
  electra: upgradeToElectra,
  fulu: upgradeToFulu,
};

/**
 * upgrade_to_<fork> of each fork.md: replaces cs.state by the state of `fork`, which must be the fork
 * right after cs.fork, and sets cs.fork and cs.epochCtx with it.
 */
export function upgradeStateToFork(cs: CachedBeaconState, fork: ForkName): void {
  if (fork === "phase0" || forkBefore(fork) !== cs.fork) throw new Error(`cannot upgrade a ${cs.fork} state to ${fork}`);
  UPGRADES[fork](cs);
}
