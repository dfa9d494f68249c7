import {computeDomain} from "@hearth/config";
import type {BeaconStateAllForks} from "../types.js";
import {getCurrentEpoch} from "./epoch.js";

/**
 * get_domain (phase0 beacon-chain.md): the state's fork decides the version, previous before
 * fork.epoch and current from it on.
 */
export function getDomain(state: BeaconStateAllForks, domainType: Uint8Array, epoch?: number): Uint8Array {
  const e = epoch ?? getCurrentEpoch(state);
  const fork = state.fork;
  const version = e < fork.epoch ? fork.previousVersion : fork.currentVersion;
  return computeDomain(domainType, version, state.genesisValidatorsRoot);
}
